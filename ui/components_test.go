//go:build !js

package ui

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/internal/provider"
	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
)

func TestSignInButtonIsReadyAndSendsOnlyTheChallenge(t *testing.T) {
	h := newHarness(t)
	b := &SignInButton{Session: h.s}
	d := mount(t, b)
	defer d.Close()
	page := html(d)
	mustBeReady(t, page)
	mustContain(t, page, `data-testid="site-select"`, "Local Logs", "Warcraft Logs", "FF Logs", "ESO Logs")

	d.Dispatch(app.Dispatch{Mode: app.Update, Source: b, Function: func(ctx app.Context) { b.onClick(ctx, app.Event{}) }})
	d.Consume()
	if len(h.tab.assigned) != 1 {
		t.Fatalf("the tab was sent to %q, want one authorize URL", h.tab.assigned)
	}
	u, _ := url.Parse(h.tab.assigned[0])
	q := u.Query()
	if !strings.HasPrefix(h.tab.assigned[0], h.site.AuthorizeURL+"?") || q.Get("code_challenge") == "" ||
		q.Get("code_challenge_method") != "S256" || q.Get("redirect_uri") != appOrigin+"/callback" {
		t.Errorf("authorize URL %q", h.tab.assigned[0])
	}
	if q.Has("code_verifier") || strings.Contains(h.tab.assigned[0], "secret") {
		t.Errorf("authorize URL leaks more than the challenge: %q", h.tab.assigned[0])
	}
	mustContain(t, html(d), "Opening Local Logs")
}

func TestSignInButtonFixedSiteHasNoChooser(t *testing.T) {
	h := newHarness(t, func(_ *provider.Options, o *Options) { o.FixedSite = true })
	d := mount(t, &SignInButton{Session: h.s})
	defer d.Close()
	page := html(d)
	mustNotContain(t, page, `data-testid="site-select"`, "FF Logs")
	mustContain(t, page, "Sign in to Local Logs")
	mustBeReady(t, page)
}

func TestSignInWithoutClientIDSaysWhatToRegister(t *testing.T) {
	h := newHarness(t)
	b := &SignInButton{Session: h.s, Site: "fflogs"}
	d := mount(t, b)
	defer d.Close()
	mustContain(t, html(d), `data-testid="signin-needs-client"`, "FF Logs needs a client id")
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: b, Function: func(ctx app.Context) { b.onClick(ctx, app.Event{}) }})
	page := html(d)
	mustContain(t, page, `data-error="no-client-id"`, "FF Logs", "https://www.fflogs.com/api/clients/", appOrigin+"/callback", "Open settings")
	if len(h.tab.assigned) != 0 {
		t.Errorf("navigated without a client id: %q", h.tab.assigned)
	}
}

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

func TestDashboardExplainsAPIFailuresAndKeepsTheToken(t *testing.T) {
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
			h := newHarness(t)
			h.signIn()
			stored, _, _ := h.tab.local.Get(keyToken)
			h.prov.SetFault(provider.EndpointAPI, tt.fault)
			d := mount(t, &HomePage{Session: h.s})
			defer d.Close()
			page := html(d)
			mustContain(t, page, `data-error="`+tt.code+`"`, tt.says, `data-testid="profile"`)
			if strings.Count(page, `data-testid="error"`) != 1 {
				t.Errorf("the error is shown %d times, want once", strings.Count(page, `data-testid="error"`))
			}
			if !h.s.SignedIn() {
				t.Error("an API failure signed the person out")
			}
			if tt.code != "unauthenticated" {
				if now, _, _ := h.tab.local.Get(keyToken); now != stored {
					t.Error("the stored token changed")
				}
			}
			// Try again once the API is back.
			h.prov.SetFault(provider.EndpointAPI, provider.Fault{})
			d.Dispatch(app.Dispatch{Mode: app.Update, Source: d.Context().Src(), Function: func(ctx app.Context) { loadOverview(ctx, h.s, true) }})
			d.Consume()
			if tt.code != "unauthenticated" {
				mustContain(t, html(d), `data-testid="profile-name"`)
			}
		})
	}
}

func TestErrorViewRateLimitCountdownAndRedirectURI(t *testing.T) {
	h := newHarness(t)
	d := mount(t, &ErrorView{Session: h.s, Err: &logsapi.RateLimitedError{RetryAfter: 125 * time.Second}})
	defer d.Close()
	mustContain(t, html(d), `data-testid="error-countdown"`, "2:05", `data-action="retry"`)

	d2 := mount(t, &ErrorView{Session: h.s, Err: &pkce.OAuthError{Code: "invalid_client", Status: 401, Endpoint: pkce.EndpointToken}})
	defer d2.Close()
	mustContain(t, html(d2), `data-error="redirect-uri-mismatch"`, appOrigin+"/callback", "Open settings")
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

func TestWithoutProfileScopeTheProfileSaysWhy(t *testing.T) {
	h := newHarness(t, func(_ *provider.Options, o *Options) { o.Scopes = []string{provider.ScopeViewPrivateReports} })
	h.signIn()
	d := mount(t, &HomePage{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-testid="profile-no-scope"`, "view-user-profile", `data-testid="report"`)
}

func TestReportsMarkPrivateAndPage(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	r := &Reports{Session: h.s}
	d := mount(t, r)
	defer d.Close()
	page := html(d)
	mustContain(t, page, `data-visibility="private"`, ">Private<", `data-visibility="unlisted"`, ">Unlisted<", "Page 1 of")
	first := r.current().Data[0].Code
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: r, Function: func(ctx app.Context) { r.turn(ctx, h.s, 2) }})
	d.Consume()
	page = html(d)
	mustContain(t, page, "Page 2 of")
	if strings.Contains(page, first) {
		t.Error("page 2 repeats page 1's first report")
	}
}

func TestConsoleRunsQueriesAndShowsErrors(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	c := &Console{Session: h.s}
	d := mount(t, c)
	defer d.Close()
	run := func(query, vars string) string {
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) {
			c.query, c.variables = query, vars
			c.run(ctx, h.s)
		}})
		return html(d)
	}
	page := run("{ userData { currentUser { id name } } }", "")
	mustContain(t, page, `data-testid="console-result"`, "Alice", `data-testid="console-cost"`, "points")
	page = run("{ userData { currentUser { nope } } }", "")
	mustContain(t, page, `data-testid="console-errors"`, "nope")
	page = run(Examples("warcraft", 1)[2].Query, `{"userID": 1, "limit": 2}`)
	mustContain(t, page, `&#34;total&#34;: 90`)
	mustNotContain(t, page, `data-testid="console-errors"`)
	page = run("{ rateLimitData { limitPerHour } }", `{"userID": `)
	mustContain(t, page, `data-error="bad-variables"`)
	if rl, _ := h.s.RateLimit(); rl == nil {
		t.Error("the console did not update the session's rate limit")
	}
}

func TestSettingsShowsTheSignIn(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	d := mount(t, &Settings{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-testid="settings-session"`, "Signed in to Local Logs with client pkcelogs-local",
		"view-user-profile, view-private-reports", "renews itself")
}

func TestSettingsOwnClientID(t *testing.T) {
	h := newHarness(t)
	st := &Settings{Session: h.s}
	d := mount(t, st)
	defer d.Close()
	mustContain(t, html(d), `data-testid="settings-redirect-uri"`, appOrigin+"/callback", "pkcelogs-local", "You are not signed in.")
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: st, Function: func(ctx app.Context) { st.save(h.s, " my-own-client ") }})
	mustContain(t, html(d), `data-testid="settings-saved"`, "your client my-own-client")
	if got := h.s.ClientID(h.site.ID); got != "my-own-client" {
		t.Errorf("ClientID = %q", got)
	}
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: st, Function: func(ctx app.Context) { st.save(h.s, "bad id/with?junk") }})
	mustContain(t, html(d), `data-error="config"`)
	if got := h.s.ClientID(h.site.ID); got != "my-own-client" {
		t.Errorf("a bad client id replaced the good one: %q", got)
	}
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: st, Function: func(ctx app.Context) { st.save(h.s, "") }})
	d.Consume()
	if got := h.s.ClientID(h.site.ID); got != provider.DefaultClientID {
		t.Errorf("after reset ClientID = %q, want the build's", got)
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

func TestSafeReturnPath(t *testing.T) {
	opts := Options{BasePath: "/pkcelogs"}
	for in, want := range map[string]string{
		"/pkcelogs/console?x=1":     "/pkcelogs/console?x=1",
		"/pkcelogs/":                "/pkcelogs/",
		"https://evil.example/":     "/pkcelogs/",
		"//evil.example/":           "/pkcelogs/",
		"/\\evil.example":           "/pkcelogs/",
		"/other-app/":               "/pkcelogs/",
		"/pkcelogs/callback?code=x": "/pkcelogs/",
		"":                          "/pkcelogs/",
		"javascript:alert(1)":       "/pkcelogs/",
	} {
		if got := safeReturnPath(in, opts); got != want {
			t.Errorf("safeReturnPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// mustBeReady checks the sign-in button carries data-ready="true" (go-app
// prints an attribute whose value is "true" bare).
func mustBeReady(t *testing.T, page string) {
	t.Helper()
	if !strings.Contains(page, `data-testid="signin-button"`) || strings.Contains(page, `data-ready="false"`) || !strings.Contains(page, "data-ready") {
		t.Errorf("sign-in button not ready:\n%s", page)
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

func TestEmbeddedButtonsFollowTheSession(t *testing.T) {
	h := newHarness(t)
	page := func() string {
		d := mount(t, &embedded{s: h.s})
		defer d.Close()
		return html(d)
	}
	out := page()
	mustContain(t, out, `data-testid="signin-button"`, `data-testid="profile-signed-out"`)
	mustNotContain(t, out, `data-testid="signout"`)
	h.signIn()
	out = page()
	mustContain(t, out, `data-testid="signout"`, `data-testid="profile-name"`, `data-state="signed-in"`)
	mustNotContain(t, out, `data-testid="signin-button"`)
}

// embedded is a page of another app with pkcelogs' components in it.
type embedded struct {
	app.Compo
	s *Session
}

func (e *embedded) Render() app.UI {
	return app.Div().Body(&SignInButton{Session: e.s}, &Profile{Session: e.s}, &SignOutButton{Session: e.s})
}

func TestErrorViewTakesUncomparableErrors(t *testing.T) {
	// GraphQLErrors is a slice: comparing it with == would panic.
	d := mount(t, &ErrorView{Err: logsapi.GraphQLErrors{{Message: "a"}, {Message: "b"}}})
	defer d.Close()
	mustContain(t, html(d), `data-error="graphql"`, "2 errors")
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

func TestProfileShowsEachGamesFields(t *testing.T) {
	for _, tt := range []struct {
		game      string
		want, not []string
	}{
		{provider.GameWarcraft, []string{`data-testid="profile-battletag"`, "Alice#1234"}, []string{"profile-na-name"}},
		{provider.GameESO, []string{`data-testid="profile-na-name"`, "@alice", `data-testid="profile-eu-name"`, "@alice.eu"}, []string{"profile-battletag"}},
		{provider.GameFFXIV, []string{`data-testid="profile-name"`, "Alice"}, []string{"profile-battletag", "profile-na-name"}},
	} {
		t.Run(tt.game, func(t *testing.T) {
			h := newHarness(t, func(p *provider.Options, _ *Options) { p.Game = tt.game })
			h.signIn()
			d := mount(t, &Profile{Session: h.s})
			defer d.Close()
			page := html(d)
			mustContain(t, page, tt.want...)
			mustNotContain(t, page, tt.not...)
		})
	}
}

func TestProgressStructure(t *testing.T) {
	d := mount(t, &Progress{Label: "Loading your reports…"})
	defer d.Close()
	root := d.Context().Src() // the page's body
	for _, m := range []app.TestUIDescriptor{
		{Path: app.TestPath(0), Expected: &Progress{Label: "Loading your reports…"}},
		{Path: app.TestPath(0, 0), Expected: app.Div().Class("pl-progress").Attr("role", "status").Attr("aria-live", "polite").Attr(testid, "progress")},
		{Path: app.TestPath(0, 0, 1), Expected: app.Span().Class("pl-progress-label")},
		{Path: app.TestPath(0, 0, 1, 0), Expected: app.Text("Loading your reports…")},
	} {
		if err := app.TestMatch(root, m); err != nil {
			t.Error(err)
		}
	}
}

func TestSessionProviderConfiguresTheComponentsInside(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	prev := Default()
	defer UseSession(prev)
	d := mount(t, &SessionProvider{Options: h.s.opts, Body: []app.UI{&Profile{}, &SignOutButton{}}})
	defer d.Close()
	mustContain(t, html(d), `data-testid="profile-name"`, "Alice", `data-testid="signout"`)
	if Default() != sessionFor(h.s.opts) || sessionFor(h.s.opts) != sessionFor(h.s.opts) {
		t.Error("the provider did not install one session for its options")
	}
}

func TestFailedReloadKeepsTheDataShown(t *testing.T) {
	h := newHarness(t)
	h.signIn()
	d := mount(t, &HomePage{Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-testid="profile-name"`, `data-testid="dashboard-reload"`)
	h.prov.SetFault(provider.EndpointAPI, provider.Fault{Status: 503})
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: d.Context().Src(), Function: func(ctx app.Context) { loadOverview(ctx, h.s, true) }})
	page := html(d)
	mustContain(t, page, `data-testid="profile-name"`, `data-error="server-error"`, "503")
}

func TestRateLimitedWithoutRetryAfterCountsDownToTheKnownReset(t *testing.T) {
	h := newHarness(t)
	h.s.noteRateLimit(&logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 3600, PointsResetIn: 10 * time.Minute})
	d := mount(t, &ErrorView{Session: h.s, Err: &logsapi.RateLimitedError{}})
	defer d.Close()
	page := html(d)
	mustContain(t, page, `data-testid="error-countdown"`)
	if !strings.Contains(page, ">10:00<") && !strings.Contains(page, ">9:59<") {
		t.Errorf("countdown is not the known reset:\n%s", page)
	}
}
