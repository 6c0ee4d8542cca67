//go:build !js

package webapp

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/pkcelogs/pkcelogs/sites"
	"github.com/pkcelogs/pkcelogs/ui"
)

// directive returns the sources of one directive of a policy, or nil.
func directive(policy, name string) []string {
	for _, d := range strings.Split(policy, ";") {
		fields := strings.Fields(d)
		if len(fields) > 0 && fields[0] == name {
			return fields[1:]
		}
	}
	return nil
}

func hashOf(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// inlineScripts are the texts of a page's inline scripts, found independently of the
// code under test.
func inlineScripts(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestPolicyHashesInlineScripts(t *testing.T) {
	// The example of CSP3 §2.3.1 ("hash-source").
	p, err := NewPolicy(Config{Site: localSite(t), FixedSite: true},
		[]byte(`<!doctype html><head><script src="/app.js"></script><script>alert('Hello, world.');</script></head>`),
		[]byte(`<html><body><script>alert('Hello, world.');</script><script>
  one();
</script></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='", hashOf("\n  one();\n")}
	slices.Sort(want)
	if !slices.Equal(p.ScriptHashes, want) {
		t.Fatalf("hashes %q, want %q (one per distinct inline script, none for src scripts)", p.ScriptHashes, want)
	}
	if got := directive(p.Header(), "script-src"); !slices.Equal(got, append([]string{"'self'", "'wasm-unsafe-eval'"}, want...)) {
		t.Fatalf("script-src %q", got)
	}
}

func TestPolicyRefusesInlineStylesAndHandlers(t *testing.T) {
	for page, say := range map[string]string{
		`<body><meter value="1" style="width:100%"></meter></body>`:  `<meter> in the page has a style attribute ("width:100%")`,
		`<body><button onclick="go()">x</button></body>`:             "inline event handler onclick",
		`<body><a href=" JavaScript:alert(1)">x</a></body>`:          "javascript: URL",
		`<body><img src="x" alt=""><script>ok()</script></body>`:     "",
		`<body><p data-style="x" class="onward">fine</p></body>`:     "",
		`<body><a href="/javascript:-is-a-path">a path</a></body>`:   "",
		`<body><script src="/a.js" data-onload="x"></script></body>`: "",
	} {
		p, err := NewPolicy(Config{Site: localSite(t), FixedSite: true}, []byte(page))
		switch {
		case say == "" && err != nil:
			t.Errorf("%s: %v", page, err)
		case say != "" && (err == nil || !strings.Contains(err.Error(), say)):
			t.Errorf("%s: error %v, want one saying %q", page, err, say)
		}
		if len(directive(p.Header(), "connect-src")) < 2 {
			t.Errorf("%s: the policy beside the error is incomplete: %s", page, p.Header())
		}
	}
}

func TestPolicyOrigins(t *testing.T) {
	local := localSite(t)
	var presetConnect []string
	for _, s := range sites.Presets() {
		for _, u := range []string{s.TokenURL, s.RevokeURL, s.APIURL} {
			if o := originOf(u); o != "" && !slices.Contains(presetConnect, o) {
				presetConnect = append(presetConnect, o)
			}
		}
	}
	if len(presetConnect) != 8 { // www, classic, sod, fresh, vanilla, cn; fflogs; esologs
		t.Fatalf("the presets' origins: %q", presetConnect)
	}
	tests := []struct {
		name         string
		cfg          Config
		connect, img []string
	}{
		{"the local provider, fixed", Config{Site: local, FixedSite: true},
			[]string{"'self'", "http://127.0.0.1:8001"}, []string{"'self'", "http://127.0.0.1:8001"}},
		{"Warcraft Logs, fixed", Config{Site: preset(t, "warcraftlogs"), FixedSite: true},
			[]string{"'self'", "https://www.warcraftlogs.com"}, append([]string{"'self'"}, logsAvatarOrigins...)},
		{"Warcraft Logs Classic, fixed: token at www, API at classic", Config{Site: preset(t, "warcraftlogs-classic"), FixedSite: true},
			[]string{"'self'", "https://www.warcraftlogs.com", "https://classic.warcraftlogs.com"}, append([]string{"'self'"}, logsAvatarOrigins...)},
		{"FF Logs, fixed: no avatars", Config{Site: preset(t, "fflogs"), FixedSite: true},
			[]string{"'self'", "https://www.fflogs.com"}, []string{"'self'"}},
		{"ESO Logs with the chooser: every preset", Config{Site: preset(t, "esologs")},
			append([]string{"'self'"}, presetConnect...), append([]string{"'self'"}, logsAvatarOrigins...)},
		{"a custom site with the chooser: it and every preset", Config{Site: local},
			append([]string{"'self'", "http://127.0.0.1:8001"}, presetConnect...), append([]string{"'self'", "http://127.0.0.1:8001"}, logsAvatarOrigins...)},
		{"extra image origins", Config{Site: preset(t, "fflogs"), FixedSite: true, ImageOrigins: []string{"https://img.example.com"}},
			[]string{"'self'", "https://www.fflogs.com"}, []string{"'self'", "https://img.example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPolicy(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			h := p.Header()
			if got := directive(h, "connect-src"); !sameSet(got, tc.connect) {
				t.Errorf("connect-src %q, want %q", got, tc.connect)
			}
			if got := directive(h, "img-src"); !sameSet(got, tc.img) {
				t.Errorf("img-src %q, want %q", got, tc.img)
			}
		})
	}
	// A custom site's revocation endpoint on its own host is allowed too.
	s := local
	s.RevokeURL = "https://revoke.example.com/oauth/revoke"
	p, _ := NewPolicy(Config{Site: s, FixedSite: true})
	if got := directive(p.Header(), "connect-src"); !slices.Contains(got, "https://revoke.example.com") {
		t.Errorf("connect-src %q lacks the revocation origin", got)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestPolicyDirectives(t *testing.T) {
	p, err := NewPolicy(Config{Site: localSite(t), FixedSite: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"default-src": {"'none'"}, "style-src": {"'self'"}, "manifest-src": {"'self'"}, "worker-src": {"'self'"},
		"base-uri": {"'none'"}, "form-action": {"'none'"}, "object-src": {"'none'"},
	}
	for name, sources := range want {
		if got := directive(p.Header(), name); !slices.Equal(got, sources) {
			t.Errorf("%s %q, want %q", name, got, sources)
		}
		if got := directive(p.Meta(), name); !slices.Equal(got, sources) {
			t.Errorf("meta %s %q, want %q", name, got, sources)
		}
	}
	if got := directive(p.Header(), "frame-ancestors"); !slices.Equal(got, []string{"'none'"}) {
		t.Errorf("header frame-ancestors %q", got)
	}
	if strings.Contains(p.Meta(), "frame-ancestors") {
		t.Errorf("the meta policy carries frame-ancestors, which browsers ignore there with a console error: %s", p.Meta())
	}
	if strings.Contains(p.Header(), "unsafe-inline") || strings.Contains(p.Header(), "'unsafe-eval'") {
		t.Errorf("the policy allows inline code or eval: %s", p.Header())
	}
}

func TestImageOriginsAreChecked(t *testing.T) {
	for _, bad := range []string{"images.example.com", "https://img.example.com/avatars", "ftp://img.example.com", "https://img.example.com?x=1", "https://u@img.example.com"} {
		err := Config{Site: localSite(t), ImageOrigins: []string{bad}}.Validate()
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "must be an origin") {
			t.Errorf("image origin %q: %v", bad, err)
		}
	}
	if err := (Config{Site: localSite(t), ImageOrigins: []string{"https://img.example.com", "http://127.0.0.1:9000/"}}).Validate(); err != nil {
		t.Error(err)
	}
}

// The development server sends the policy on every response, computed from the pages
// it serves: each page's inline scripts are allowed by their hashes, and the pages
// have nothing the policy refuses.
func TestServeSendsThePolicy(t *testing.T) {
	cfg := Config{Site: localSite(t), FixedSite: true, ClientID: "pkcelogs-local", BasePath: "/pkcelogs/"}
	h := Serve(cfg, newWebDir(t))
	for _, p := range append(slices.Clone(ui.Pages), "/no-such-page", "/app.js", "/web/app.wasm", "/manifest.webmanifest", "/app-worker.js") {
		rec := get(t, h, "/pkcelogs"+p)
		policy := rec.Header().Get("Content-Security-Policy")
		if policy == "" {
			t.Errorf("%s: no Content-Security-Policy header (%d)", p, rec.Code)
			continue
		}
		if got := directive(policy, "frame-ancestors"); !slices.Equal(got, []string{"'none'"}) {
			t.Errorf("%s: frame-ancestors %q", p, got)
		}
		if !slices.Contains(directive(policy, "connect-src"), "http://127.0.0.1:8001") {
			t.Errorf("%s: connect-src lacks the provider: %s", p, policy)
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			continue
		}
		scripts := inlineScripts(t, rec.Body.String())
		if len(scripts) == 0 {
			t.Errorf("%s: no inline script found; the test no longer sees the storage guard", p)
		}
		for _, s := range scripts {
			if !slices.Contains(directive(policy, "script-src"), hashOf(s)) {
				t.Errorf("%s: script-src %q lacks the hash of the inline script %.60q", p, directive(policy, "script-src"), s)
			}
		}
		if _, err := NewPolicy(cfg, rec.Body.Bytes()); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// The export carries the policy in every page, before any script, and in _headers;
// the plain static server applies _headers as Netlify does, and does not serve it.
func TestExportCarriesThePolicy(t *testing.T) {
	dist := filepath.Join(t.TempDir(), "dist")
	cfg := Config{Site: preset(t, "warcraftlogs"), ClientID: "abc", BasePath: "/pkcelogs/", WebDir: newWebDir(t)}
	if err := Export(cfg, dist); err != nil {
		t.Fatal(err)
	}
	var metaPolicy string
	err := filepath.WalkDir(dist, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		page := string(raw)
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return err
		}
		head := findElement(doc, "head")
		var policy string
		for c := head.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "script" && policy == "" {
				t.Errorf("%s: a script comes before the Content-Security-Policy meta tag", p)
			}
			if c.Data == "meta" && attr(c, "http-equiv") == "Content-Security-Policy" {
				if policy != "" {
					t.Errorf("%s: two policy meta tags", p)
				}
				policy = attr(c, "content")
			}
		}
		if policy == "" {
			t.Fatalf("%s: no Content-Security-Policy meta tag", p)
		}
		if metaPolicy != "" && policy != metaPolicy {
			t.Errorf("%s: a policy unlike the other pages'", p)
		}
		metaPolicy = policy
		for _, s := range inlineScripts(t, page) {
			if !slices.Contains(directive(policy, "script-src"), hashOf(s)) {
				t.Errorf("%s: the meta policy lacks the hash of %.60q", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := directive(metaPolicy, "script-src"); len(got) != 6 { // 'self' 'wasm-unsafe-eval', the storage guard, the early-click script, the origin filler, the slash fix
		t.Errorf("script-src %q: want the storage guard's, the early-click script's, the origin filler's and the slash fix's hashes", got)
	}
	if !slices.Contains(directive(metaPolicy, "connect-src"), "https://www.esologs.com") {
		t.Errorf("with the chooser the policy must allow every preset: %s", metaPolicy)
	}
	if strings.Contains(metaPolicy, "frame-ancestors") {
		t.Error("the meta policy carries frame-ancestors")
	}

	headers := readFile(t, dist, "_headers")
	want := "/pkcelogs/*\n  Content-Security-Policy: " + strings.Replace(metaPolicy, "object-src 'none'", "object-src 'none'; frame-ancestors 'none'", 1) +
		"\n  Referrer-Policy: strict-origin\n  X-Content-Type-Options: nosniff\n"
	if !strings.HasSuffix(headers, want) {
		t.Errorf("_headers:\n%s\nwant it to end with:\n%s", headers, want)
	}

	site := StaticSite(dist, "/pkcelogs/")
	for _, p := range []string{"/pkcelogs/", "/pkcelogs/callback", "/pkcelogs/web/app.wasm", "/pkcelogs/no-such-page"} {
		rec := get(t, site, p)
		if got := rec.Header().Get("Content-Security-Policy"); !strings.HasSuffix(got, "frame-ancestors 'none'") || !strings.HasPrefix(got, "default-src 'none'") {
			t.Errorf("static %s: Content-Security-Policy %q", p, got)
		}
		if rec.Header().Get("Referrer-Policy") != "strict-origin" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("static %s: headers %s", p, describe(rec.Header()))
		}
	}
	if rec := get(t, site, "/pkcelogs/_headers"); rec.Code != 404 {
		t.Errorf("the static server serves _headers: %d", rec.Code)
	}
	if rec := get(t, site, "/elsewhere"); rec.Header().Get("Content-Security-Policy") != "" {
		t.Errorf("a path outside the pattern got the headers")
	}

	// Exporting again over the export keeps one meta tag per page.
	if err := Export(cfg, dist); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(readFile(t, dist, "index.html"), "Content-Security-Policy"); n != 1 {
		t.Errorf("after a second export index.html has %d policies", n)
	}
}

func TestHeadersFileErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>hi"), 0o644)
	os.WriteFile(filepath.Join(dir, "_headers"), []byte("/*\n  not a header line\n"), 0o644)
	rec := get(t, StaticSite(dir, "/"), "/")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `line 2: "not a header line"`) {
		t.Errorf("a malformed _headers: %d %s", rec.Code, rec.Body.String())
	}
	os.WriteFile(filepath.Join(dir, "_headers"), []byte("# c\n/exact\n  X-A: 1\n/*\n\tX-B: 2\n"), 0o644)
	if rec := get(t, StaticSite(dir, "/"), "/"); rec.Header().Get("X-A") != "" || rec.Header().Get("X-B") != "2" {
		t.Errorf("headers %s", describe(rec.Header()))
	}
}
