//go:build e2e

package e2e

import (
	"net"
	"path/filepath"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
)

// staticExport exports the app as `make static` does (the version derived
// from the content) for a static host serving it under base, with alice
// signed in without the consent page: the stack (the provider allows base's
// callback), the listener the test's own server is to serve the export on,
// and the export's folder.
func staticExport(t *testing.T, base string) (*stack, net.Listener, string) {
	t.Helper()
	s, ln := listenStack(t, stackOptions{autoApprove: "alice"}, base+"callback")
	s.cfg.BasePath, s.cfg.Version = base, ""
	cfg := s.cfg
	cfg.WebDir = webDir
	dist := filepath.Join(t.TempDir(), "dist")
	if err := webapp.Export(cfg, dist); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return s, ln, dist
}

// listenStack starts the provider, with callback (a path) the redirect URI
// it allows, and configures the app for o, on a loopback port it listens on
// but does not serve yet: newStack serves the app there, a test of a static
// host its own server.
func listenStack(t *testing.T, o stackOptions, callback string) (*stack, net.Listener) {
	t.Helper()
	requireBuiltApp(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	origin := "http://" + ln.Addr().String()
	prov := startProvider(t, origin, o, []string{origin + callback})
	s := &stack{t: t, provider: prov, origin: origin}
	s.cfg = appConfig(t, prov, o)
	return s, ln
}

// declinedSignIn opens the app, starts a sign-in and declines it at the
// site's consent page, leaving the tab on the error it shows.
func declinedSignIn(t *testing.T) (*stack, *tab) {
	t.Helper()
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.startSignIn()
	tb.click("consent-deny")
	tb.expectError("access-denied")
	return s, tb
}

// signInAlice opens the app in a new tab and signs alice in (s approves her
// without the consent page), waiting for her name on the dashboard.
func signInAlice(t *testing.T, s *stack) *tab {
	t.Helper()
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	return tb
}
