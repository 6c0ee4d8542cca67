package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Progress shows that long work is under way: an indeterminate bar and what
// is being done. It is a status region of its own, unless Quiet: inside a
// view whose own live region, always on the page, says what happens (the
// report explorer's), a second region would say it twice.
type Progress struct {
	app.Compo

	Label string // what is being done, e.g. "Loading your reports…"
	Quiet bool   // not a live region: the caller's region speaks for it
}

func (p *Progress) Render() app.UI {
	div := app.Div().Class("pl-progress").Attr(testid, "progress")
	if !p.Quiet {
		div = div.Attr("role", "status").Attr("aria-live", "polite")
	}
	return div.Body(
		app.Span().Class("pl-spinner").Attr("aria-hidden", "true"),
		app.Span().Class("pl-progress-label").Text(p.Label),
	)
}
