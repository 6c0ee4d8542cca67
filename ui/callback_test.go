//go:build ignore

// TODO(lead): rewritten with the session package

package ui

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/internal/provider"
)

// startSignIn runs SignIn and the site's part, leaving the tab on the
// callback address with code and state.
func (h *harness) startSignIn() string {
	h.t.Helper()
	if err := h.s.SignIn(h.site.ID, "/console"); err != nil {
		h.t.Fatal(err)
	}
	cb := h.authorize(h.tab)
	h.tab.url = cb
	return cb
}

func TestCallbackExchangesOnceAndReturns(t *testing.T) {
	h := newHarness(t)
	cb := h.startSignIn()
	c := &Callback{Session: h.s}
	d := mount(t, c)
	defer d.Close()
	// go-app fires OnNav as well as OnMount on first load; so may a
	// navigation. Neither may exchange again.
	u, _ := url.Parse(cb)
	d.Nav(u)
	d.Nav(u)
	page := html(d)
	mustContain(t, page, `data-testid="callback-done"`)
	if n := tokenRequests(h.prov); n != 1 {
		t.Fatalf("%d token requests, want exactly 1", n)
	}
	if !h.s.SignedIn() {
		t.Fatal("not signed in")
	}
	if got := h.tab.url; got != appOrigin+"/callback" {
		t.Errorf("address bar = %q, want the callback page without code and state", got)
	}
	for _, r := range h.tab.replaced {
		if strings.Contains(r, "code=") || strings.Contains(r, "state=") {
			t.Errorf("replaceState kept a secret: %q", r)
		}
	}
}

func TestCallbackFailuresNeverExchangeTwice(t *testing.T) {
	tests := []struct {
		name    string
		address func(h *harness, cb string) string
		code    string // data-error shown
		before  func(h *harness, cb string)
	}{
		{"replayed callback (bookmark, back button with the full address)", func(h *harness, cb string) string { return cb }, "state-used",
			func(h *harness, cb string) {
				d := mount(h.t, &Callback{Session: h.s})
				d.Close()
			}},
		{"reload after the address was cleaned", func(h *harness, cb string) string { return appOrigin + "/callback" }, "no-callback", nil},
		{"tampered state", func(h *harness, cb string) string {
			u, _ := url.Parse(cb)
			q := u.Query()
			q.Set("state", strings.Repeat("A", 43))
			u.RawQuery = q.Encode()
			return u.String()
		}, "unknown-state", nil},
		{"repeated parameter", func(h *harness, cb string) string { return cb + "&code=again" }, "bad-callback", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			cb := h.startSignIn()
			if tt.before != nil {
				tt.before(h, cb)
			}
			before := tokenRequests(h.prov)
			// A fresh page load: a new session over the same storage.
			h.s = NewSession(h.s.opts)
			h.tab.url = tt.address(h, cb)
			d := mount(t, &Callback{Session: h.s})
			defer d.Close()
			page := html(d)
			mustContain(t, page, `data-error="`+tt.code+`"`, `data-action="sign-in"`, "Sign in again")
			if n := tokenRequests(h.prov); n != before {
				t.Errorf("%d token requests after the failure, want %d", n, before)
			}
			if strings.Contains(h.tab.url, "code=") {
				t.Errorf("address bar still holds the code: %q", h.tab.url)
			}
		})
	}
}

func TestCallbackAccessDenied(t *testing.T) {
	h := newHarness(t)
	if err := h.s.SignIn(h.site.ID, "/"); err != nil {
		t.Fatal(err)
	}
	state := stateOf(t, h.tab.assigned[0])
	h.tab.url = appOrigin + "/callback?error=access_denied&error_description=The+resource+owner+denied+the+request&state=" + state
	d := mount(t, &Callback{Session: h.s})
	defer d.Close()
	page := html(d)
	mustContain(t, page, `data-error="access-denied"`, "declined", "Sign in again")
	if tokenRequests(h.prov) != 0 || h.s.SignedIn() {
		t.Error("a denied sign-in reached the token endpoint or signed in")
	}
}

func TestCallbackTokenEndpointFailures(t *testing.T) {
	for _, tt := range []struct {
		fault provider.Fault
		code  string
	}{
		{provider.Fault{Drop: true}, "network"},
		{provider.Fault{Status: 502, HTML: true}, "not-json"},
	} {
		t.Run(tt.code, func(t *testing.T) {
			h := newHarness(t)
			h.startSignIn()
			h.prov.SetFault(provider.EndpointToken, tt.fault)
			d := mount(t, &Callback{Session: h.s})
			defer d.Close()
			mustContain(t, html(d), `data-error="`+tt.code+`"`)
			if h.s.SignedIn() {
				t.Error("signed in without a token")
			}
		})
	}
}

func TestCallbackFinishesInAnotherTab(t *testing.T) {
	h := newHarness(t)
	if err := h.s.SignIn(h.site.ID, "/"); err != nil {
		t.Fatal(err)
	}
	cb := h.authorize(h.tab)
	// The site's redirect lands in tab B (say the person pasted the link).
	tabB, sessionB := h.newTab()
	tabB.url = cb
	old := platform
	platform = tabB
	d := mount(t, &Callback{Session: sessionB})
	platform = old
	defer d.Close()
	mustContain(t, html(d), `data-testid="callback-done"`)
	if !sessionB.SignedIn() {
		t.Fatal("tab B is not signed in")
	}
	if !h.s.SignedIn() {
		t.Error("tab A did not follow the sign-in made in tab B")
	}
}

func stateOf(t *testing.T, authorizeURL string) string {
	t.Helper()
	u, err := url.Parse(authorizeURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("state")
}

// StartCallback (cmd/wasm calls it before go-app starts) begins the exchange
// and cleans the address bar at once; the Callback component then finishes
// that exchange instead of starting one.
func TestStartCallbackExchangesEarlyAndOnce(t *testing.T) {
	h := newHarness(t)
	h.startSignIn()
	StartCallback(h.s)
	if got := h.tab.url; got != appOrigin+"/callback" {
		t.Errorf("address bar = %q right after StartCallback, want it without code and state", got)
	}
	c := &Callback{Session: h.s}
	d := mount(t, c)
	defer d.Close()
	mustContain(t, html(d), `data-testid="callback-done"`)
	if n := tokenRequests(h.prov); n != 1 {
		t.Fatalf("%d token requests, want exactly 1", n)
	}
	if !h.s.SignedIn() {
		t.Fatal("not signed in")
	}
	// A later Callback on this page (no reload) has no exchange to take and
	// no code in the address: it explains, and exchanges nothing.
	d2 := mount(t, &Callback{Session: h.s})
	defer d2.Close()
	mustContain(t, html(d2), `data-testid="error"`)
	if n := tokenRequests(h.prov); n != 1 {
		t.Fatalf("%d token requests after a second Callback, want 1", n)
	}
}

// On any page but the callback page StartCallback does nothing.
func TestStartCallbackElsewhereDoesNothing(t *testing.T) {
	h := newHarness(t)
	h.startSignIn()
	h.tab.url = strings.Replace(h.tab.url, "/callback", "/console", 1)
	before := h.tab.url
	StartCallback(h.s)
	if h.tab.url != before || h.s.takeEarlyCallback() != nil {
		t.Errorf("StartCallback acted on %s", before)
	}
	if n := tokenRequests(h.prov); n != 0 {
		t.Errorf("%d token requests, want none", n)
	}
}
