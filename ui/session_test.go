//go:build ignore

// TODO(lead): rewritten with the session package

package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/internal/provider"
)

func TestStorageRefusedIsExplained(t *testing.T) {
	for _, tt := range []struct {
		name string
		set  func(*hostPlatform)
		code string
	}{
		{"disabled", func(p *hostPlatform) { p.disabled = true }, "storage-disabled"},
		{"full", func(p *hostPlatform) { p.full = true }, "storage-full"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			tt.set(h.tab)
			b := &SignInButton{Session: h.s}
			d := mount(t, b)
			defer d.Close()
			d.Dispatch(app.Dispatch{Mode: app.Update, Source: b, Function: func(ctx app.Context) { b.onClick(ctx, app.Event{}) }})
			page := html(d)
			mustContain(t, page, `data-error="`+tt.code+`"`)
			mustBeReady(t, page)
			if len(h.tab.assigned) != 0 {
				t.Error("went to the site although the pending sign-in could not be kept")
			}
		})
	}
	t.Run("disabled at start", func(t *testing.T) {
		h := newHarness(t)
		h.tab.disabled = true
		h.s = NewSession(h.s.opts)
		d := mount(t, &HomePage{Session: h.s})
		defer d.Close()
		mustContain(t, html(d), `data-error="storage-disabled"`, "Allow site data", `data-testid="signin-button"`)
	})
	t.Run("full when saving the token", func(t *testing.T) {
		h := newHarness(t)
		h.startSignIn()
		h.tab.full = true
		d := mount(t, &Callback{Session: h.s})
		defer d.Close()
		mustContain(t, html(d), `data-error="storage-full"`)
	})
}

func TestSignOutInOneTabSignsOutEveryTab(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	tabB, sessionB := h.newTab()
	_ = tabB
	if !sessionB.SignedIn() {
		t.Fatal("tab B does not share the sign-in")
	}
	dB := mount(t, &HomePage{Session: sessionB})
	defer dB.Close()
	mustContain(t, html(dB), `data-state="signed-in"`)

	b := &SignOutButton{Session: h.s}
	d := mount(t, b)
	defer d.Close()
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: b, Function: func(ctx app.Context) { b.onClick(ctx, app.Event{}) }})
	d.Consume()
	if h.s.SignedIn() || sessionB.SignedIn() {
		t.Fatalf("still signed in: tab A %v, tab B %v", h.s.SignedIn(), sessionB.SignedIn())
	}
	mustContain(t, html(dB), `data-state="signed-out"`, `data-testid="signin-button"`)
	revoked := 0
	for _, r := range h.prov.Requests() {
		if r.Endpoint == provider.EndpointRevoke {
			revoked++
		}
	}
	if revoked == 0 {
		t.Error("the token was not revoked at the provider")
	}
	if v, ok, _ := h.tab.local.Get(keyToken); ok {
		t.Errorf("token still stored: %q", v)
	}
}

func TestRefreshKeepsThePageWorking(t *testing.T) {
	// Access tokens that live less than the expiry leeway are refreshed
	// before every use.
	h := newHarness(t)
	h.signIn()
	h.expireToken()
	before := h.s.Token()
	d := mount(t, &HomePage{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-testid="profile-name"`)
	after := h.s.Token()
	if after.AccessToken == before.AccessToken || after.RefreshToken == before.RefreshToken {
		t.Error("no refresh happened, or the rotated refresh token was not kept")
	}
	stored, _, _ := h.tab.local.Get(keyToken)
	if !strings.Contains(stored, after.RefreshToken) {
		t.Error("the refreshed token was not saved")
	}
}

func TestRefreshRejectedAsksToSignInAgain(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	h.expireToken()
	t0 := *h.s.Token()
	t0.RefreshToken = "forged-refresh-token"
	if err := h.s.saveToken(&t0); err != nil {
		t.Fatal(err)
	}
	d := mount(t, &HomePage{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-error="session-ended"`, "Sign in again")
}

func TestTwoTabsRefreshOnce(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	h.expireToken()
	_, sessionB := h.newTab()
	h.prov.ResetRequests()
	// Both tabs find the token expired at once.
	dA := app.NewClientTester(&HomePage{Session: h.s})
	dB := app.NewClientTester(&HomePage{Session: sessionB})
	defer dA.Close()
	defer dB.Close()
	dA.Consume()
	dB.Consume()
	mustContain(t, html(dA), `data-testid="profile-name"`)
	mustContain(t, html(dB), `data-testid="profile-name"`)
	if n := tokenRequests(h.prov); n != 1 {
		t.Errorf("%d refresh requests, want exactly 1 (rotating refresh token spent twice?)", n)
	}
}

// expireToken moves the stored token's expiry into the past, as if the tab
// had been left open for its lifetime.
func (h *harness) expireToken() {
	h.t.Helper()
	tok := *h.s.Token()
	tok.Expiry = time.Now().Add(-time.Minute)
	if err := h.s.saveToken(&tok); err != nil {
		h.t.Fatal(err)
	}
}

func TestTokenStorageChoice(t *testing.T) {
	for _, kind := range []string{StorageSession, StorageMemory} {
		t.Run(kind, func(t *testing.T) {
			h := newHarness(t, func(_ *provider.Options, o *Options) { o.Storage = kind })
			h.signIn()
			if _, ok, _ := h.tab.local.Get(keyToken); ok {
				t.Errorf("token in local storage with %s storage", kind)
			}
			_, sessionB := h.newTab()
			if sessionB.SignedIn() {
				t.Errorf("%s storage leaked the token into another tab", kind)
			}
		})
	}
}

func TestSignOutDropsTheFetchUnderWay(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	h.prov.SetFault(provider.EndpointAPI, provider.Fault{Delay: 200 * time.Millisecond})
	gen, ok := h.s.claimOverview(false)
	if !ok {
		t.Fatal("no fetch claimed")
	}
	done := make(chan struct{})
	go func() { h.s.fetchOverview(context.Background(), gen); close(done) }()
	if err := h.s.SignOut(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-done
	if st := h.s.Overview(); st.Data != nil || st.Loading {
		t.Errorf("the signed-out person's data arrived after sign-out: %+v", st)
	}
}
