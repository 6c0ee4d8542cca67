package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Progress shows that long work is under way: an indeterminate bar and what
// is being done.
type Progress struct {
	app.Compo

	Label string // what is being done, e.g. "Loading your reports…"
}

func (p *Progress) Render() app.UI {
	return app.Div().Class("pl-progress").Attr("role", "status").Attr("aria-live", "polite").Attr(testid, "progress").Body(
		app.Span().Class("pl-spinner").Attr("aria-hidden", "true"),
		app.Span().Class("pl-progress-label").Text(p.Label),
	)
}
