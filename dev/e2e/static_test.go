//go:build e2e

package e2e

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
)

// Flow 11a: the static export (what `make static` writes), served by Go's
// plain http.FileServer under a base path as a project site would be, signs
// in, and once its service worker has the app it reloads with the file
// server gone.
func TestStaticExportUnderBasePath(t *testing.T) {
	const base = "/pkcelogs/"
	s, ln, dist := staticExport(t, base)
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dist))))
	files := serve(t, ln, mux)

	tb := newBrowser(t, "main")
	tb.open(s.url(base))
	tb.clickSignIn()
	tb.expectAliceDashboard()
	if loc := tb.location(); loc != s.url(base) {
		t.Errorf("after sign-in the address is %s, want %s", loc, s.url(base))
	}
	if authz := s.checkPKCE(); authz.Query.Get("redirect_uri") != s.url(base+"callback") {
		t.Errorf("redirect_uri = %q, want %q", authz.Query.Get("redirect_uri"), s.url(base+"callback"))
	}

	// The service worker takes over, then the file server goes away.
	const controlled = `navigator.serviceWorker && navigator.serviceWorker.controller ? navigator.serviceWorker.controller.scriptURL : ""`
	if evalJS[string](tb, controlled) == "" {
		tb.reload()
	}
	worker := tb.pollJS("a service worker to control the page", controlled)
	if !strings.HasPrefix(worker, s.url(base)) {
		t.Errorf("service worker %s is not under the base path", worker)
	}
	files.Close()
	if resp, err := http.Get(s.url(base)); err == nil {
		resp.Body.Close()
		t.Fatal("the file server still answers")
	}
	tb.reload()
	tb.waitText("profile-name", "Alice")
}

// On a first visit the service worker registers only once the app has
// started. go-app registers it at once, and its install then decodes and
// stores a second copy of app.wasm (13 MB) while the page is still
// downloading and compiling its own, which slowed the cold start by about a
// fifth on this 2-core machine (docs/benchmarks.md). The install must still
// end with the whole app.wasm in the worker's cache, for offline visits.
func TestServiceWorkerRegistersAfterTheAppStarts(t *testing.T) {
	requireBuiltApp(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	origin := "http://" + ln.Addr().String()
	prov := startProvider(t, origin, stackOptions{}, []string{origin + "/callback"})
	cfg := appConfig(t, prov, stackOptions{})
	cfg.Version = ""
	cfg.WebDir = webDir
	dist := filepath.Join(t.TempDir(), "dist")
	if err := webapp.Export(cfg, dist); err != nil {
		t.Fatalf("Export: %v", err)
	}
	serve(t, ln, webapp.StaticSite(dist, "/"))

	tb := newBrowser(t, "main")
	// Note when the page registers a worker, before any of its scripts run.
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
	  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
	  navigator.serviceWorker.register = (...args) => {
	    window.pkcelogsTestRegistered = performance.now();
	    return register(...args);
	  };
	})()`}); err != nil {
		t.Fatal(err)
	}
	tb.open(origin + "/")
	tb.wait("signin-button")
	evalJS[string](tb, `navigator.serviceWorker.ready.then(() => { window.pkcelogsTestWorker = "ready"; }), ""`)
	tb.pollJS("the service worker to install", `window.pkcelogsTestWorker || ""`)
	order := evalJS[string](tb, `JSON.stringify({registered: window.pkcelogsTestRegistered, main: (performance.getEntriesByName("pkcelogs:main")[0] || {}).startTime})`)
	var at struct{ Registered, Main float64 }
	if err := json.Unmarshal([]byte(order), &at); err != nil || at.Registered == 0 || at.Main == 0 || at.Registered < at.Main {
		t.Errorf("the service worker was registered at %.0f ms, the app's main started at %.0f ms (%s): it must register after the app has started", at.Registered, at.Main, order)
	}

	evalJS[string](tb, `caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k).then(c => c.match("/web/app.wasm"))))).then(rs => rs.find(r => r)).then(r => r ? r.arrayBuffer() : null).then(b => { window.pkcelogsTestCached = b ? String(b.byteLength) : "none"; }), ""`)
	cached := tb.pollJS("the service worker's copy of app.wasm", `window.pkcelogsTestCached || ""`)
	if fi, err := os.Stat(filepath.Join(dist, "web", "app.wasm")); err != nil || cached != strconv.FormatInt(fi.Size(), 10) {
		t.Errorf("the service worker's cache holds %s bytes of app.wasm, want the whole file (%v)", cached, err)
	}
}
