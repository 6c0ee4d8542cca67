package ui

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// RateLimitMeter shows the client id's hourly point budget at a glance: the
// points left as a big number, a gauge of what is left, and a countdown to
// the reset. It follows the session: the first screen's request and every
// console query update it.
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
	return section.Body(append([]app.UI{app.H2().Text("Rate limit")}, rateLimitBody(rl, at.Add(rl.PointsResetIn))...)...)
}

// budget is a rate limit read as a person wants it: what is left of it.
type budget struct {
	left, spent, limit string  // as shown
	fraction           float64 // of the limit left, 0..1
	level              string  // "ok", "low" (a quarter or less left) or "empty"
}

func readBudget(rl *logsapi.RateLimit) budget {
	spent := math.Max(rl.PointsSpentThisHour, 0)
	b := budget{spent: strconv.FormatFloat(spent, 'f', -1, 64), limit: strconv.Itoa(rl.LimitPerHour), level: "ok"}
	if rl.LimitPerHour <= 0 {
		b.left, b.fraction = "—", 1
		return b
	}
	left := math.Max(float64(rl.LimitPerHour)-spent, 0)
	b.left = strconv.FormatFloat(math.Floor(left), 'f', 0, 64)
	b.fraction = left / float64(rl.LimitPerHour)
	switch {
	case left < 1:
		b.level = "empty"
	case b.fraction <= 0.25:
		b.level = "low"
	}
	return b
}

// rateLimitBody is the card's content: the points left, the gauge (an SVG
// whose width comes from an attribute: the Content-Security-Policy refuses
// style attributes; its parts are told apart by data-part, since go-app sets
// class through className, which SVG elements ignore) whose reading in
// words is its label (role img: what is
// inside is not read out), and the reset countdown.
func rateLimitBody(rl *logsapi.RateLimit, resetAt time.Time) []app.UI {
	b := readBudget(rl)
	const svg = "http://www.w3.org/2000/svg"
	width := strconv.FormatFloat(math.Round(b.fraction*1000)/10, 'f', -1, 64)
	reading := fmt.Sprintf("%s of %s points left this hour", b.left, b.limit)
	if rl.LimitPerHour <= 0 {
		reading = "The site reported no limit"
	}
	return []app.UI{
		app.P().Class("pl-ratelimit-left").Body(
			app.Span().Class("pl-ratelimit-number").Attr(testid, "ratelimit-left").Text(b.left),
			app.Span().Class("pl-ratelimit-unit").Text(" points left this hour"),
		),
		app.Div().Class("pl-gauge").Attr("role", "img").Attr("aria-label", reading).
			Attr(testid, "ratelimit-meter").Attr("data-level", b.level).Attr("data-left", width).Body(
			app.Elem("svg").XMLNS(svg).Attr("viewBox", "0 0 100 10").Attr("preserveAspectRatio", "none").
				Attr("focusable", "false").Body(
				app.Elem("rect").XMLNS(svg).Attr("data-part", "track").Attr("x", 0).Attr("y", 0).Attr("width", 100).Attr("height", 10).Attr("rx", 2),
				app.Elem("rect").XMLNS(svg).Attr("data-part", "fill").Attr("x", 0).Attr("y", 0).Attr("width", width).Attr("height", 10).Attr("rx", 2),
			),
		),
		app.P().Class("pl-hint pl-ratelimit-detail").Body(
			app.Span().Attr(testid, "ratelimit-spent").Text(b.spent),
			app.Text(" of "),
			app.Span().Attr(testid, "ratelimit-limit").Text(b.limit),
			app.Text(" points used"),
			// The countdown is for the eye; a screen reader is told the time.
			app.Span().Attr("aria-hidden", "true").Body(
				app.Text(" · resets in "),
				&Countdown{Until: resetAt, Done: "a moment", TestID: "ratelimit-reset"},
			),
			app.Span().Class("pl-visually-hidden").Attr(testid, "ratelimit-reset-at").Text(resetSpoken(resetAt)),
		),
	}
}

// resetSpoken is the reset time as a screen reader hears it, in place of the
// countdown: ", resetting at 14:05 UTC+1".
func resetSpoken(at time.Time) string {
	if !at.After(now()) {
		return ", resetting in a moment"
	}
	return ", resetting at " + localClock(at)
}
