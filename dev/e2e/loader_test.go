//go:build e2e

package e2e

import (
	"strings"
	"testing"
)

// wasmFetched lists the WebAssembly builds this page fetched (Resource
// Timing: the page's own requests, whether the network or the service worker
// answered them).
func (tb *tab) wasmFetched() string {
	tb.t.Helper()
	return evalJS[string](tb, `performance.getEntriesByType("resource").map(e => new URL(e.name).pathname).filter(p => p.endsWith(".wasm")).join(" ")`)
}

// The loader picks the build (issue 14): the signed-out one (app-lite.wasm,
// without the dashboard or net/http's client) on the home page when nobody
// is signed in, the full one (app.wasm) on the callback page, once signed in,
// and on every other page; a page the signed-out build lacks loads again
// with the full one.
func TestLoaderPicksTheBuild(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")

	tb.open(s.url("/"))
	tb.pollJS("the sign-in button to be ready",
		`document.querySelector('[data-testid="signin-button"][data-ready="true"]') ? "ready" : ""`)
	if got := tb.wasmFetched(); got != "/web/app-lite.wasm" {
		t.Fatalf("signed out, the home page fetched %q, want the signed-out build /web/app-lite.wasm alone", got)
	}

	// Settings is not in the signed-out build: the link loads the page
	// again, with the full build.
	tb.click("nav-settings")
	tb.pollJS("the settings page with the full build",
		`location.pathname === "/settings" && document.querySelector('[data-page="settings"]') && performance.getEntriesByType("resource").some(e => e.name.endsWith("/web/app.wasm")) ? "full" : ""`)
	if got := tb.wasmFetched(); got != "/web/app.wasm" {
		t.Errorf("the settings page fetched %q, want /web/app.wasm alone", got)
	}

	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.expectAliceDashboard()
	if got := tb.wasmFetched(); !strings.Contains(got, "/web/app.wasm") || strings.Contains(got, "app-lite") {
		t.Errorf("the callback page and dashboard fetched %q, want the full build", got)
	}

	// Signed in, the home page loads the full build at once.
	tb.open(s.url("/"))
	tb.expectAliceDashboard()
	if got := tb.wasmFetched(); got != "/web/app.wasm" {
		t.Errorf("signed in, the home page fetched %q, want /web/app.wasm alone", got)
	}
}
