package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// RateLimitMeter shows the client id's hourly point budget: points spent,
// the limit, and a countdown to the reset. It follows the session: the first
// screen's request and every console query update it.
type RateLimitMeter struct {
	app.Compo

	Session *Session // nil: Default()

	overviewView
}

func (m *RateLimitMeter) OnMount(ctx app.Context) { m.mount(ctx, orDefault(m.Session)) }
func (m *RateLimitMeter) OnDismount()             { m.w.unwatch() }

func (m *RateLimitMeter) Render() app.UI {
	s := orDefault(m.Session)
	rl, at := s.RateLimit()
	section := app.Section().Class("pl-card pl-ratelimit").Attr(testid, "ratelimit")
	if !m.signedIn || rl == nil {
		label := "Rate limit: not known yet."
		if m.signedIn && m.st.Loading {
			label = "Rate limit: loading…"
		}
		return section.Body(app.P().Class("pl-empty").Text(label))
	}
	spent := strconv.FormatFloat(rl.PointsSpentThisHour, 'f', -1, 64)
	return section.Body(
		app.H2().Text("Rate limit"),
		app.Meter().Attr("min", 0).Attr("max", rl.LimitPerHour).Attr("value", rl.PointsSpentThisHour).Attr(testid, "ratelimit-meter"),
		app.P().Body(
			app.Span().Attr(testid, "ratelimit-spent").Text(spent),
			app.Text(" of "),
			app.Span().Attr(testid, "ratelimit-limit").Text(strconv.Itoa(rl.LimitPerHour)),
			app.Text(fmt.Sprintf(" points used this hour (%s). Resets in ", percent(rl.PointsSpentThisHour, rl.LimitPerHour))),
			&Countdown{Until: at.Add(rl.PointsResetIn), Done: "a moment", TestID: "ratelimit-reset"},
			app.Text("."),
		),
	)
}

func percent(spent float64, limit int) string {
	if limit <= 0 {
		return "no limit reported"
	}
	return fmt.Sprintf("%.1f%%", 100*spent/float64(limit))
}
