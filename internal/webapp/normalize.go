//go:build !js

package webapp

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// normalizeHTML makes an exported page reproducible: go-app writes attributes
// in map order, so the same page differs from run to run; this sorts them.
// It also drops og:url, which would name the export's throw-away address
// rather than where the site is deployed.
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
