//go:build !js

package ui

// The components' own behaviour that needs no provider: what a click does
// (handlers are unexported, so these tests live in the package), error views
// and their countdowns, settings. The provider-backed tests (sign-in to
// dashboard, callbacks, refresh, sign-out across tabs) are in the dev module,
// dev/internal/uitest, which may import the local provider.

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/session"
)

const testOrigin = "http://127.0.0.1:8000"

func memoryBrowser(t *testing.T, s *Session) *session.MemoryBrowser {
	t.Helper()
	b, ok := s.Browser().(*session.MemoryBrowser)
	if !ok {
		t.Fatalf("the test session's browser is a %T", s.Browser())
	}
	return b
}

// click runs the handler a click on the component would, on the UI goroutine.
func click(d app.ClientDispatcher, c app.Composer, handler func(app.Context, app.Event)) {
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) { handler(ctx, app.Event{}) }})
	d.Consume()
}

// mustBeReady checks the sign-in button carries data-ready="true" (go-app
// prints an attribute whose value is "true" bare).
func mustBeReady(t *testing.T, page string) {
	t.Helper()
	if !strings.Contains(page, `data-testid="signin-button"`) || strings.Contains(page, `data-ready="false"`) || !strings.Contains(page, "data-ready") {
		t.Errorf("sign-in button not ready:\n%s", page)
	}
}

func TestSignInButtonIsReadyAndSendsOnlyTheChallenge(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	tab := memoryBrowser(t, s)
	b := &SignInButton{Session: s}
	d := mount(t, b)
	defer d.Close()
	page := html(d)
	mustBeReady(t, page)
	mustContain(t, page, `data-testid="site-select"`, "Local Logs", "Warcraft Logs", "FF Logs", "ESO Logs")

	click(d, b, b.onClick)
	assigned := tab.Assigned()
	if len(assigned) != 1 {
		t.Fatalf("the tab was sent to %q, want one authorize URL", assigned)
	}
	u, _ := url.Parse(assigned[0])
	q := u.Query()
	if !strings.HasPrefix(assigned[0], s.Options().Site.AuthorizeURL+"?") || q.Get("code_challenge") == "" ||
		q.Get("code_challenge_method") != "S256" || q.Get("redirect_uri") != testOrigin+"/callback" {
		t.Errorf("authorize URL %q", assigned[0])
	}
	if q.Has("code_verifier") || strings.Contains(assigned[0], "secret") {
		t.Errorf("authorize URL leaks more than the challenge: %q", assigned[0])
	}
	mustContain(t, html(d), "Opening Local Logs")
}

func TestSignInButtonFixedSiteHasNoChooser(t *testing.T) {
	t.Parallel()
	s := testSession(t, func(o *Options) { o.FixedSite = true })
	d := mount(t, &SignInButton{Session: s})
	defer d.Close()
	page := html(d)
	mustNotContain(t, page, `data-testid="site-select"`, "FF Logs")
	mustContain(t, page, "Sign in to Local Logs")
	mustBeReady(t, page)
}

func TestSignInWithoutClientIDSaysWhatToRegister(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	b := &SignInButton{Session: s, Site: "fflogs"}
	d := mount(t, b)
	defer d.Close()
	mustContain(t, html(d), `data-testid="signin-needs-client"`, "FF Logs needs a client id")
	click(d, b, b.onClick)
	page := html(d)
	mustContain(t, page, `data-error="no-client-id"`, "FF Logs", "https://www.fflogs.com/api/clients/", testOrigin+"/callback", "Open settings")
	if a := memoryBrowser(t, s).Assigned(); len(a) != 0 {
		t.Errorf("navigated without a client id: %q", a)
	}
}

// A copy of the app served over plain http on a public host cannot sign in:
// the site would send the code back to it in the clear. The person is told
// why instead of being sent to the site.
func TestSignInFromAPlainHTTPPageOffLoopbackIsRefused(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	tab := memoryBrowser(t, s)
	tab.Navigate("http://pkcelogs.example/")
	b := &SignInButton{Session: s}
	d := mount(t, b)
	defer d.Close()
	click(d, b, b.onClick)
	if a := tab.Assigned(); len(a) != 0 {
		t.Fatalf("the tab was sent to %q from a plain-http page", a)
	}
	mustContain(t, html(d), `data-error="config"`, "http://pkcelogs.example/callback", "must use https")
}

func TestStorageRefusedIsExplained(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name           string
		disabled, full bool
		code           string
	}{
		{"disabled", true, false, "storage-disabled"},
		{"full", false, true, "storage-full"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := testSession(t, nil)
			tab := memoryBrowser(t, s)
			tab.SetStorage(tt.disabled, tt.full)
			b := &SignInButton{Session: s}
			d := mount(t, b)
			defer d.Close()
			click(d, b, b.onClick)
			page := html(d)
			mustContain(t, page, `data-error="`+tt.code+`"`)
			mustBeReady(t, page)
			if len(tab.Assigned()) != 0 {
				t.Error("went to the site although the pending sign-in could not be kept")
			}
		})
	}
	t.Run("disabled at start", func(t *testing.T) {
		t.Parallel()
		tab := session.NewMemoryBrowser(testOrigin + "/")
		tab.SetStorage(true, false)
		s := session.New(testSession(t, nil).Options(), nil, tab)
		d := mount(t, &HomePage{Session: s})
		defer d.Close()
		mustContain(t, html(d), `data-error="storage-disabled"`, "Allow site data", `data-testid="signin-button"`)
	})
}

func TestSettingsOwnClientID(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	site := s.Options().Site
	st := &Settings{Session: s}
	d := mount(t, st)
	defer d.Close()
	mustContain(t, html(d), `data-testid="settings-redirect-uri"`, testOrigin+"/callback", "pkcelogs-local", "You are not signed in.")
	save := func(clientID string) {
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: st, Function: func(ctx app.Context) { st.save(s, clientID) }})
		d.Consume()
	}
	save(" my-own-client ")
	mustContain(t, html(d), `data-testid="settings-saved"`, "your client my-own-client")
	if got := s.ClientID(site.ID); got != "my-own-client" {
		t.Errorf("ClientID = %q", got)
	}
	save("bad id/with?junk")
	mustContain(t, html(d), `data-error="config"`)
	if got := s.ClientID(site.ID); got != "my-own-client" {
		t.Errorf("a bad client id replaced the good one: %q", got)
	}
	save("")
	if got := s.ClientID(site.ID); got != "pkcelogs-local" {
		t.Errorf("after reset ClientID = %q, want the build's", got)
	}
}

func TestErrorViewRateLimitCountdownAndRedirectURI(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	d := mount(t, &ErrorView{Session: s, Err: &logsapi.RateLimitedError{RetryAfter: 125 * time.Second}})
	defer d.Close()
	mustContain(t, html(d), `data-testid="error-countdown"`, "2:05", `data-action="retry"`)

	d2 := mount(t, &ErrorView{Session: s, Err: &pkce.OAuthError{Code: "invalid_client", Status: 401, Endpoint: pkce.EndpointToken}})
	defer d2.Close()
	mustContain(t, html(d2), `data-error="redirect-uri-mismatch"`, testOrigin+"/callback", "Open settings")
}

func TestErrorViewTakesUncomparableErrors(t *testing.T) {
	t.Parallel()
	// GraphQLErrors is a slice: comparing it with == would panic.
	d := mount(t, &ErrorView{Session: testSession(t, nil), Err: logsapi.GraphQLErrors{{Message: "a"}, {Message: "b"}}})
	defer d.Close()
	mustContain(t, html(d), `data-error="graphql"`, "2 errors")
}

func TestProgressStructure(t *testing.T) {
	t.Parallel()
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

func TestRateLimitedWithoutRetryAfterCountsDownToTheKnownReset(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	s.NoteRateLimit(&logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 3600, PointsResetIn: 10 * time.Minute})
	d := mount(t, &ErrorView{Session: s, Err: &logsapi.RateLimitedError{}})
	defer d.Close()
	page := html(d)
	mustContain(t, page, `data-testid="error-countdown"`)
	if !strings.Contains(page, ">10:00<") && !strings.Contains(page, ">9:59<") {
		t.Errorf("countdown is not the known reset:\n%s", page)
	}
}

func TestAgoWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		10 * time.Second: "just now", 4 * time.Minute: "4 min ago", 3 * time.Hour: "3 h ago", 72 * time.Hour: "3 days ago",
	} {
		if got := ago(d); got != want {
			t.Errorf("ago(%v) = %q, want %q", d, got, want)
		}
	}
}
