package ui

import (
	"context"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Callback finishes a sign-in on the redirect URI's page: it takes code and
// state out of the address bar at once, exchanges the code exactly once (go-app
// fires OnMount and OnNav on first load; a reload, the back button, a replayed
// or tampered address, or a sign-in begun elsewhere end in a message and a
// "sign in again" button, never a second exchange), then returns to where the
// sign-in started.
type Callback struct {
	app.Compo

	Session *Session // nil: Default()

	begun bool
	done  bool
	err   error
}

func (c *Callback) OnMount(ctx app.Context) { c.begin(ctx) }
func (c *Callback) OnNav(ctx app.Context)   { c.begin(ctx) }

func (c *Callback) begin(ctx app.Context) {
	if c.begun {
		return
	}
	c.begun = true
	perfMark("callback-begin")
	s := orDefault(c.Session)
	run := s.takeEarlyCallback()
	if run == nil {
		raw := s.browser.Location()
		// Nothing secret may linger in the address bar, the history or a
		// bookmark, whatever happens next.
		if clean := cleanURL(raw); clean != raw {
			s.browser.ReplaceURL(clean)
		}
		run = &callbackRun{raw: raw}
	}
	ctx.Async(func() {
		if run.done != nil {
			<-run.done // StartCallback's exchange, already under way
		} else {
			cctx, cancel := context.WithTimeout(context.Background(), exchangeTimeout)
			defer cancel()
			run.res, run.err = s.Finish(cctx, run.raw)
		}
		res, err := run.res, run.err
		perfMark("callback-finished")
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.err = err
				return
			}
			c.done = true
			ctx.Navigate(res.ReturnTo)
		})
	})
}

func (c *Callback) Render() app.UI {
	s := orDefault(c.Session)
	switch {
	case c.err != nil:
		return app.Div().Class("pl-callback").Attr(testid, "callback").Body(
			&ErrorView{Err: c.err, Session: c.Session},
			app.If(s.SignedIn(), app.P().Class("pl-hint").Body(
				app.Text("You are still signed in: "),
				app.A().Href(s.Options().Path(PathHome)).Attr(testid, "callback-home").Text("go to your dashboard"),
				app.Text("."),
			)),
		)
	case c.done:
		return app.Div().Class("pl-callback").Attr(testid, "callback").Body(
			app.P().Attr(testid, "callback-done").Text("Signed in. Taking you back…"),
		)
	}
	return app.Div().Class("pl-callback").Attr(testid, "callback").Body(
		&Progress{Label: "Finishing the sign-in…"},
	)
}
