//go:build ignore

// TODO(lead): rewritten with the session package

package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/internal/provider"
	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
)

func TestErrorViewRateLimitCountdownAndRedirectURI(t *testing.T) {
	h := newHarness(t)
	d := mount(t, &ErrorView{Session: h.s, Err: &logsapi.RateLimitedError{RetryAfter: 125 * time.Second}})
	defer d.Close()
	mustContain(t, html(d), `data-testid="error-countdown"`, "2:05", `data-action="retry"`)

	d2 := mount(t, &ErrorView{Session: h.s, Err: &pkce.OAuthError{Code: "invalid_client", Status: 401, Endpoint: pkce.EndpointToken}})
	defer d2.Close()
	mustContain(t, html(d2), `data-error="redirect-uri-mismatch"`, appOrigin+"/callback", "Open settings")
}

func TestErrorViewTakesUncomparableErrors(t *testing.T) {
	// GraphQLErrors is a slice: comparing it with == would panic.
	d := mount(t, &ErrorView{Err: logsapi.GraphQLErrors{{Message: "a"}, {Message: "b"}}})
	defer d.Close()
	mustContain(t, html(d), `data-error="graphql"`, "2 errors")
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
	mustContain(t, page, `&#34;total&#34;: 120`)
	mustNotContain(t, page, `data-testid="console-errors"`)
	page = run("{ rateLimitData { limitPerHour } }", `{"userID": `)
	mustContain(t, page, `data-error="bad-variables"`)
	if rl, _ := h.s.RateLimit(); rl == nil {
		t.Error("the console did not update the session's rate limit")
	}
}

func TestSettingsShowsTheSignIn(t *testing.T) {
	h := newHarness(t)
	kolkata := mustLoadLocation(t, "Asia/Kolkata")
	h.tab.zone = kolkata
	h.signIn()
	d := mount(t, &Settings{Session: h.s})
	defer d.Close()
	until := h.s.Token().Expiry.In(kolkata).Format("2006-01-02 15:04") + " UTC+5:30"
	mustContain(t, html(d), `data-testid="settings-session"`, "Signed in to Local Logs with client pkcelogs-local",
		"view-user-profile, view-private-reports", "good until "+until+".", "renews itself")
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
