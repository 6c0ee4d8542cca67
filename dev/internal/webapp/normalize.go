//go:build !js

package webapp

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// referrerPolicy sends only the origin as Referer, never the address: the
// callback page's address carries the authorization code until the app
// removes it, and static hosts log Referer headers.
const referrerPolicy = "strict-origin"

// normalizeHTML makes an exported page reproducible: go-app writes attributes
// in map order, so the same page differs from run to run; this sorts them.
// It drops og:url, which would name the export's throw-away address rather
// than where the site is deployed, and puts the referrer policy first in the
// head (a static host sends no headers of ours).
func normalizeHTML(page []byte) ([]byte, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parsing a rendered page: %w", err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && c.Data == "meta" && attr(c, "property") == "og:url" {
				n.RemoveChild(c)
			} else {
				walk(c)
			}
			c = next
		}
		slices.SortStableFunc(n.Attr, func(a, b html.Attribute) int { return strings.Compare(a.Key, b.Key) })
	}
	walk(doc)
	head := findElement(doc, "head")
	if head == nil {
		return nil, fmt.Errorf("a rendered page has no <head>")
	}
	meta := &html.Node{Type: html.ElementNode, Data: "meta", Attr: []html.Attribute{{Key: "content", Val: referrerPolicy}, {Key: "name", Val: "referrer"}}}
	head.InsertBefore(meta, head.FirstChild)
	var b bytes.Buffer
	if err := html.Render(&b, doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// slashFix runs before go-app's deferred scripts: it drops the trailing slash
// a static host added on its way to dir/index.html, keeping query and
// fragment, so the app sees the address it routes (and the callback its code).
const slashFix = `(function(){var l=location,p=l.pathname;if(p.length>1&&p.charAt(p.length-1)=="/")history.replaceState(history.state,"",p.slice(0,-1)+l.search+l.hash)})();`

// withSlashFix inserts slashFix as the first element of the page's head.
func withSlashFix(page []byte) ([]byte, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parsing an exported page: %w", err)
	}
	head := findElement(doc, "head")
	if head == nil {
		return nil, fmt.Errorf("an exported page has no <head>")
	}
	script := &html.Node{Type: html.ElementNode, Data: "script"}
	script.AppendChild(&html.Node{Type: html.TextNode, Data: slashFix})
	head.InsertBefore(script, head.FirstChild)
	var b bytes.Buffer
	if err := html.Render(&b, doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// findElement returns the first element with the tag, depth first.
func findElement(n *html.Node, tag string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			return c
		}
		if found := findElement(c, tag); found != nil {
			return found
		}
	}
	return nil
}
