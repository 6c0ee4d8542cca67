//go:build !js

package uitest

import (
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

func TestConsoleRunsQueriesAndShowsErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := &ui.Console{Session: h.s}
	d := h.signedIn(c)
	run := func(query, vars string) string {
		update(d, c, func(ctx app.Context) { c.Run(ctx, query, vars) })
		return html(d)
	}
	page := run("{ userData { currentUser { id name } } }", "")
	mustContain(t, page, `data-testid="console-result"`, "Alice", `data-testid="console-cost"`, "points")
	page = run("{ userData { currentUser { nope } } }", "")
	mustContain(t, page, `data-testid="console-errors"`, "nope")
	page = run(ui.Examples("warcraft", 1)[2].Query, `{"userID": 1, "limit": 2}`)
	mustContain(t, page, `&#34;total&#34;: 328`)
	mustNotContain(t, page, `data-testid="console-errors"`)
	page = run("{ rateLimitData { limitPerHour } }", `{"userID": `)
	mustContain(t, page, `data-error="bad-variables"`)
	page = run("  ", "")
	mustContain(t, page, `data-error="empty-query"`)
	if rl, _ := h.s.RateLimit(); rl == nil {
		t.Error("the console did not update the session's rate limit")
	}
}

func TestSettingsShowsTheSignIn(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	d := h.signedIn(&ui.Settings{Session: h.s})
	exp := h.s.Token().Expiry.In(berlin)
	offset := map[string]string{"CEST": "UTC+2", "CET": "UTC+1"}
	name, _ := exp.Zone()
	until := exp.Format("2006-01-02 15:04") + " " + offset[name]
	mustContain(t, html(d), `data-testid="settings-session"`, "Signed in to Local Logs with client pkcelogs-local",
		"view-user-profile, view-private-reports", "good until "+until+".", "renews itself")
}
