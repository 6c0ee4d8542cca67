//go:build e2e

package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Flow 2: deny at the consent page → the access-denied message and a way to
// try again, and no code exchange.
func TestDenyAtConsentPage(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.startSignIn()
	tb.click("consent-deny")
	title, msg := tb.expectError("access-denied")
	if !strings.Contains(strings.ToLower(title+" "+msg), "declin") && !strings.Contains(strings.ToLower(title+" "+msg), "denied") {
		t.Errorf("access-denied message does not say so: %q / %q", title, msg)
	}
	if strings.Contains(tb.location(), "error=") || strings.Contains(tb.location(), "state=") {
		t.Errorf("the address bar keeps the callback's parameters: %s", tb.location())
	}
	if label, action := tb.errorAction("access-denied"); action != "sign-in" || label != "Try again" {
		t.Errorf("access denied offers %q (%s), want a %q button", label, action, "Try again")
	}
	if !evalJS[bool](tb, `!!document.querySelector('[data-error="access-denied"] [data-testid="error-action"].pl-button-primary')`) {
		t.Errorf("trying again is not the primary action")
	}
	if n := len(s.tokenRequests("authorization_code")); n != 0 {
		t.Errorf("%d code exchanges after a denial", n)
	}
	// Trying again leads back to the consent page, and this time works.
	tb.clickErrorAction("access-denied")
	tb.wait("consent-page")
	tb.approveAs("alice")
	tb.waitText("profile-name", "Alice")
	s.checkPKCE()
}

// Flow 3a: a callback whose state was tampered with (here: the authorize
// request's state changed before approving) is refused with a clear message,
// and no code is exchanged.
func TestTamperedState(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.startSignIn()
	u, err := url.Parse(tb.location())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("state", q.Get("state")+"x")
	u.RawQuery = q.Encode()
	tb.open(u.String())
	tb.approveAs("alice")
	title, msg := tb.expectError("unknown-state")
	if title == "" || msg == "" {
		t.Errorf("unknown state shown without words: %q / %q", title, msg)
	}
	if _, action := tb.errorAction("unknown-state"); action != "sign-in" {
		t.Errorf("unknown state offers %q, want sign-in", action)
	}
	if n := len(s.tokenRequests("authorization_code")); n != 0 {
		t.Errorf("%d code exchanges for a tampered state, want 0", n)
	}
	if loc := tb.location(); strings.Contains(loc, "code=") {
		t.Errorf("the address bar keeps the code: %s", loc)
	}
}

// Flow 3b: replaying the callback URL after a sign-in, and reloading that
// page, take a signed-in person back to the dashboard quietly: no error, no
// second exchange, the stored sign-in stays.
func TestReplayedAndReloadedCallback(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	callback := ""
	for _, v := range tb.visitedURLs() {
		if strings.HasPrefix(v, s.url("/callback?")) && strings.Contains(v, "code=") {
			callback = v
		}
	}
	if callback == "" {
		t.Fatalf("never saw the callback address; visited %v", tb.visitedURLs())
	}

	tb.open(callback)
	tb.waitText("profile-name", "Alice")
	tb.reload()
	tb.waitText("profile-name", "Alice")
	if codes := tb.errorCodes(); len(codes) > 0 {
		t.Errorf("the replayed callback shows errors %v to a signed-in person", codes)
	}
	if n := len(s.tokenRequests("authorization_code")); n != 1 {
		t.Errorf("%d code exchanges after replay and reload, want 1", n)
	}
	if strings.Contains(tb.location(), "code=") {
		t.Errorf("the address bar keeps the code: %s", tb.location())
	}
}

// Flow 3c: the back button after signing in does not exchange again and
// shows no error: a signed-in person is simply back on the dashboard.
func TestBackButtonAfterSignIn(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.startSignIn()
	tb.approveAs("alice")
	tb.expectAliceDashboard()
	tb.back()
	tb.pollJS("the page after going back to show something", `document.body && document.body.innerText.trim() ? "yes" : ""`)
	if tb.visible("consent-page") {
		// Back reached the provider's page: approving again must not
		// lead to a second exchange of the old sign-in. (Restored from the
		// back-forward cache it fired no load event, which chromedp's
		// element queries wait for: click through the page's own DOM.)
		tb.clickInPage("consent-user-alice")
		tb.clickInPage("consent-approve")
	}
	tb.waitText("profile-name", "Alice")
	if codes := tb.errorCodes(); len(codes) > 0 {
		t.Errorf("going back shows errors %v to a signed-in person", codes)
	}
	if n := len(s.tokenRequests("authorization_code")); n != 1 {
		t.Errorf("%d code exchanges after going back, want 1", n)
	}
	if strings.Contains(tb.location(), "code=") {
		t.Errorf("the address bar shows the code after going back: %s", tb.location())
	}
}

// callbackRefusal waits for the callback page to refuse a used, unknown or
// missing sign-in with an explained error and a sign-in button, and returns
// the error's code.
func (tb *tab) callbackRefusal() string {
	tb.t.Helper()
	tb.waitCSS("the callback page to refuse the sign-in", `[data-testid="callback"] [data-testid="error"]`)
	codes := tb.errorCodes()
	code := ""
	for _, c := range codes {
		switch c {
		case "state-used", "unknown-state", "no-callback":
			code = c
		}
	}
	if code == "" {
		tb.t.Fatalf("callback shows errors %v, want state-used, unknown-state or no-callback", codes)
	}
	title, msg := tb.expectError(code)
	if title == "" || msg == "" {
		tb.t.Errorf("%s shown without words: %q / %q", code, title, msg)
	}
	if _, action := tb.errorAction(code); action != "sign-in" {
		tb.t.Errorf("%s offers %q, want sign-in", code, action)
	}
	return code
}

// Flow 3d: reloading the callback page while the exchange is still under way
// (a slow token endpoint) cannot exchange the code a second time: the code
// left the address bar before the exchange began. The page explains instead.
func TestReloadDuringExchange(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	s.provider.SetFault(provider.EndpointToken, provider.Fault{Delay: 3 * time.Second})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	deadline := time.Now().Add(waitTimeout)
	for len(s.tokenRequests("authorization_code")) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no code exchange reached the provider")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if loc := tb.location(); strings.Contains(loc, "code=") || strings.Contains(loc, "state=") {
		t.Errorf("during the exchange the address bar still holds the callback's parameters: %s", loc)
	}
	tb.reload()
	t.Logf("after reloading mid-exchange: %s", tb.callbackRefusal())
	time.Sleep(3 * time.Second) // let the first, abandoned exchange land at the provider
	if n := len(s.tokenRequests("authorization_code")); n != 1 {
		t.Errorf("%d code exchanges after a reload mid-exchange, want 1", n)
	}
	s.provider.ClearFaults()
	tb.clickErrorAction(tb.errorCodes()[0])
	tb.waitText("profile-name", "Alice")
}
