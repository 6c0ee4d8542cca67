package ui

import (
	"context"
	"net/url"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
)

// Callback finishes a sign-in on the redirect URI's page: it takes code and
// state out of the address bar at once, exchanges the code exactly once (go-app
// fires OnMount and OnNav on first load; a reload, the back button, a replayed
// or tampered address, or a sign-in begun elsewhere end in a message and a
// "sign in again" button, never a second exchange), then returns to where the
// sign-in started. Either way the callback leaves the history (see
// leaveCallback): Back goes to where the person was before signing in.
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
	ctx.Async(func() {
		cctx, cancel := context.WithTimeout(context.Background(), session.ExchangeTimeout)
		defer cancel()
		res, err := s.CallbackResult(cctx)
		perfMark("callback-finished")
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.err = err
				forgetCallback(s, s.Options().Path(PathHome))
				return
			}
			c.done = true
			leaveCallback(ctx, s, res.ReturnTo)
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

// StartCallback begins the code exchange of the callback page before go-app
// has rendered anything, so the token request travels while the page starts
// (the Callback component then only waits for it). Call it from main, before
// app.RunWhenOnBrowser, with the session Routes got (nil: Default()). On any
// other page it does nothing.
func StartCallback(s *Session) {
	s = orDefault(s)
	u, err := url.Parse(s.Browser().Location())
	if err != nil || u.Path != s.Options().Path(PathCallback) || s.ConfigError() != nil {
		return
	}
	s.BeginCallback()
	// Wasm runs one goroutine at a time, and go-app's start would hold the
	// exchange back from the network until the page is drawn: wait for its
	// request to be in flight first. The pre-rendered page already says
	// "Finishing the sign-in…" meanwhile.
	s.AwaitCallbackSent(callbackHeadStart)
	perfMark("callback-sent")
}

// callbackHeadStart bounds how long StartCallback holds go-app back for the
// code exchange (the lock and storage it waits on take milliseconds).
const callbackHeadStart = 300 * time.Millisecond
