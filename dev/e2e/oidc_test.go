//go:build e2e

package e2e

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/pkcelogs/pkcelogs/dev/internal/oidcprovider"
)

// The app against zitadel's OP, configured as a custom provider the way a
// deployer would (-site custom): an OAuth 2.0 server the app was not written
// against, as strict as it allows (see internal/oidcprovider).

// Sign-in: the home page names the server, the authorization response
// carries iss (RFC 9207), one code exchange with the public client id and no
// secret, and the API answers for Alice.
func TestZitadelSignIn(t *testing.T) {
	s := newOIDCStack(t, oidcOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	if got := tb.wait("welcome-text"); !strings.Contains(got, "Sign in to "+oidcSiteName) {
		t.Errorf("the home page says %q, want it to name %s", got, oidcSiteName)
	}
	tb.clickSignIn()
	tb.expectAliceDashboard()

	var callback *url.URL
	for _, v := range tb.visitedURLs() {
		if u, err := url.Parse(v); err == nil && u.Path == "/callback" && u.Query().Has("code") {
			callback = u
		}
	}
	if callback == nil {
		t.Fatalf("the tab never visited the callback with a code: %v", tb.visitedURLs())
	}
	if iss := callback.Query().Get("iss"); iss != s.op.URL {
		t.Errorf("the authorization response's iss is %q, want %q", iss, s.op.URL)
	}
	var codes int
	for _, r := range s.op.TokenRequests() {
		if r.HasSecret || r.ClientID != oidcprovider.DefaultClientID {
			t.Errorf("token request with client_id %q, secret %v: want the public client id and no secret", r.ClientID, r.HasSecret)
		}
		if r.Grant == "authorization_code" {
			codes++
		}
	}
	if codes != 1 {
		t.Errorf("%d code exchanges, want 1:\n%s", codes, s.describe())
	}
	for _, r := range s.op.APIRequests() {
		if r.Status != http.StatusOK {
			t.Errorf("an API request was answered %d:\n%s", r.Status, s.describe())
		}
	}
}

// Refresh with rotation at a 30 s access-token lifetime: while the token is
// young the app does not refresh on every call; after expiry a reload
// refreshes once, with the refresh token the server issued last (each
// rotation spends the one before), and the page keeps working.
func TestZitadelRefreshRotates(t *testing.T) {
	const ttl = 30 * time.Second
	s := newOIDCStack(t, oidcOptions{accessTTL: ttl})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitSignedIn()
	issued := s.lastIssued()
	tb.click("reports-next")
	tb.waitText("reports-page", "Page 2")
	if young := time.Since(issued); young < ttl/3 {
		if n := len(s.refreshes()); n > 0 {
			t.Errorf("%d refreshes while the %v token was %v old: the app refreshes on every call", n, ttl, young.Round(time.Second))
		}
	} else {
		t.Logf("the first screen took %v; not checking for early refreshes", young.Round(time.Second))
	}

	waitForExpiry(t, s)
	before := len(s.refreshes())
	tb.reload()
	tb.waitSignedIn()
	tb.click("reports-next")
	tb.waitText("reports-page", "Page 2")
	if len(s.refreshes()) == before {
		t.Fatalf("no refresh after the access token expired:\n%s", s.describe())
	}
	// The chain: every refresh presents the refresh token of the answer
	// before it.
	var last string
	for _, r := range s.op.TokenRequests() {
		if r.Grant == "refresh_token" && r.RefreshToken != last {
			t.Errorf("a refresh presented %s, but the newest refresh token was %s", short(r.RefreshToken), short(last))
		}
		if r.Issued != "" {
			last = r.Issued
		}
	}
	noRefreshTokenSpentTwice(t, s)
	if rv := s.op.Revocations(); len(rv) > 0 {
		t.Errorf("the server revoked the grant: %+v", rv)
	}
}

// Revocation: signing out revokes at the server (RFC 7009), which ends the
// grant; the access token the page last used no longer opens the API.
func TestZitadelSignOutRevokes(t *testing.T) {
	s := newOIDCStack(t, oidcOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitSignedIn()
	api := s.op.APIRequests()
	bearer := api[len(api)-1].Bearer
	tb.click("signout")
	tb.wait("signin-button")
	pollFor(t, "the server to revoke the grant", func() bool {
		for _, r := range s.op.Revocations() {
			if r.Reason == "revocation request" {
				return true
			}
		}
		return false
	})
	req, _ := http.NewRequest(http.MethodPost, s.op.APIURL(), strings.NewReader(`{"query":"{ userData { currentUser { id } } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+bearer)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the API answers the revoked session's access token with %d, want 401", res.StatusCode)
	}
	tb.reload()
	tb.wait("signin-button")
}

// A duplicated tab with session storage: the browser copies session storage
// into the duplicate (Chromium does for a window opened by the page without
// noopener, as for "Duplicate tab"), so both tabs start with the same
// refresh token. After expiry both reload; the server must never see that
// refresh token twice, and the original tab stays signed in.
func TestZitadelDuplicatedSessionStorageTab(t *testing.T) {
	s := newOIDCStack(t, oidcOptions{accessTTL: multiTabTTL, storage: "session"})
	A := newBrowser(t, "original")
	A.open(s.url("/"))
	A.clickSignIn()
	A.waitSignedIn()
	B := A.duplicate("duplicate")
	keysA := evalJS[string](A, `Object.keys(sessionStorage).sort().join(",")`)
	keysB := evalJS[string](B, `Object.keys(sessionStorage).sort().join(",")`)
	if keysA == "" || keysA != keysB {
		t.Fatalf("the duplicate's session storage (%q) is not a copy of the original's (%q)", keysB, keysA)
	}
	B.waitSignedIn()

	waitForExpiry(t, s)
	A.reload()
	A.waitSignedIn()
	B.reload()
	state := B.pollJS("the duplicate to settle signed in or out", `(() => {
  if (document.querySelector('[data-testid="profile-name"]')?.innerText.includes("Alice")) return "signed-in";
  if (document.querySelector('[data-testid="signin-button"]')?.offsetParent) return "signed-out";
  return "";
})()`)
	t.Logf("the duplicate ended %s", state)
	noRefreshTokenSpentTwice(t, s)
	if rv := s.op.Revocations(); len(rv) > 0 {
		t.Errorf("the server revoked the grant: %+v", rv)
	}
	A.reload()
	A.waitSignedIn()
}

// duplicate opens the page of tb again in a new tab the way the browser's
// "Duplicate tab" does as far as storage goes: window.open from the page
// (no noopener) makes Chromium copy the opener's session storage into the
// new tab. (target.CreateTarget with the same URL would not.)
func (tb *tab) duplicate(name string) *tab {
	tb.t.Helper()
	ch := chromedp.WaitNewTarget(tb.ctx, func(info *target.Info) bool { return info.Type == "page" })
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	gesture := func(p *runtime.EvaluateParams) { yes := true; p.UserGesture = &yes }
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(window.open(location.href, "_blank"), true)`, gesture)); err != nil {
		tb.t.Fatalf("%s: window.open: %v", tb.name, err)
	}
	var id target.ID
	select {
	case id = <-ch:
	case <-ctx.Done():
		tb.t.Fatalf("%s: the duplicate tab did not open within %v", tb.name, waitTimeout)
	}
	dctx, dcancel := chromedp.NewContext(tb.ctx, chromedp.WithTargetID(id))
	return startTab(tb.t, name, dctx, dcancel)
}
