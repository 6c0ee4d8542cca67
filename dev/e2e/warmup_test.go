//go:build e2e

package e2e

import (
	"encoding/json"
	"testing"
)

// buttonReadyAt records, before the page's own scripts, when the sign-in
// button first carries data-ready="true" (ms after navigation start).
const buttonReadyAt = `new MutationObserver((_, o) => {
  if (document.querySelector('[data-testid="signin-button"][data-ready="true"]')) { window.__buttonReadyAt = performance.now(); o.disconnect(); }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready"] });`

// The sign-in round trip (issue 14): the signed-out page runs the small
// build, so the callback page would be the first to run the full one and
// compile it cold. Once the signed-out page's button works and the page is
// idle, a worker runs the full build's start-up (dev/internal/webapp/appjs.go)
// on the bytes the service worker keeps, so V8 caches that code for the
// callback page: never before the button works, never by downloading the
// full build into the signed-out page, within the Content-Security-Policy;
// and the callback page then gets app.wasm without transferring it again.
func TestSignedOutPageWarmsUpTheFullBuild(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.watchCSP()
	tb.beforeEachPage(buttonReadyAt)

	tb.open(s.url("/"))
	out := tb.pollJS("the full build's warm-up",
		`(() => { const m = performance.getEntriesByName("pkcelogs:full-build-warmed")[0] || performance.getEntriesByName("pkcelogs:full-build-warm-failed")[0];
		  const start = performance.getEntriesByName("pkcelogs:full-build-warm-start")[0];
		  return m ? JSON.stringify({ name: m.name, detail: m.detail, start: start ? start.startTime : -1, ready: window.__buttonReadyAt || -1 }) : ""; })()`)
	var warm struct {
		Name   string
		Start  float64
		Ready  float64
		Detail struct {
			Done  bool
			From  string
			Code  int
			Error string
		}
	}
	if err := json.Unmarshal([]byte(out), &warm); err != nil {
		t.Fatalf("reading the warm-up's marks %s: %v", out, err)
	}
	if warm.Name != "pkcelogs:full-build-warmed" || !warm.Detail.Done || warm.Detail.Code != 0 {
		t.Fatalf("the full build's warm-up did not run to the end: %s", out)
	}
	if warm.Ready < 0 || warm.Start < warm.Ready {
		t.Errorf("the warm-up started at %.0f ms, the sign-in button was usable at %.0f ms: it must wait for the button", warm.Start, warm.Ready)
	}
	// The service worker's copy, which the callback page reads: V8 keys its
	// code cache to the response it compiled.
	if warm.Detail.From != "cache" {
		t.Errorf("the warm-up read app.wasm from the %s, want the service worker's cache (the callback page's copy)", warm.Detail.From)
	}
	if got := tb.wasmFetched(); got != "/web/app-lite.wasm" {
		t.Errorf("the signed-out page itself fetched %q, want the signed-out build alone (the warm-up runs in a worker)", got)
	}

	tb.clickSignIn()
	tb.expectAliceDashboard()
	transfer := evalJS[float64](tb, `(() => { const e = performance.getEntriesByType("resource").find(e => e.name.endsWith("/web/app.wasm")); return e ? e.transferSize : -1; })()`)
	if transfer != 0 {
		t.Errorf("the callback page transferred %.0f bytes for app.wasm (-1: did not fetch it), want 0: it was fetched while the signed-out page was idle", transfer)
	}
	tb.expectNoCSPViolations()
}
