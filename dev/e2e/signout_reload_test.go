//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/session"
)

// Sign out, then reload at once (or close the tab), while the sign-out still
// waits for the session lock that another tab's refresh holds. The page used
// to come back signed in: the token was still in storage, and no revocation
// ever reached the site (the CSP flow lost its Sign out this way under load).
// Now the reloaded page is signed out from its first render, loads the full
// build to finish the sign-out, and revokes as soon as the lock is free.
func TestSignOutThenReloadStaysSignedOut(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.expectAliceDashboard()

	// Another tab of the same browser holds the session lock, as a slow
	// refresh does.
	holder := tb.newTab("holder")
	holder.open(s.url("/no-such-page"))
	holder.appReady("not-found")
	// The session's lock, named after the token's site and client.
	storage, key := session.SignedInHint(session.Options{})
	site := evalJS[string](tb, fmt.Sprintf(`JSON.parse(%s.getItem(%q)).site`, storage, key))
	lock := pkce.LockName(site, provider.DefaultClientID)
	evalJS[bool](holder, fmt.Sprintf(`(navigator.locks.request(%q, () => new Promise(r => { window.plRelease = r; })), true)`, lock))
	holder.pollJS("the other tab to hold the session lock", `window.plRelease ? "held" : ""`)

	tb.click("signout")
	tb.wait("signin-button") // signed out on screen at once
	tb.reload()
	tb.appReady("signin-button")
	if got := evalJS[string](tb, `window.pkcelogsWasm || ""`); !strings.HasSuffix(got, "/app.wasm") {
		t.Errorf("the page reloaded during a sign-out loaded %q, not the full build that finishes it", got)
	}
	// Long enough for the old page's view (or the token from storage) to
	// come back, as it did.
	for i := 0; i < 20; i++ {
		if tb.visible("profile-name") {
			t.Fatalf("the reloaded page is signed in again; page shows: %q", tb.bodyText())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if n := len(s.requests(provider.EndpointRevoke)); n != 0 {
		t.Fatalf("%d revocations while the lock was held", n)
	}

	evalJS[bool](holder, `(window.plRelease(), true)`)
	deadline := time.Now().Add(waitTimeout)
	for len(s.requests(provider.EndpointRevoke)) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no revocation reached the provider %v after the lock was free", waitTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.waitText("signout-notice", "revoked")

	// Nothing left to finish: the next visit is an ordinary signed-out one.
	tb.reload()
	tb.appReady("signin-button")
	if got := evalJS[string](tb, `window.pkcelogsWasm || ""`); !strings.HasSuffix(got, "/app-lite.wasm") {
		t.Errorf("after the sign-out finished the home page loaded %q, not the signed-out build", got)
	}
	if tb.visible("profile-name") {
		t.Fatal("signed in again after the sign-out finished")
	}
}
