//go:build !js

package uitest

import (
	"context"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/ui"
)

// The browser refuses to keep the token the exchange brought (session
// storage over its quota; with local storage the token lives in IndexedDB,
// a quota of its own): the callback page says so rather than pretending the
// person is signed in.
func TestStorageFullWhenSavingTheToken(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(_ *provider.Options, o *ui.Options) { o.Storage = ui.StorageSession })
	h.startSignIn()
	h.tab.SetStorage(false, true)
	d := mount(t, &ui.Callback{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-error="storage-full"`)
	if h.s.SignedIn() {
		t.Error("signed in without a stored token")
	}
}

// Signing out in tab A forgets the token in every tab, revokes it at the
// site, and says what happened there in the dashboard's notice.
func TestSignOutInOneTabSignsOutEveryTab(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()
	_, sessionB := h.newTab()
	if !sessionB.SignedIn() {
		t.Fatal("tab B does not share the sign-in")
	}
	dB := mount(t, &ui.HomePage{Session: sessionB})
	defer dB.Close()
	mustContain(t, html(dB), `data-state="signed-in"`)

	dA := mount(t, &ui.HomePage{Session: h.s})
	defer dA.Close()
	mustContain(t, html(dA), `data-testid="signout"`)
	res, err := h.s.SignOut(ctx(t)) // what the sign-out button does
	if err != nil {
		t.Fatal(err)
	}
	if !res.Revoked || !res.CanRevoke || res.RevokeErr != nil || res.Site.ID != h.site.ID {
		t.Errorf("SignOutResult = %+v, want revoked at %s", res, h.site.ID)
	}
	if h.s.SignedIn() {
		t.Fatal("tab A is still signed in")
	}
	eventually(t, "tab B to follow the sign-out", func() bool { return !sessionB.SignedIn() })
	mustContain(t, html(dB), `data-state="signed-out"`, `data-testid="signin-button"`)
	mustContain(t, html(dA), `data-state="signed-out"`, `data-testid="signout-notice"`, res.Message(), "revoked at Local Logs")
	if len(h.prov.RequestsTo(provider.EndpointRevoke)) == 0 {
		t.Error("the token was not revoked at the provider")
	}
	if got := h.stored(); got != "" {
		t.Errorf("token still stored: %q", got)
	}
}

func TestRefreshKeepsThePageWorking(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signInExpiring()
	before := h.s.Token()
	d := mount(t, &ui.HomePage{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-testid="profile-name"`)
	after := h.s.Token()
	if after.AccessToken == before.AccessToken || after.RefreshToken == before.RefreshToken {
		t.Error("no refresh happened, or the rotated refresh token was not kept")
	}
	if got := h.stored(); got != after.AccessToken+" "+after.RefreshToken {
		t.Error("the refreshed token was not saved")
	}
}

func TestRefreshRejectedAsksToSignInAgain(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signInExpiring()
	h.revokeAtTheSite()
	d := mount(t, &ui.HomePage{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-error="session-ended"`, "Sign in again")
}

func TestTwoTabsRefreshOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signInExpiring()
	_, sessionB := h.newTab()
	h.prov.ResetRequests()
	// Both tabs find the token expired at once.
	dA := mount(t, &ui.HomePage{Session: h.s})
	dB := mount(t, &ui.HomePage{Session: sessionB})
	defer dA.Close()
	defer dB.Close()
	mustContain(t, html(dA), `data-testid="profile-name"`)
	mustContain(t, html(dB), `data-testid="profile-name"`)
	if n := h.tokenRequests(); n != 1 {
		t.Errorf("%d refresh requests, want exactly 1 (rotating refresh token spent twice?)", n)
	}
}

func TestTokenStorageChoice(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		kind           string
		duplicateKeeps bool // "Duplicate tab" copies session storage, not memory
	}{{ui.StorageSession, true}, {ui.StorageMemory, false}} {
		t.Run(tt.kind, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, func(_ *provider.Options, o *ui.Options) { o.Storage = tt.kind })
			h.signIn()
			if _, sessionB := h.newTab(); sessionB.SignedIn() {
				t.Errorf("%s storage leaked the token into another tab", tt.kind)
			}
			if got := session.New(h.opts, nil, h.tab.Duplicate()).SignedIn(); got != tt.duplicateKeeps {
				t.Errorf("%s storage: a duplicated tab signed in = %v, want %v", tt.kind, got, tt.duplicateKeeps)
			}
		})
	}
}

func TestSignOutDropsTheFetchUnderWay(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()
	h.prov.SetFault(provider.EndpointAPI, provider.Fault{Delay: 200 * time.Millisecond})
	gen, ok := h.s.ClaimOverview(false)
	if !ok {
		t.Fatal("no fetch claimed")
	}
	done := make(chan struct{})
	go func() { h.s.FetchOverview(context.Background(), gen); close(done) }()
	if _, err := h.s.SignOut(ctx(t)); err != nil {
		t.Fatal(err)
	}
	<-done
	if st := h.s.Overview(); st.Data != nil || st.Loading {
		t.Errorf("the signed-out person's data arrived after sign-out: %+v", st)
	}
}
