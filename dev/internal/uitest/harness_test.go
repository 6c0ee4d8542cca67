//go:build !js

package uitest

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the Berlin zone below, on hosts without a zone database

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
	"github.com/pkcelogs/pkcelogs/ui"
)

const appOrigin = "http://127.0.0.1:8000"

// berlin is the zone the tests' clock shows: off the host's build (ui's
// native localTime reads time.Local) and with summer time, which the report
// list's first page spans.
var berlin *time.Location

func TestMain(m *testing.M) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	berlin = loc
	time.Local = loc // before any test runs: tests run in parallel
	os.Exit(m.Run())
}

// harness is one browser tab of the app (a session.MemoryBrowser) next to a
// real local provider on loopback.
type harness struct {
	t    *testing.T
	prov *provider.Server
	site sites.Site
	opts ui.Options
	tab  *session.MemoryBrowser
	s    *ui.Session
}

type harnessOption func(*provider.Options, *ui.Options)

func newHarness(t *testing.T, opts ...harnessOption) *harness {
	t.Helper()
	popts := provider.Options{
		AppOrigins:  []string{appOrigin},
		Clients:     []provider.Client{provider.LocalClient(appOrigin)},
		AutoApprove: provider.UserAlice,
	}
	uopts := ui.Options{ClientID: provider.DefaultClientID, Storage: ui.StorageLocal}
	for _, o := range opts {
		o(&popts, &uopts)
	}
	prov, err := provider.Start(popts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prov.Close() })
	game := popts.Game
	if game == "" {
		game = provider.GameWarcraft
	}
	site, err := sites.Custom{ID: "custom", Name: "Local Logs", Game: game, AuthorizeURL: prov.AuthorizeURL(),
		TokenURL: prov.TokenURL(), RevokeURL: prov.RevokeURL(), APIURL: prov.APIURL(), ReportURL: prov.ReportURL(),
		Issuer: prov.Issuer(), SendsIssuer: true, Scopes: provider.AllScopes}.Site()
	if err != nil {
		t.Fatal(err)
	}
	uopts.Site = site
	tab := session.NewMemoryBrowser(appOrigin + "/")
	return &harness{t: t, prov: prov, site: site, opts: uopts, tab: tab, s: session.New(uopts, nil, tab)}
}

// newTab opens another tab of the app on the same origin, with its own session.
func (h *harness) newTab() (*session.MemoryBrowser, *ui.Session) {
	tab := h.tab.NewTab(appOrigin + "/")
	return tab, session.New(h.opts, nil, tab)
}

// reload is a fresh page load in the same tab: a new session over the same
// storage, at the address the tab shows.
func (h *harness) reload() {
	h.s = session.New(h.opts, nil, h.tab)
}

// stored is the token the browser keeps, as a page opened now would find it:
// a session in a new tab of the same browser.
func (h *harness) stored() string {
	h.t.Helper()
	_, s := h.newTab()
	if tok := s.Token(); tok != nil {
		return tok.AccessToken + " " + tok.RefreshToken
	}
	return ""
}

// authorize plays the site's part after SignIn: it follows the authorize URL
// the tab was sent to (the provider auto-approves) and returns the callback
// address the site redirects back to.
func (h *harness) authorize(tab *session.MemoryBrowser) string {
	h.t.Helper()
	assigned := tab.Assigned()
	if len(assigned) == 0 {
		h.t.Fatal("the tab was not sent to the authorize page")
	}
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(assigned[len(assigned)-1])
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode/100 != 3 || !strings.HasPrefix(loc, appOrigin+"/callback?") {
		h.t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, loc)
	}
	return loc
}

// startSignIn runs SignIn and the site's part, leaving the tab on the
// callback address with code and state.
func (h *harness) startSignIn() string {
	h.t.Helper()
	if err := h.s.SignIn(h.site.ID, "/console"); err != nil {
		h.t.Fatal(err)
	}
	cb := h.authorize(h.tab)
	h.tab.Navigate(cb)
	return cb
}

// signIn runs a whole sign-in in the tab: SignIn, the site, the callback page.
func (h *harness) signIn() {
	h.t.Helper()
	h.startSignIn()
	d := mount(h.t, &ui.Callback{Session: h.s})
	defer d.Close()
	if !h.s.SignedIn() {
		h.t.Fatalf("not signed in after the callback:\n%s", html(d))
	}
}

// signInExpiring signs in with an access token that lives a second, waits
// until it has expired (as if the tab had been left open for its lifetime),
// and lets the provider issue long-lived ones again: the next use of the
// token refreshes it, once.
func (h *harness) signInExpiring() {
	h.t.Helper()
	h.prov.SetAccessTokenTTL(time.Second)
	h.signIn()
	h.prov.SetAccessTokenTTL(time.Hour)
	time.Sleep(time.Until(h.s.Token().Expiry))
	if !h.s.Token().Expired(time.Now()) {
		h.t.Fatal("the token has not expired")
	}
}

func (h *harness) tokenRequests() int { return len(h.prov.RequestsTo(provider.EndpointToken)) }

// revokeAtTheSite revokes the session's refresh token at the provider (RFC
// 7009), as a person removing the app's access in their account does.
func (h *harness) revokeAtTheSite() {
	h.t.Helper()
	form := url.Values{"token": {h.s.Token().RefreshToken}, "token_type_hint": {"refresh_token"}, "client_id": {provider.DefaultClientID}}
	resp, err := http.PostForm(h.prov.RevokeURL(), form)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("revoking at the site answered %d", resp.StatusCode)
	}
}

// eventually waits (at most 10 s) for cond: what another tab does reaches this
// one through a broadcast and an asynchronous read of shared storage.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

// mount renders c with go-app's client tester and runs its async work to the end.
func mount(t *testing.T, c app.UI) app.ClientDispatcher {
	t.Helper()
	d := app.NewClientTester(c)
	d.Consume()
	return d
}

// html is the rendered page, for assertions on what a person sees. The
// tester's Consume stops after a frame, and components mounted by that frame
// queue their OnMount for the next: consume until the page stops changing,
// as the browser's engine loop would.
func html(d app.ClientDispatcher) string {
	page := ""
	for i := 0; i < 10; i++ {
		d.Consume()
		next := app.HTMLString(d.Context().Src())
		if next == page {
			break
		}
		page = next
	}
	return page
}

// update runs fn on the UI goroutine, as an event handler would, and
// consumes the work it starts.
func update(d app.ClientDispatcher, c app.Composer, fn func(app.Context)) {
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: fn})
	d.Consume()
}

// containsAll reports whether page has every one of wants.
func containsAll(page string, wants []string) bool {
	for _, w := range wants {
		if !strings.Contains(page, w) {
			return false
		}
	}
	return true
}

func mustContain(t *testing.T, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q:\n%s", w, page)
		}
	}
}

func mustNotContain(t *testing.T, page string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(page, w) {
			t.Errorf("page has %q:\n%s", w, page)
		}
	}
}
