//go:build !js

package webapp

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/pkcelogs/pkcelogs/ui"
)

func TestServeRendersEveryPage(t *testing.T) {
	h := Serve(Config{Site: localSite(t), ClientID: "pkcelogs-local", BasePath: "/pkcelogs/"}, newWebDir(t))
	defer h.(*server).background.Wait()
	for _, page := range ui.Pages {
		rec := get(t, h, "/pkcelogs"+page)
		mustStatus(t, rec, 200, page)
		checkPage(t, page, rec.Body.String(), "/pkcelogs")
	}
	mustStatus(t, get(t, h, "/pkcelogs/no-such-page"), 404, "an unrouted page")
}

// checkPage asserts what every page needs to boot from any host: the
// toolchain's wasm_exec.js, app.js and local assets, all under the prefix,
// and app.wasm (or the signed-out build) chosen and preloaded. Attribute order is go-app's map order: parse.
func checkPage(t *testing.T, page, doc, prefix string) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("page %s: %v", page, err)
	}
	var elems []map[string]string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			e := map[string]string{"<": n.Data}
			for _, a := range n.Attr {
				e[a.Key] = a.Val
			}
			elems = append(elems, e)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	has := func(want map[string]string) bool {
		for _, e := range elems {
			ok := true
			for k, v := range want {
				if got, found := e[k]; !found || got != v {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
		return false
	}
	for _, want := range []map[string]string{
		{"<": "script", "src": prefix + "/wasm_exec.js", "defer": ""},
		{"<": "script", "src": prefix + "/app.js", "defer": ""},
		{"<": "link", "rel": "stylesheet", "href": prefix + "/web/app.css"},
		{"<": "link", "rel": "icon", "href": prefix + "/web/icon.svg"},
		{"<": "link", "rel": "manifest", "href": prefix + "/manifest.webmanifest"},
	} {
		if !has(want) {
			t.Errorf("page %s lacks %v", page, want)
		}
	}
	// The build is chosen, and preloaded, by the early script (early.go).
	for _, want := range []string{`useLite ? lite : "` + prefix + `/web/app.wasm"`, `preload.rel = "preload"`, `preload.crossOrigin = "anonymous"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("page %s: the early script lacks %s", page, want)
		}
	}
	for _, e := range elems {
		for _, k := range []string{"src", "href"} {
			link, ok := e[k]
			switch {
			case !ok:
			case strings.HasPrefix(link, "http://") || strings.HasPrefix(link, "https://"):
				if e["rel"] != "preconnect" {
					t.Errorf("page %s loads a remote resource: %v", page, e)
				}
			case prefix != "" && !strings.HasPrefix(link, prefix+"/"):
				t.Errorf("page %s links %s outside %s/", page, link, prefix)
			}
		}
	}
}

func TestExportUnderBasePath(t *testing.T) {
	web := newWebDir(t)
	dist := filepath.Join(t.TempDir(), "dist")
	cfg := Config{Site: localSite(t), FixedSite: true, ClientID: "pkcelogs-local", BasePath: "/pkcelogs/", WebDir: web,
		RedirectURI: "http://127.0.0.1:8000/pkcelogs/callback"}
	if err := Export(cfg, dist); err != nil {
		t.Fatal(err)
	}
	for _, page := range ui.Pages {
		html := readFile(t, dist, pageFile(page))
		checkPage(t, page, html, "/pkcelogs")
		if strings.Contains(html, "og:url") {
			t.Errorf("%s names the export's throw-away address in og:url", pageFile(page))
		}
		// The charset within the first 1024 bytes, then the policy before anything it
		// governs, then the referrer policy before any request.
		if _, head, _ := strings.Cut(html, "<head>"); !regexp.MustCompile(`^<meta charset="UTF-8"/><meta content="default-src [^"]+" http-equiv="Content-Security-Policy"/><meta content="strict-origin" name="referrer"/>`).MatchString(head) {
			t.Errorf("%s does not start its head with the charset, the Content-Security-Policy and the referrer policy: %.120s", pageFile(page), head)
		}
	}
	// For hosts that only know dir/index.html: the same page, which first
	// drops the slash the host's redirect added.
	for _, page := range ui.Pages {
		if page == "/" {
			continue
		}
		plain := readFile(t, dist, pageFile(page))
		dirIndex := readFile(t, dist, strings.TrimPrefix(page, "/")+"/index.html")
		if strings.Replace(dirIndex, "<script>"+slashFix+"</script>", "", 1) != plain {
			t.Errorf("%s/index.html is not %s with the slash fix", page, pageFile(page))
		}
	}
	notFound := readFile(t, dist, "404.html")
	checkPage(t, "404.html", notFound, "/pkcelogs")
	if !strings.Contains(notFound, ">Page not found</h1>") || !strings.Contains(notFound, "<title>Page not found – pkcelogs</title>") {
		t.Errorf("404.html is not the not-found page: %.300s", notFound)
	}
	for _, name := range []string{"index.html", "404.html"} {
		if page := readFile(t, dist, name); strings.Contains(page, "maximum-scale") || strings.Contains(page, "user-scalable") ||
			!strings.Contains(page, goodViewport) {
			t.Errorf("%s's viewport stops people zooming in", name)
		}
	}
	for name, want := range map[string]string{
		"wasm_exec.js":     toolchainWasmExec,
		"web/app.wasm":     string(fakeWasm),
		"web/app.css":      "body{color:#eee}\n",
		"web/icon-192.png": "png192",
	} {
		if got := readFile(t, dist, name); got != want {
			t.Errorf("%s: %.60q, want %.60q", name, got, want)
		}
	}
	for _, e := range encodings {
		data := []byte(readFile(t, dist, "web/app.wasm"+e.suffix))
		plain, err := decompress(e.name, data)
		if err != nil || !bytes.Equal(plain, fakeWasm) {
			t.Errorf("web/app.wasm%s does not decode to app.wasm: %v", e.suffix, err)
		}
	}
	env := extractEnv(t, readFile(t, dist, "app.js"))
	for k, want := range map[string]string{
		ui.EnvSite: "custom", ui.EnvFixedSite: "true", ui.EnvClientID: "pkcelogs-local",
		ui.EnvTokenURL: "http://127.0.0.1:8001/oauth/token", ui.EnvRedirectURI: "http://127.0.0.1:8000/pkcelogs/callback",
		"GOAPP_ROOT_PREFIX": "/pkcelogs", "GOAPP_STATIC_RESOURCES_URL": "/pkcelogs",
	} {
		if env[k] != want {
			t.Errorf("app.js %s = %q, want %q", k, env[k], want)
		}
	}
	if js := readFile(t, dist, "app.js"); !strings.Contains(js, `pkcelogsFetchWasm("/pkcelogs/web/app.wasm"`) ||
		!strings.Contains(js, fmt.Sprintf(`var pkcelogsWasmSizes = {"/pkcelogs/web/app.wasm":%d};`, len(fakeWasm))) {
		t.Error("exported app.js is not patched (appjs.go)")
	}
	worker := readFile(t, dist, "app-worker.js")
	if !strings.Contains(worker, `"/pkcelogs/web/app.wasm"`) || !strings.Contains(worker, `"/pkcelogs/wasm_exec.js"`) {
		t.Errorf("app-worker.js does not cache the prefixed files: %.400s", worker)
	}
	if _, err := os.Stat(filepath.Join(dist, "web", "wasm_exec.js")); err == nil {
		t.Error("web/wasm_exec.js copied: the page loads it from the root")
	}

	// Exporting again replaces the old export, byte for byte the same.
	before := readFile(t, dist, "index.html")
	os.WriteFile(filepath.Join(dist, "stale.html"), []byte("old"), 0o644)
	if err := Export(cfg, dist); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dist, "stale.html")); err == nil {
		t.Error("a file from the earlier export survived")
	}
	if readFile(t, dist, "index.html") != before {
		t.Error("the same export twice gave different index.html")
	}
}

func TestExportAtTheRoot(t *testing.T) {
	dist := t.TempDir()
	if err := Export(Config{Site: preset(t, "warcraftlogs"), ClientID: "abc", WebDir: newWebDir(t)}, dist); err != nil {
		t.Fatal(err)
	}
	checkPage(t, "/", readFile(t, dist, "index.html"), "")
	env := extractEnv(t, readFile(t, dist, "app.js"))
	if env[ui.EnvSite] != "warcraftlogs" || env[ui.EnvClientID] != "abc" || env["GOAPP_ROOT_PREFIX"] != "" {
		t.Fatalf("env %v", env)
	}
	if _, ok := env[ui.EnvRedirectURI]; ok {
		t.Fatal("a redirect URI was baked in: the page should compute it from where it is served")
	}
}

func TestExportRefusesToClobber(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.tex"), []byte("precious"), 0o644)
	err := Export(Config{Site: localSite(t), WebDir: newWebDir(t)}, dir)
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("Export into a non-empty directory: %v", err)
	}
	if readFile(t, dir, "thesis.tex") != "precious" {
		t.Fatal("the directory was touched")
	}
	err = Export(Config{Site: localSite(t), WebDir: t.TempDir()}, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "make build") {
		t.Fatalf("Export without app.wasm: %v", err)
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A go-app project's own directory has an app-worker.js too: that alone does
// not make it an earlier export to wipe. A file is not a directory.
func TestExportRefusesLookalikesAndFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "app-worker.js"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main"), 0o644)
	err := Export(Config{Site: localSite(t), WebDir: newWebDir(t)}, dir)
	if err == nil || !strings.Contains(err.Error(), "not empty") || readFile(t, dir, "main.go") != "package main" {
		t.Fatalf("Export into a go-app project's directory: %v", err)
	}
	file := filepath.Join(t.TempDir(), "dist")
	os.WriteFile(file, nil, 0o644)
	if err := Export(Config{Site: localSite(t), WebDir: newWebDir(t)}, file); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Fatalf("Export to a file: %v", err)
	}
}
