//go:build !js

package webapp

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/ui"
)

func TestServeNegotiatesWasmEncoding(t *testing.T) {
	web := newWebDir(t)
	if err := Precompress(web); err != nil {
		t.Fatal(err)
	}
	h := Serve(Config{Site: localSite(t), ClientID: "pkcelogs-local"}, web)
	cases := []struct {
		accept, encoding string
	}{
		{"gzip, deflate, br, zstd", "br"},
		{"gzip, deflate", "gzip"}, // what Chromium sends over plain http
		{"br;q=0, gzip", "gzip"},
		{"*", "br"},
		{"*;q=0", ""},
		{"br;q=0, gzip;q=0", ""},
		{"identity", ""},
		{"", ""},
	}
	etags := map[string]string{}
	for _, tc := range cases {
		rec := get(t, h, "/web/app.wasm", "Accept-Encoding", tc.accept)
		mustStatus(t, rec, 200, "app.wasm with "+tc.accept)
		hd := rec.Header()
		if got := hd.Get("Content-Type"); got != "application/wasm" {
			t.Errorf("%q: Content-Type %q, want application/wasm (streaming compilation needs it)", tc.accept, got)
		}
		if got := hd.Get("Content-Encoding"); got != tc.encoding {
			t.Errorf("%q: Content-Encoding %q, want %q", tc.accept, got, tc.encoding)
		}
		if got := hd.Get(wasmLengthHeader); got != strconv.Itoa(len(fakeWasm)) {
			t.Errorf("%q: %s = %q, want the raw size %d", tc.accept, wasmLengthHeader, got, len(fakeWasm))
		}
		if !strings.Contains(hd.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%q: no Vary: Accept-Encoding", tc.accept)
		}
		if got := hd.Get("Content-Length"); got != strconv.Itoa(rec.Body.Len()) {
			t.Errorf("%q: Content-Length %s for a %d-byte body", tc.accept, got, rec.Body.Len())
		}
		body := rec.Body.Bytes()
		if tc.encoding != "" {
			if len(body) >= len(fakeWasm)/4 {
				t.Errorf("%q: %d compressed bytes from %d: not compressed", tc.accept, len(body), len(fakeWasm))
			}
			var err error
			if body, err = decompress(tc.encoding, body); err != nil {
				t.Fatalf("%q: decoding %s: %v", tc.accept, tc.encoding, err)
			}
		}
		if !bytes.Equal(body, fakeWasm) {
			t.Errorf("%q: body is not app.wasm", tc.accept)
		}
		etags[tc.encoding] = hd.Get("ETag")
	}
	if etags["br"] == etags["gzip"] || etags["gzip"] == etags[""] {
		t.Errorf("ETags must differ per encoding: %v", etags)
	}
	rec := get(t, h, "/web/app.wasm", "Accept-Encoding", "gzip", "If-None-Match", etags["gzip"])
	mustStatus(t, rec, http.StatusNotModified, "revalidation")
}

func TestServeCompressesWhatIsMissing(t *testing.T) {
	web := newWebDir(t)
	h := Serve(Config{Site: localSite(t)}, web)
	defer h.(*server).background.Wait()
	rec := get(t, h, "/web/app.wasm", "Accept-Encoding", "gzip, br")
	mustStatus(t, rec, 200, "app.wasm")
	// gzip is made at once; brotli in the background, then written to disk.
	if enc := rec.Header().Get("Content-Encoding"); enc != "gzip" && enc != "br" {
		t.Fatalf("first answer Content-Encoding %q, want gzip or br", enc)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, ok := readFresh(filepath.Join(web, "app.wasm.br"), "br", fakeWasm); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("app.wasm.br was not written")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, ok := readFresh(filepath.Join(web, "app.wasm.gz"), "gzip", fakeWasm); !ok {
		t.Fatal("app.wasm.gz was not written")
	}
	for {
		rec = get(t, h, "/web/app.wasm", "Accept-Encoding", "gzip, br")
		if rec.Header().Get("Content-Encoding") == "br" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("brotli copy never served")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeNoticesARebuild(t *testing.T) {
	web := newWebDir(t)
	h := Serve(Config{Site: localSite(t)}, web)
	defer h.(*server).background.Wait()
	v1 := extractEnv(t, get(t, h, "/app.js").Body.String())["GOAPP_VERSION"]
	rebuilt := append([]byte("v2"), fakeWasm...)
	if err := os.WriteFile(filepath.Join(web, "app.wasm"), rebuilt, 0o644); err != nil {
		t.Fatal(err)
	}
	// Make sure the stamp differs even on a coarse-mtime file system.
	future := time.Now().Add(2 * time.Second)
	os.Chtimes(filepath.Join(web, "app.wasm"), future, future)
	v2 := extractEnv(t, get(t, h, "/app.js").Body.String())["GOAPP_VERSION"]
	if v1 == "" || v1 == v2 {
		t.Fatalf("version %q then %q after a rebuild: the service worker would keep the old app", v1, v2)
	}
	rec := get(t, h, "/web/app.wasm")
	if !bytes.Equal(rec.Body.Bytes(), rebuilt) {
		t.Fatal("the old app.wasm is still served")
	}
}

func TestServeToolchainWasmExec(t *testing.T) {
	web := newWebDir(t)
	h := Serve(Config{Site: localSite(t)}, web)
	defer h.(*server).background.Wait()
	rec := get(t, h, "/wasm_exec.js")
	mustStatus(t, rec, 200, "wasm_exec.js")
	if rec.Body.String() != toolchainWasmExec {
		t.Fatalf("wasm_exec.js is not web/wasm_exec.js (go-app's bundled copy?): %.100q", rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Fatalf("wasm_exec.js Content-Type %q", ct)
	}
	os.Remove(filepath.Join(web, "wasm_exec.js"))
	rec = get(t, h, "/wasm_exec.js")
	mustStatus(t, rec, 404, "missing wasm_exec.js")
	if !strings.Contains(rec.Body.String(), "make build") {
		t.Fatalf("missing wasm_exec.js: %q does not say to run make build", rec.Body.String())
	}
}

func TestServeUnderBasePath(t *testing.T) {
	web := newWebDir(t)
	h := Serve(Config{Site: localSite(t), BasePath: "/pkcelogs/"}, web)
	defer h.(*server).background.Wait()

	rec := get(t, h, "/pkcelogs?x=1")
	mustStatus(t, rec, http.StatusMovedPermanently, "base path without slash")
	if loc := rec.Header().Get("Location"); loc != "/pkcelogs/?x=1" {
		t.Fatalf("redirect to %q, want /pkcelogs/?x=1", loc)
	}
	rec = get(t, h, "/web/app.wasm")
	mustStatus(t, rec, 404, "outside the base path")
	if !strings.Contains(rec.Body.String(), "/pkcelogs/") {
		t.Fatalf("404 outside the base path should say where the app is: %q", rec.Body.String())
	}
	mustStatus(t, get(t, h, "/pkcelogs/web/app.wasm"), 200, "app.wasm under the base path")
	mustStatus(t, get(t, h, "/pkcelogs/wasm_exec.js"), 200, "wasm_exec.js under the base path")
	rec = get(t, h, "/pkcelogs/web/app.css")
	mustStatus(t, rec, 200, "a static asset")
	if rec.Body.String() != "body{color:#eee}\n" {
		t.Fatalf("app.css: %q", rec.Body.String())
	}
	mustStatus(t, get(t, h, "/pkcelogs/web/"), 404, "directory listing")
	for _, p := range []string{"/pkcelogs/", "/pkcelogs/callback", "/pkcelogs/web/app.wasm", "/elsewhere"} {
		if got := get(t, h, p).Header().Get("Referrer-Policy"); got != "strict-origin" {
			t.Errorf("%s: Referrer-Policy %q: the callback's code could leak in Referer", p, got)
		}
	}
}

func TestServeExplainsMistakes(t *testing.T) {
	web := t.TempDir()
	rec := get(t, Serve(Config{Site: localSite(t)}, web), "/web/app.wasm")
	mustStatus(t, rec, 404, "missing app.wasm")
	if !strings.Contains(rec.Body.String(), "make build") {
		t.Fatalf("missing app.wasm: %q does not say to run make build", rec.Body.String())
	}
	rec = get(t, Serve(Config{Site: localSite(t), Storage: "cookies"}, web), "/")
	mustStatus(t, rec, 500, "bad config")
	if !strings.Contains(rec.Body.String(), `storage "cookies"`) {
		t.Fatalf("bad config: %q", rec.Body.String())
	}
}

func TestAcceptable(t *testing.T) {
	cases := map[string]map[string]bool{
		"gzip, deflate, br":  {"br": true, "gzip": true},
		"GZIP":               {"gzip": true},
		"br;q=0.0, gzip;q=1": {"br": false, "gzip": true},
		"*":                  {"br": true, "gzip": true},
		"*, br;q=0":          {"br": false, "gzip": true},
		"br;q=bogus":         {"br": false},
		",,;":                {},
	}
	for header, want := range cases {
		if got := acceptable(header); !reflect.DeepEqual(got, want) {
			t.Errorf("acceptable(%q) = %v, want %v", header, got, want)
		}
	}
}

func TestServePatchesTheWasmLoader(t *testing.T) {
	web := newWebDir(t)
	h := Serve(Config{Site: localSite(t), BasePath: "/pkcelogs/"}, web)
	defer h.(*server).background.Wait()
	rec := get(t, h, "/pkcelogs/app.js")
	mustStatus(t, rec, 200, "app.js")
	js := rec.Body.String()
	if !strings.Contains(js, `pkcelogsFetchWasm("/pkcelogs/web/app.wasm"`) || strings.Contains(js, `fetchWithProgress("`) {
		t.Fatalf("app.js loads app.wasm through go-app's wrapper, not pkcelogsFetchWasm")
	}
	if strings.Contains(js, "\ngoappInitServiceWorker();\n") || !strings.Contains(js, "goappInitWebAssembly().finally(") {
		t.Error("app.js registers the service worker before the app has started")
	}
	if !strings.Contains(js, `var pkcelogsWasmSizes = {"/pkcelogs/web/app.wasm":`+strconv.Itoa(len(fakeWasm))+"};") {
		t.Error("app.js does not carry app.wasm's size for the progress display")
	}
	dateOptions, err := json.Marshal(ui.DateTimeOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js, "new Intl.DateTimeFormat(undefined, "+string(dateOptions)+")") ||
		!strings.Contains(js, "setTimeout(pkcelogsWarmDates, 0)") {
		t.Error("app.js does not have V8 prepare ui.DateTimeOptions' formatter while app.wasm compiles")
	}
	if env := extractEnv(t, js); env["GOAPP_ROOT_PREFIX"] != "/pkcelogs" {
		t.Fatalf("patched app.js lost its env: %v", env)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Fatalf("app.js Content-Type %q", ct)
	}
	rec = get(t, h, "/pkcelogs/app.js", "If-None-Match", rec.Header().Get("ETag"))
	mustStatus(t, rec, http.StatusNotModified, "app.js revalidation")
}

func TestPatchAppJSRefusesAnUnknownLoader(t *testing.T) {
	if _, err := patchAppJS([]byte("const x = 1;"), nil); err == nil {
		t.Fatal("patchAppJS accepted an app.js without go-app's loader call")
	}
}

func TestBrotliEncodersAgreeOnContent(t *testing.T) {
	for name, data := range map[string][]byte{"go": compressBrotliGo(fakeWasm), "compress": compressBrotli(fakeWasm)} {
		plain, err := decompress("br", data)
		if err != nil || !bytes.Equal(plain, fakeWasm) {
			t.Errorf("%s brotli does not round-trip: %v", name, err)
		}
	}
}

// `make run` answers an address the app has no page for with the same
// not-found page the static export writes as 404.html, status 404, and no
// page stops a phone zooming in.
func TestServeAnswersUnknownAddressesWithTheNotFoundPage(t *testing.T) {
	web := newWebDir(t)
	cfg := Config{Site: localSite(t), FixedSite: true, ClientID: "pkcelogs-local", WebDir: web}
	h := Serve(cfg, web)
	defer h.(*server).background.Wait()

	rec := get(t, h, "/no-such-page")
	mustStatus(t, rec, http.StatusNotFound, "an unknown address")
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("an unknown address is answered as %q, want the HTML not-found page", ct)
	}
	page := rec.Body.String()
	for _, want := range []string{">Page not found</h1>", "<title>Page not found – pkcelogs</title>", `data-testid="not-found-home"`, "/app.js"} {
		if !strings.Contains(page, want) {
			t.Errorf("the not-found page lacks %q: %.400s", want, page)
		}
	}
	dist := filepath.Join(t.TempDir(), "dist")
	if err := Export(cfg, dist); err != nil {
		t.Fatal(err)
	}
	exported := readFile(t, dist, "404.html")
	for _, want := range []string{">Page not found</h1>", `data-testid="not-found-home"`} {
		if !strings.Contains(exported, want) {
			t.Errorf("the export's 404.html lacks %q", want)
		}
	}
	for _, p := range append(slices.Clone(ui.Pages), "/no-such-page") {
		body := get(t, h, p).Body.String()
		if strings.Contains(body, "maximum-scale") || strings.Contains(body, "user-scalable") || !strings.Contains(body, goodViewport) {
			t.Errorf("%s: the viewport stops people zooming in", p)
		}
	}
	mustStatus(t, get(t, h, "/web/no-such.png"), http.StatusNotFound, "a missing file")
}

func TestFixViewportRefusesAnUnknownPage(t *testing.T) {
	if _, err := fixViewport([]byte(`<meta name="viewport" content="width=device-width">`)); err == nil {
		t.Fatal("a page without go-app's viewport was taken")
	}
}

// Each page is pre-rendered with its own title.
func TestServeTitlesEveryPage(t *testing.T) {
	web := newWebDir(t)
	h := Serve(Config{Site: localSite(t), FixedSite: true, ClientID: "pkcelogs-local", WebDir: web}, web)
	defer h.(*server).background.Wait()
	for path, want := range map[string]string{
		ui.PathHome: "Dashboard – pkcelogs", ui.PathCallback: "Signing in – pkcelogs", ui.PathConsole: "Console – pkcelogs",
		ui.PathSettings: "Settings – pkcelogs", "/elsewhere": "Page not found – pkcelogs",
	} {
		if page := get(t, h, path).Body.String(); !strings.Contains(page, "<title>"+want+"</title>") {
			t.Errorf("%s is not titled %q", path, want)
		}
	}
}
