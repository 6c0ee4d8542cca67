//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/pkce"
)

// shortTTL makes access tokens count as expired (a tenth of their lifetime
// early, pkce.Token.Leeway) about eleven seconds after they are issued, so a
// test sees real expiry quickly, with room for a slow first screen before that.
const shortTTL = 12 * time.Second

// Flow 5a: once the access token expires the app refreshes it (once, with
// the stored refresh token and the client id, no secret), stores the rotated
// pair, and the page keeps working on the new token.
func TestExpiredAccessTokenRefreshes(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice", accessTTL: shortTTL})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	s.provider.SetAccessTokenTTL(time.Hour) // the refreshed token lasts
	before := tb.storedToken()
	refreshesBefore := len(s.tokenRequests("refresh_token"))
	tb.waitUntilExpired(before)

	tb.reload()
	// This page's own data, not the last visit's kept overview, which shows
	// Alice at once, before the refresh (session/overview_cache.go).
	tb.waitSignedIn()
	refreshes := s.tokenRequests("refresh_token")
	if len(refreshes) != refreshesBefore+1 {
		t.Fatalf("%d refresh requests after expiry, want exactly 1:\n%s", len(refreshes)-refreshesBefore, describeRequests(refreshes))
	}
	checkRefreshRequest(t, refreshes[len(refreshes)-1], before.RefreshToken)
	after := tb.storedToken()
	if after.AccessToken == before.AccessToken || after.RefreshToken == before.RefreshToken || after.RefreshToken == "" {
		t.Errorf("the stored token did not rotate after the refresh")
	}
	api := s.requests(provider.EndpointAPI)
	if last := api[len(api)-1]; last.Header.Get("Authorization") != "Bearer "+after.AccessToken {
		t.Errorf("the last API request did not use the refreshed access token")
	}
	// Still working: the next page of reports loads on the new token.
	tb.click("reports-next")
	tb.waitText("reports-page", "Page 2")
}

// Flow 5b: when the refresh token is rejected (another device spent it: the
// tokens rotate, so the app's copy is dead and its access token revoked),
// the app says to sign in again instead of failing silently.
func TestRejectedRefreshAsksToSignInAgain(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	tok := tb.storedToken()
	spendRefreshToken(t, s, tok.RefreshToken)

	tb.reload()
	title, msg := tb.expectError("session-ended")
	if !strings.Contains(strings.ToLower(title+" "+msg), "sign in") {
		t.Errorf("session-ended does not say to sign in again: %q / %q", title, msg)
	}
	if label, action := tb.errorAction("session-ended"); action != "sign-in" {
		t.Errorf("session-ended offers %q (%s), want sign in again", label, action)
	}
	var rejected int
	for _, r := range s.tokenRequests("refresh_token") {
		if r.Form.Get("refresh_token") == tok.RefreshToken && r.Status == http.StatusBadRequest {
			rejected++
		}
	}
	if rejected == 0 {
		t.Errorf("the provider never rejected the app's spent refresh token:\n%s", describeRequests(s.requests(provider.EndpointToken)))
	}
	// Signing in again works.
	tb.clickErrorAction("session-ended")
	tb.waitText("profile-name", "Alice")
}

// Flow 6: two tabs hit expiry at once; with rotating refresh tokens exactly
// one refresh request reaches the provider (Web Locks serialise them and the
// second tab picks up the first one's token), and both stay signed in.
func TestTwoTabsRefreshOnce(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice", accessTTL: shortTTL})
	a := newBrowser(t, "tabA")
	a.open(s.url("/"))
	a.clickSignIn()
	a.waitText("profile-name", "Alice")
	b := a.newTab("tabB")
	b.open(s.url("/"))
	b.waitText("profile-name", "Alice")
	a.wait("reports-next")
	b.wait("reports-next")
	s.provider.SetAccessTokenTTL(time.Hour)
	tok := a.storedToken()
	a.waitUntilExpired(tok)
	refreshesBefore := len(s.tokenRequests("refresh_token"))

	// Both tabs ask for the next page of reports at the same moment.
	var wg sync.WaitGroup
	for _, tb := range []*tab{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			evalJS[bool](tb, `(document.querySelector('[data-testid="reports-next"]').click(), true)`)
		}()
	}
	wg.Wait()
	a.waitText("reports-page", "Page 2")
	b.waitText("reports-page", "Page 2")
	refreshes := s.tokenRequests("refresh_token")[refreshesBefore:]
	if len(refreshes) != 1 {
		t.Fatalf("%d refresh requests from two tabs at expiry, want exactly 1:\n%s", len(refreshes), describeRequests(refreshes))
	}
	checkRefreshRequest(t, refreshes[0], tok.RefreshToken)
	for _, r := range s.tokenRequests("refresh_token") {
		if r.Status != http.StatusOK {
			t.Errorf("a refresh was rejected (%d): the refresh token was spent twice?", r.Status)
		}
	}
	// Both tabs now hold the one refreshed token, and still work.
	if a.storedToken().AccessToken == tok.AccessToken {
		t.Errorf("tab A did not store the refreshed token")
	}
	for _, tb := range []*tab{a, b} {
		tb.reload()
		tb.waitText("profile-name", "Alice")
	}
	if n := len(s.tokenRequests("refresh_token")) - refreshesBefore; n != 1 {
		t.Errorf("%d refreshes after reloading both tabs, want still 1", n)
	}
}

// waitUntilExpired sleeps until the app counts the token as expired.
func (tb *tab) waitUntilExpired(tok storedToken) {
	tb.t.Helper()
	exp, err := time.Parse(time.RFC3339Nano, tok.Expiry)
	if err != nil {
		tb.t.Fatalf("stored token expiry %q: %v", tok.Expiry, err)
	}
	received, _ := time.Parse(time.RFC3339Nano, tok.Received)
	t := pkce.Token{AccessToken: tok.AccessToken, Expiry: exp, Received: received}
	wait := time.Until(exp.Add(-t.Leeway())) + 500*time.Millisecond
	if wait > time.Minute {
		tb.t.Fatalf("the token expires in %v; the test would wait too long", time.Until(exp))
	}
	time.Sleep(wait)
}

// checkRefreshRequest asserts a refresh request's form (RFC 6749 §6): the
// refresh token the app held, the public client id, no secret.
func checkRefreshRequest(t *testing.T, r provider.Recorded, refreshToken string) {
	t.Helper()
	f := r.Form
	if f.Get("refresh_token") != refreshToken {
		t.Errorf("refresh used another refresh token than the stored one")
	}
	if f.Get("client_id") != provider.DefaultClientID || f.Has("client_secret") || r.Header.Get("Authorization") != "" {
		t.Errorf("refresh request: form %s, Authorization %q; want client_id and no secret", f.Encode(), r.Header.Get("Authorization"))
	}
	if r.Status != http.StatusOK {
		t.Errorf("refresh answered %d", r.Status)
	}
}

// spendRefreshToken refreshes with the token from outside the browser, as
// another device holding the same tokens would: the provider rotates it, so
// the browser's copy is spent and its access token revoked.
func spendRefreshToken(t *testing.T, s *stack, refreshToken string) {
	t.Helper()
	resp, err := http.PostForm(s.provider.TokenURL(), url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {refreshToken},
		"client_id":     {provider.DefaultClientID},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != http.StatusOK || body["refresh_token"] == nil {
		t.Fatalf("spending the refresh token: %d %v", resp.StatusCode, body)
	}
}
