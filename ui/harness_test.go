//go:build ignore

// TODO(lead): rewritten with the session package

package ui

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/internal/provider"
	"github.com/pkcelogs/pkcelogs/pkce"
)

const appOrigin = "http://127.0.0.1:8000"

// harness is one browser tab of the app (a hostPlatform) next to a real local
// provider on loopback.
type harness struct {
	t    *testing.T
	prov *provider.Server
	site pkce.Site
	tab  *hostPlatform
	s    *Session
}

type harnessOption func(*provider.Options, *Options)

func newHarness(t *testing.T, opts ...harnessOption) *harness {
	t.Helper()
	popts := provider.Options{
		AppOrigins:  []string{appOrigin},
		Clients:     []provider.Client{provider.LocalClient(appOrigin)},
		AutoApprove: provider.UserAlice,
	}
	uopts := Options{ClientID: provider.DefaultClientID, Storage: StorageLocal}
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
	site, err := pkce.CustomSite("custom", "Local Logs", game,
		prov.URL+provider.AuthorizePath, prov.URL+provider.TokenPath, prov.URL+provider.RevokePath,
		prov.URL+provider.APIPath, provider.AllScopes)
	if err != nil {
		t.Fatal(err)
	}
	uopts.Site = site
	tab := newHostPlatform(appOrigin + "/")
	old := platform
	platform = tab
	t.Cleanup(func() { platform = old })
	h := &harness{t: t, prov: prov, site: site, tab: tab}
	h.s = NewSession(uopts)
	return h
}

// newTab opens a second tab of the app on the same origin, with its own session.
func (h *harness) newTab() (*hostPlatform, *Session) {
	tab := h.tab.newTab(appOrigin + "/")
	old := platform
	platform = tab
	s := NewSession(h.s.opts)
	platform = old
	return tab, s
}

// authorize plays the site's part after SignIn: it follows the authorize URL
// the tab was sent to (the provider auto-approves) and returns the callback
// address the site redirects back to.
func (h *harness) authorize(tab *hostPlatform) string {
	h.t.Helper()
	if len(tab.assigned) == 0 {
		h.t.Fatal("the tab was not sent to the authorize page")
	}
	authorizeURL := tab.assigned[len(tab.assigned)-1]
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(authorizeURL)
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

// signIn runs a whole sign-in in the tab: SignIn, the site, the callback page.
func (h *harness) signIn() {
	h.t.Helper()
	if err := h.s.SignIn(h.site.ID, "/"); err != nil {
		h.t.Fatal(err)
	}
	h.tab.url = h.authorize(h.tab)
	d := mount(h.t, &Callback{Session: h.s})
	defer d.Close()
	if !h.s.SignedIn() {
		h.t.Fatalf("not signed in after the callback:\n%s", html(d))
	}
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

func tokenRequests(p *provider.Server) int {
	n := 0
	for _, r := range p.Requests() {
		if r.Endpoint == provider.EndpointToken {
			n++
		}
	}
	return n
}
