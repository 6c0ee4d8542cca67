package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
)

// overviewView is what the data components (Profile, Guilds, Characters,
// Reports) share: they follow the session and its first-screen data, and
// the first of them to mount starts the one request that fetches it.
type overviewView struct {
	w        watcher
	st       session.OverviewState
	signedIn bool
}

func (o *overviewView) mount(ctx app.Context, s *Session) {
	o.w.watch(ctx, s, func(ctx app.Context) {
		o.signedIn = s.SignedIn()
		if o.signedIn {
			loadOverview(ctx, s, false)
		}
		o.st = s.Overview()
	})
}

// placeholder renders what stands in for the data while there is none:
// nothing to show signed out, progress while loading, the error (unless the
// page shows it once for all components). nil when there is data.
func (o *overviewView) placeholder(s *Session, what, loading string, hideErrors bool) app.UI {
	switch {
	case !o.signedIn:
		return app.P().Class("pl-empty").Attr(testid, what+"-signed-out").Text("Sign in to see this.")
	case o.st.Data == nil && o.st.Err != nil && !hideErrors:
		return &ErrorView{Err: o.st.Err, Session: s, OnRetry: func(ctx app.Context) { loadOverview(ctx, s, true) }}
	case o.st.Data == nil && o.st.Err != nil:
		return app.P().Class("pl-empty").Text("Not available (see the message above).")
	case o.st.Data == nil:
		return &Progress{Label: loading}
	}
	return nil
}
