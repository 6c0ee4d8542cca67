//go:build e2e

package e2e

import (
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/internal/webapp"
)

// Flow 11a: the static export (what `make static` writes), served by Go's
// plain http.FileServer under a base path as a project site would be, signs
// in, and once its service worker has the app it reloads with the file
// server gone.
func TestStaticExportUnderBasePath(t *testing.T) {
	requireBuiltApp(t)
	const base = "/pkcelogs/"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	origin := "http://" + ln.Addr().String()
	prov := startProvider(t, origin, stackOptions{autoApprove: "alice"}, []string{origin + base + "callback"})
	s := &stack{t: t, provider: prov, origin: origin}
	s.cfg = appConfig(t, prov, stackOptions{})
	s.cfg.BasePath = base
	s.cfg.Version = "" // as `make static` does: derived from the content
	dist := filepath.Join(t.TempDir(), "dist")
	cfg := s.cfg
	cfg.WebDir = webDir
	if err := webapp.Export(cfg, dist); err != nil {
		t.Fatalf("Export: %v", err)
	}
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
