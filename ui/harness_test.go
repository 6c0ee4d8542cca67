//go:build ignore

// TODO(lead): rewritten with the session package (provider-backed ui tests move to the dev module)

package ui

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/internal/provider"
	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

const appOrigin = "http://127.0.0.1:8000"

// harness is one browser tab of the app (a hostPlatform) next to a real local
// provider on loopback.
type harness struct {
	t    *testing.T
	prov *provider.Server
	site sites.Site
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
	site, err := sites.Custom{ID: "custom", Name: "Local Logs", Game: game, AuthorizeURL: prov.URL + provider.AuthorizePath, TokenURL: prov.URL + provider.TokenPath, RevokeURL: prov.URL + provider.RevokePath, APIURL: prov.URL + provider.APIPath, Scopes: provider.AllScopes}.Site()
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

func tokenRequests(p *provider.Server) int {
	n := 0
	for _, r := range p.Requests() {
		if r.Endpoint == provider.EndpointToken {
			n++
		}
	}
	return n
}
