package ui

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ErrorView explains an error to the person (see Explain) in plain words,
// with one button that leads on (sign in again, try again after the
// countdown when rate limited, open Settings, or reload) and the technical
// detail folded away below it.
type ErrorView struct {
	app.Compo

	Err     error             // what went wrong; nil renders nothing
	Session *Session          // for "sign in again" and the redirect URI; nil: Default()
	OnRetry func(app.Context) // what "Try again" does; nil: reload the page
	Compact bool              // a one-line form, for inside other components

	shown string    // the text of the error until was computed for (errors may not be comparable)
	until time.Time // rate limited: when the budget resets, fixed when the error first shows
}

func (v *ErrorView) Render() app.UI {
	if v.Err == nil {
		return noError()
	}
	ex := Explain(v.Err)
	s := orDefault(v.Session)
	if text := v.Err.Error(); v.shown != text {
		// Fix the reset time once per error, so re-renders do not restart
		// the countdown.
		v.shown, v.until = text, now().Add(ex.RetryAfter)
		if ex.Code == "rate-limited" && ex.RetryAfter <= 0 {
			// The site gave no Retry-After: the last rate limit read says
			// when the hour's budget resets.
			if rl, at := s.RateLimit(); rl != nil && at.Add(rl.PointsResetIn).After(now()) {
				v.until = at.Add(rl.PointsResetIn)
			}
		}
	}
	msg := ex.Message
	if ex.Code == "redirect-uri-mismatch" || ex.Code == "no-client-id" {
		if uri := s.RedirectURI(); !strings.Contains(msg, uri) {
			msg += " The redirect URI to register for this page is exactly " + uri + "."
		}
	}
	class := "pl-error"
	if v.Compact {
		class += " pl-error-compact"
	}
	return app.Div().Class(class).Attr("role", "alert").Attr(testid, "error").Attr("data-error", ex.Code).Body(
		app.H3().Class("pl-error-title").Attr(testid, "error-title").Text(ex.Title),
		app.P().Class("pl-error-message").Attr(testid, "error-message").Text(msg),
		// The alert says when to try again once, as a time; the ticking
		// countdown is for the eye only (Countdown).
		app.If(ex.Code == "rate-limited" && v.until.After(now()),
			app.P().Class("pl-error-wait").Attr("aria-hidden", "true").Body(
				app.Text("The budget resets in "),
				&Countdown{Until: v.until, Done: "a moment", TestID: "error-countdown"},
				app.Text("."),
			),
			app.P().Class("pl-visually-hidden").Attr(testid, "error-retry-at").Text(retrySentence(v.until)),
		),
		v.action(ex, s),
		// The technical detail (the site's own words, a status) is there
		// for whoever needs it, folded away under the plain words.
		app.If(ex.Detail != "", app.Details().Class("pl-details pl-error-detail").Attr(testid, "error-details").Body(
			app.Summary().Text("Technical details"),
			app.P().Class("pl-error-detail-text").Attr(testid, "error-detail").Text(ex.Detail),
		)),
	)
}

func (v *ErrorView) action(ex Explanation, s *Session) app.UI {
	// The one way forward is the error's main action.
	button := func(label string, onClick app.EventHandler) app.UI {
		return app.Button().Class("pl-button pl-button-primary").Attr(testid, "error-action").Attr("data-action", string(ex.Action)).
			Text(label).OnClick(onClick)
	}
	switch ex.Action {
	case ActionSignIn:
		label := "Sign in again"
		if ex.Code == "access-denied" {
			label = "Try again" // the person said no a moment ago: nothing was "signed in" before
		}
		return button(label, func(ctx app.Context, e app.Event) {
			if err := s.SignIn(s.SiteID(), s.Options().Path(PathHome)); err != nil {
				v.Err = err
			}
		})
	case ActionRetry:
		return button("Try again", func(ctx app.Context, e app.Event) {
			if v.OnRetry != nil {
				v.OnRetry(ctx)
				return
			}
			ctx.Reload()
		})
	case ActionSettings:
		return app.A().Class("pl-button pl-button-primary").Attr(testid, "error-action").Attr("data-action", string(ex.Action)).
			Href(s.Options().Path(PathSettings)).Text("Open settings")
	case ActionReload:
		return button("Reload the page", func(ctx app.Context, e app.Event) { ctx.Reload() })
	}
	return app.Div().Class("pl-error-noaction")
}

// errorSlot is an ErrorView for err, or while err is nil the element an
// empty ErrorView renders: a place a page keeps for an error that is seldom
// there. Only a shown error is a component to mount and render again; the
// signed-out home page starts sooner without two empty ones
// (docs/benchmarks.md).
func errorSlot(err error, s *Session, compact bool) app.UI {
	if err == nil {
		return noError()
	}
	return &ErrorView{Err: err, Session: s, Compact: compact}
}

// noError is what stands in an error's place while there is none.
func noError() app.UI { return app.Div().Class("pl-error-none") }
