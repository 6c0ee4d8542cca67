//go:build !js

package webapp

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
)

// Policy is the Content-Security-Policy of the app's pages (CSP Level 3), computed
// from the configuration and the pages themselves by [NewPolicy], so it cannot drift
// from what the page does:
//
//	default-src 'none'
//	script-src 'self' 'wasm-unsafe-eval' 'sha256-…'   app.js, wasm_exec.js, compiling app.wasm, each inline script
//	style-src 'self'                                  app.css only: no style attributes
//	img-src 'self' <avatar origins>
//	connect-src 'self' <token, revocation and API origins of every site the page offers>
//	manifest-src 'self'; worker-src 'self'            go-app's manifest and service worker
//	base-uri 'none'; form-action 'none'; object-src 'none'
//	frame-ancestors 'none'                            (header only: a meta tag cannot carry it)
//
// The page holds tokens in web storage, so it is the security boundary: this policy
// keeps injected markup from running script, loading script from elsewhere or sending
// data to any origin but the sites' (draft-ietf-oauth-browser-based-apps §9.7).
type Policy struct {
	// ScriptHashes are the CSP hash sources of the inline scripts, "'sha256-…'", sorted.
	ScriptHashes []string
	// ImgOrigins and ConnectOrigins are the origins allowed beyond 'self', in order.
	ImgOrigins     []string
	ConnectOrigins []string
}

// logsAvatarOrigins are where the Warcraft Logs sites' User.avatar URLs point, as far as
// is known: the Logs platform's asset host, and Blizzard's character renders ("typically
// the main character avatar", says the schema). Inferred, not observed from here:
// Config.ImageOrigins adds any other.
var logsAvatarOrigins = []string{"https://assets.rpglogs.com", "https://render.worldofwarcraft.com"}

// NewPolicy is the policy for the app configured by cfg whose pages are pages (the
// HTML the browser receives, every variant of it: their inline scripts are hashed).
// A page with an inline event handler, a javascript: URL or a style attribute is an
// error that names it (the policy would refuse it in the browser), returned with the
// policy for the rest.
func NewPolicy(cfg Config, pages ...[]byte) (Policy, error) {
	var p Policy
	var problem error
	for _, page := range pages {
		hashes, err := inlineScriptHashes(page)
		if err != nil && problem == nil {
			problem = err
		}
		p.ScriptHashes = append(p.ScriptHashes, hashes...)
	}
	slices.Sort(p.ScriptHashes)
	p.ScriptHashes = slices.Compact(p.ScriptHashes)

	img, connect := newOriginSet(), newOriginSet()
	for _, s := range offeredSites(cfg) {
		connect.add(s.TokenURL, s.RevokeURL, s.APIURL)
		if s.Game == sites.GameWarcraft { // only Warcraft Logs' User has an avatar
			if sites.IsPreset(s) {
				img.add(logsAvatarOrigins...)
			} else {
				// A custom provider such as the local one serves avatars beside its API.
				img.add(s.APIURL)
			}
		}
	}
	img.add(cfg.ImageOrigins...)
	p.ImgOrigins, p.ConnectOrigins = img.list, connect.list
	return p, problem
}

// offeredSites are the sites the page may sign in to and call: the session's
// own list.
func offeredSites(cfg Config) []sites.Site { return session.OfferedSites(cfg.options()) }

// Header is the policy as the Content-Security-Policy response header.
func (p Policy) Header() string { return p.render(true) }

// Meta is the policy for a <meta http-equiv="Content-Security-Policy"> tag, which
// browsers read without frame-ancestors (CSP3 §6.4.2: it is ignored there).
func (p Policy) Meta() string { return p.render(false) }

func (p Policy) render(header bool) string {
	directives := []string{
		"default-src 'none'",
		"script-src " + strings.Join(append([]string{"'self'", "'wasm-unsafe-eval'"}, p.ScriptHashes...), " "),
		"style-src 'self'",
		"img-src " + strings.Join(append([]string{"'self'"}, p.ImgOrigins...), " "),
		"connect-src " + strings.Join(append([]string{"'self'"}, p.ConnectOrigins...), " "),
		"manifest-src 'self'",
		"worker-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		"object-src 'none'",
	}
	if header {
		directives = append(directives, "frame-ancestors 'none'")
	}
	return strings.Join(directives, "; ")
}

// originSet keeps the distinct origins of URLs in the order first seen.
type originSet struct {
	seen map[string]bool
	list []string
}

func newOriginSet() *originSet { return &originSet{seen: map[string]bool{}} }

func (s *originSet) add(urls ...string) {
	for _, raw := range urls {
		o := originOf(raw)
		if o != "" && !s.seen[o] {
			s.seen[o] = true
			s.list = append(s.list, o)
		}
	}
}

// originOf is scheme://host[:port] of an absolute http(s) URL, else "".
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Scheme + "://" + u.Host)
}

// checkOrigins reports the first entry of origins that is not an http(s) origin.
func checkOrigins(what string, origins []string) error {
	for _, o := range origins {
		u, err := url.Parse(o)
		if err != nil || originOf(o) == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return fmt.Errorf("%w: %s %q must be an origin such as https://images.example.com (scheme, host and port only)", ErrConfig, what, o)
		}
	}
	return nil
}

// inlineScriptHashes are the CSP hash sources (CSP3 §8.4) of every inline script in
// page, and an error for markup the policy refuses.
func inlineScriptHashes(page []byte) ([]string, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parsing a page for its Content-Security-Policy: %w", err)
	}
	var hashes []string
	var problem error
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && problem == nil {
			for _, a := range n.Attr {
				switch {
				case a.Key == "style":
					problem = fmt.Errorf("webapp: a <%s> in the page has a style attribute (%q), which the Content-Security-Policy refuses (style-src 'self'): style it in app.css", n.Data, a.Val)
				case strings.HasPrefix(a.Key, "on"):
					problem = fmt.Errorf("webapp: a <%s> in the page has an inline event handler %s, which the Content-Security-Policy refuses: attach handlers from Go", n.Data, a.Key)
				case (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
					problem = fmt.Errorf("webapp: a <%s> in the page has a javascript: URL, which the Content-Security-Policy refuses", n.Data)
				}
			}
			if n.Data == "script" && !hasAttr(n, "src") {
				var text strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode {
						text.WriteString(c.Data)
					}
				}
				sum := sha256.Sum256([]byte(text.String()))
				hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return hashes, problem
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// withPolicyMeta puts the policy's meta tag into page's head, before any script so
// that it governs them all, right after <meta charset> (which must stay within the
// first 1024 bytes).
func withPolicyMeta(page []byte, p Policy) ([]byte, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parsing an exported page: %w", err)
	}
	head := findElement(doc, "head")
	if head == nil {
		return nil, fmt.Errorf("an exported page has no <head>")
	}
	var charset *html.Node
	for c := head.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.Data == "meta" {
			switch {
			case strings.EqualFold(attr(c, "http-equiv"), "Content-Security-Policy"):
				head.RemoveChild(c) // put there before: replaced
			case charset == nil && hasAttr(c, "charset"):
				charset = c
			}
		}
		c = next
	}
	meta := &html.Node{Type: html.ElementNode, Data: "meta", Attr: []html.Attribute{
		{Key: "content", Val: p.Meta()}, {Key: "http-equiv", Val: "Content-Security-Policy"}}}
	if charset != nil {
		head.RemoveChild(charset)
		head.InsertBefore(charset, head.FirstChild)
		head.InsertBefore(meta, charset.NextSibling)
	} else {
		head.InsertBefore(meta, head.FirstChild)
	}
	var b bytes.Buffer
	if err := html.Render(&b, doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// headersFile is the file Netlify and Cloudflare Pages read response headers from.
const headersFile = "_headers"

// writePolicy computes the policy from every page written to dir, puts it into each
// page's head as a meta tag (a static host sends no headers of ours), and writes
// _headers with the header form, which also carries frame-ancestors (a meta tag cannot),
// the referrer policy and nosniff, for hosts that read it.
func writePolicy(cfg Config, dir string) error {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	pages := make([][]byte, len(names))
	for i, name := range names {
		if pages[i], err = os.ReadFile(name); err != nil {
			return err
		}
	}
	policy, err := NewPolicy(cfg, pages...)
	if err != nil {
		return err
	}
	for i, name := range names {
		page, err := withPolicyMeta(pages[i], policy)
		if err != nil {
			return err
		}
		if err := os.WriteFile(name, page, 0o644); err != nil {
			return err
		}
	}
	return writeFile(dir, headersFile, []byte(headersFor(cfg.prefix()+"/", policy)))
}

// headersFor is the _headers file (Netlify, Cloudflare Pages) for a site mounted at
// base ("/" or "/pkcelogs/"): every response under base gets the policy and the
// headers that go with it. The file must sit at the root of what is published.
func headersFor(base string, p Policy) string {
	return "# Response headers for Netlify and Cloudflare Pages (written by pkcelogs' export).\n" +
		"# With a base path, this file belongs at the root of what you publish.\n" +
		base + "*\n" +
		"  Content-Security-Policy: " + p.Header() + "\n" +
		"  Referrer-Policy: " + referrerPolicy + "\n" +
		"  X-Content-Type-Options: nosniff\n"
}
