//go:build !js

package uitest

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/ui"
)

func TestSignInShowsDashboard(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()

	// The address bar lost code and state before anything else.
	if loc := h.tab.Location(); len(h.tab.Replaced()) == 0 || strings.Contains(loc, "code=") || strings.Contains(loc, "state=") {
		t.Fatalf("address bar still holds the callback: %q (replaced %q)", loc, h.tab.Replaced())
	}
	d := mount(t, &ui.HomePage{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-state="signed-in"`, `data-testid="profile-name"`, "alice", `data-testid="guild"`,
		`data-testid="character"`, `data-visibility="private"`, `data-testid="ratelimit-spent"`)
	if n := h.tokenRequests(); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
}

// reloadOverview is the dashboard's "Reload data" button: fetch the first
// screen again, whatever is held.
func reloadOverview(t *testing.T, d app.ClientDispatcher, s *ui.Session) {
	t.Helper()
	gen, ok := s.ClaimOverview(true)
	if !ok {
		t.Fatal("a forced reload was not claimed")
	}
	s.FetchOverview(ctx(t), gen)
	d.Consume()
}

func TestDashboardExplainsAPIFailuresAndKeepsTheToken(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		fault provider.Fault
		code  string
		says  string
	}{
		{provider.Fault{Status: 403}, "client-blocked", "403"},
		{provider.Fault{Status: 429}, "rate-limited", "429"},
		{provider.Fault{Status: 500}, "server-error", "500"},
		{provider.Fault{HTML: true}, "not-json", "text/html"},
		{provider.Fault{Drop: true}, "network", "Could not reach"},
		{provider.Fault{Status: 401}, "unauthenticated", "401"},
	} {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			h.signIn()
			stored := h.stored()
			h.prov.SetFault(provider.EndpointAPI, tt.fault)
			d := mount(t, &ui.HomePage{Session: h.s})
			defer d.Close()
			page := html(d)
			mustContain(t, page, `data-error="`+tt.code+`"`, tt.says, `data-testid="profile"`)
			if n := strings.Count(page, `data-testid="error"`); n != 1 {
				t.Errorf("the error is shown %d times, want once", n)
			}
			if !h.s.SignedIn() {
				t.Error("an API failure signed the person out")
			}
			if tt.code != "unauthenticated" && h.stored() != stored {
				t.Error("the stored token changed")
			}
			// Try again once the API is back.
			h.prov.SetFault(provider.EndpointAPI, provider.Fault{})
			reloadOverview(t, d, h.s)
			if tt.code != "unauthenticated" {
				mustContain(t, html(d), `data-testid="profile-name"`)
			}
		})
	}
}

func TestWithoutProfileScopeTheProfileSaysWhy(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(_ *provider.Options, o *ui.Options) { o.Scopes = []string{provider.ScopeViewPrivateReports} })
	d := h.signedIn(&ui.HomePage{Session: h.s})
	mustContain(t, html(d), `data-testid="profile-no-scope"`, "view-user-profile", `data-testid="report"`)
}

func TestReportsMarkPrivateAndPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	r := &ui.Reports{Session: h.s}
	d := h.signedIn(r)
	page := html(d)
	mustContain(t, page, `data-visibility="private"`, ">Private<", `data-visibility="unlisted"`, ">Unlisted<", "Page 1 of")
	first := h.s.Overview().Data.Reports
	// Each report's start in the browser's zone at that instant: the first
	// page spans the end of summer time in Europe on 25 October 2026.
	shown := map[string]string{} // datetime attribute: text
	for _, m := range regexp.MustCompile(`<time [^>]*datetime="([^"]+)"[^>]*>\s*<span class="pl-date-long"[^>]*>([^<]*)</span>`).FindAllStringSubmatch(page, -1) {
		shown[m[1]] = m[2]
	}
	offsets := map[string]bool{}
	for _, rep := range first.Data {
		local := rep.StartTime.In(berlin)
		name, _ := local.Zone()
		offset := map[string]string{"CEST": "UTC+2", "CET": "UTC+1"}[name]
		offsets[offset] = true
		at := rep.StartTime.UTC().Format(time.RFC3339)
		if got, want := shown[at], local.Format("2006-01-02 15:04")+" "+offset; got != want {
			t.Errorf("report %s started %s: shows %q, want %q", rep.Code, at, got, want)
		}
	}
	if !offsets["UTC+2"] || !offsets["UTC+1"] {
		t.Errorf("the first page's reports do not span a change of offset in Europe/Berlin (%v): the test proves less; pick another zone", offsets)
	}
	update(d, r, func(ctx app.Context) { r.Turn(ctx, 2) })
	page = html(d)
	mustContain(t, page, "Page 2 of")
	// The turn is said in the card's status region, which is always there.
	if m := regexp.MustCompile(`<p [^>]*role="status"[^>]*data-testid="reports-live"[^>]*>([^<]*)<|<p [^>]*data-testid="reports-live"[^>]*role="status"[^>]*>([^<]*)<`).FindStringSubmatch(page); m == nil ||
		strings.TrimSpace(strings.ReplaceAll(m[1]+m[2], "\u00a0", " ")) != "Page 2 of your reports shown." {
		t.Errorf("the reports' status region after turning to page 2: %q", m)
	}
	if strings.Contains(page, `data-code="`+first.Data[0].Code+`"`) {
		t.Error("page 2 repeats page 1's first report")
	}
	update(d, r, func(ctx app.Context) { r.Turn(ctx, 1) })
	mustContain(t, html(d), "Page 1 of", `data-code="`+first.Data[0].Code+`"`)
}

func TestProfileShowsEachGamesFields(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		game      string
		want, not []string
	}{
		{provider.GameWarcraft, []string{`data-testid="profile-battletag"`, "Alice#1234"}, []string{"profile-na-name"}},
		{provider.GameESO, []string{`data-testid="profile-na-name"`, "@alice", `data-testid="profile-eu-name"`, "@alice.eu"}, []string{"profile-battletag"}},
		{provider.GameFFXIV, []string{`data-testid="profile-name"`, "Alice"}, []string{"profile-battletag", "profile-na-name"}},
	} {
		t.Run(tt.game, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, withGame(tt.game))
			d := h.signedIn(&ui.Profile{Session: h.s})
			page := html(d)
			mustContain(t, page, tt.want...)
			mustNotContain(t, page, tt.not...)
		})
	}
}

// ESO Logs characters have no level, so that column is left out there.
func TestCharactersShowLevelsWhereTheGameHasThem(t *testing.T) {
	t.Parallel()
	for game, wantLevel := range map[string]bool{provider.GameWarcraft: true, provider.GameESO: false} {
		t.Run(game, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, withGame(game))
			d := h.signedIn(&ui.Characters{Session: h.s})
			page := html(d)
			mustContain(t, page, `data-testid="character-name"`)
			if got := strings.Contains(page, `data-testid="character-level"`) && strings.Contains(page, ">Level<"); got != wantLevel {
				t.Errorf("%s: level column shown = %v, want %v", game, got, wantLevel)
			}
		})
	}
}

func TestFailedReloadKeepsTheDataShown(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	d := h.signedIn(&ui.HomePage{Session: h.s})
	mustContain(t, html(d), `data-testid="profile-name"`, `data-testid="dashboard-reload"`)
	h.prov.SetFault(provider.EndpointAPI, provider.Fault{Status: 503})
	reloadOverview(t, d, h.s)
	mustContain(t, html(d), `data-testid="profile-name"`, `data-error="server-error"`, "503")
}
