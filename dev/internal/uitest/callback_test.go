//go:build !js

package uitest

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/ui"
)

func TestCallbackExchangesOnceAndReturns(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	cb := h.startSignIn()
	d := mount(t, &ui.Callback{Session: h.s})
	defer d.Close()
	// go-app fires OnNav as well as OnMount on first load; so may a
	// navigation. Neither may exchange again.
	u, _ := url.Parse(cb)
	d.Nav(u)
	d.Nav(u)
	mustContain(t, html(d), `data-testid="callback-done"`)
	if n := h.tokenRequests(); n != 1 {
		t.Fatalf("%d token requests, want exactly 1", n)
	}
	if !h.s.SignedIn() {
		t.Fatal("not signed in")
	}
	// The callback's history entry became the return path: Back does not
	// come back to a spent callback.
	if got := h.tab.Location(); got != appOrigin+"/console" {
		t.Errorf("address bar = %q, want the return path %q in the callback's place", got, appOrigin+"/console")
	}
	for _, r := range h.tab.Replaced() {
		if strings.Contains(r, "code=") || strings.Contains(r, "state=") {
			t.Errorf("replaceState kept a secret: %q", r)
		}
	}
}

// An address that cannot be exchanged (used, cleaned, tampered, malformed)
// never reaches the token endpoint a second time. Signed out, the page says
// why and offers a new sign-in; signed in, a used or bare callback (a reload,
// the back button) goes home quietly, since there is nothing to fix.
func TestCallbackFailuresNeverExchangeTwice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		address  func(cb string) string
		before   func(h *harness)
		code     string // data-error shown; "" = none, the page goes on to returnTo
		returnTo string
	}{
		{"replayed callback, signed in (bookmark, back button with the full address)", func(cb string) string { return cb },
			func(h *harness) { mount(h.t, &ui.Callback{Session: h.s}).Close() }, "", "/console"},
		{"reload of the cleaned address, signed in", func(string) string { return appOrigin + "/callback" },
			func(h *harness) { mount(h.t, &ui.Callback{Session: h.s}).Close() }, "", "/"},
		{"replayed callback after signing out", func(cb string) string { return cb },
			func(h *harness) {
				mount(h.t, &ui.Callback{Session: h.s}).Close()
				if _, err := h.s.SignOut(ctx(h.t)); err != nil {
					h.t.Fatal(err)
				}
			}, "state-used", ""},
		{"reload after the address was cleaned", func(string) string { return appOrigin + "/callback" }, nil, "no-callback", ""},
		{"tampered state", func(cb string) string {
			u, _ := url.Parse(cb)
			q := u.Query()
			q.Set("state", strings.Repeat("A", 43))
			u.RawQuery = q.Encode()
			return u.String()
		}, nil, "unknown-state", ""},
		{"repeated parameter", func(cb string) string { return cb + "&code=again" }, nil, "bad-callback", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			cb := h.startSignIn()
			if tt.before != nil {
				tt.before(h)
			}
			before := h.tokenRequests()
			h.tab.Navigate(tt.address(cb))
			h.reload()
			signedIn := h.s.SignedIn()
			d := mount(t, &ui.Callback{Session: h.s})
			defer d.Close()
			page := html(d)
			if tt.code == "" {
				mustContain(t, page, `data-testid="callback-done"`)
				mustNotContain(t, page, `data-testid="error"`)
				res, err := h.s.CallbackResult(ctx(t))
				if err != nil || !res.Already || res.ReturnTo != tt.returnTo {
					t.Errorf("CallbackResult = %+v, %v; want %s, Already", res, err, tt.returnTo)
				}
				if !signedIn || !h.s.SignedIn() {
					t.Error("not signed in")
				}
			} else {
				mustContain(t, page, `data-error="`+tt.code+`"`, `data-action="sign-in"`, "Sign in again")
			}
			if n := h.tokenRequests(); n != before {
				t.Errorf("%d token requests after the failure, want %d", n, before)
			}
			if strings.Contains(h.tab.Location(), "code=") {
				t.Errorf("address bar still holds the code: %q", h.tab.Location())
			}
			// Finished either way, the callback's history entry is gone:
			// where the sign-in returns to, or home beside the message.
			want := appOrigin + tt.returnTo
			if tt.code != "" {
				want = appOrigin + "/"
			}
			if got := h.tab.Location(); got != want {
				t.Errorf("address bar = %q, want %q in the callback's place", got, want)
			}
		})
	}
}

func TestCallbackAccessDenied(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	if err := h.s.SignIn(h.site.ID, "/"); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(h.tab.Assigned()[0])
	if err != nil {
		t.Fatal(err)
	}
	h.tab.Navigate(appOrigin + "/callback?error=access_denied&error_description=The+resource+owner+denied+the+request&state=" +
		u.Query().Get("state") + "&iss=" + url.QueryEscape(h.prov.Issuer()))
	d := mount(t, &ui.Callback{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-error="access-denied"`, "You chose not to give pkcelogs access", "Try again")
	if h.tokenRequests() != 0 || h.s.SignedIn() {
		t.Error("a denied sign-in reached the token endpoint or signed in")
	}
}

func TestCallbackTokenEndpointFailures(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		fault provider.Fault
		code  string
	}{
		{provider.Fault{Drop: true}, "network"},
		{provider.Fault{Status: 502, HTML: true}, "not-json"},
	} {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			h.startSignIn()
			h.prov.SetFault(provider.EndpointToken, tt.fault)
			d := mount(t, &ui.Callback{Session: h.s})
			defer d.Close()
			mustContain(t, html(d), `data-error="`+tt.code+`"`)
			if h.s.SignedIn() {
				t.Error("signed in without a token")
			}
		})
	}
}

func TestCallbackFinishesInAnotherTab(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	if err := h.s.SignIn(h.site.ID, "/"); err != nil {
		t.Fatal(err)
	}
	cb := h.authorize(h.tab)
	// The site's redirect lands in tab B (say the person pasted the link).
	tabB, sessionB := h.newTab()
	tabB.Navigate(cb)
	d := mount(t, &ui.Callback{Session: sessionB})
	defer d.Close()
	mustContain(t, html(d), `data-testid="callback-done"`)
	if !sessionB.SignedIn() {
		t.Fatal("tab B is not signed in")
	}
	eventually(t, "tab A to follow the sign-in made in tab B", h.s.SignedIn)
}

// StartCallback (cmd/wasm calls it before go-app starts) begins the exchange
// and cleans the address bar at once; the Callback component then finishes
// that exchange instead of starting one.
func TestStartCallbackExchangesEarlyAndOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.startSignIn()
	ui.StartCallback(h.s)
	if got := h.tab.Location(); got != appOrigin+"/callback" {
		t.Errorf("address bar = %q right after StartCallback, want it without code and state", got)
	}
	d := mount(t, &ui.Callback{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-testid="callback-done"`)
	if n := h.tokenRequests(); n != 1 {
		t.Fatalf("%d token requests, want exactly 1", n)
	}
	if !h.s.SignedIn() {
		t.Fatal("not signed in")
	}
	// A later Callback on this page (no reload) has no exchange to start:
	// it takes the page's one outcome and exchanges nothing.
	d2 := mount(t, &ui.Callback{Session: h.s})
	defer d2.Close()
	mustContain(t, html(d2), `data-testid="callback-done"`)
	if n := h.tokenRequests(); n != 1 {
		t.Fatalf("%d token requests after a second Callback, want 1", n)
	}
}

// On any page but the callback page StartCallback does nothing.
func TestStartCallbackElsewhereDoesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.startSignIn()
	h.tab.Navigate(strings.Replace(h.tab.Location(), "/callback", "/console", 1))
	before := h.tab.Location()
	ui.StartCallback(h.s)
	if got := h.tab.Location(); got != before || len(h.tab.Replaced()) != 0 {
		t.Errorf("StartCallback rewrote %s to %s", before, got)
	}
	if n := h.tokenRequests(); n != 0 {
		t.Errorf("%d token requests, want none", n)
	}
}
