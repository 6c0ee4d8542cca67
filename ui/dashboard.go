package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Dashboard is the home page's content: signed out, a short explanation and
// the sign-in button; signed in, the profile, rate limit, guilds, characters
// and reports, all from one GraphQL request, with any error shown once.
type Dashboard struct {
	app.Compo

	Session *Session // nil: Default()

	overviewView
	homeNotices
}

func (d *Dashboard) OnMount(ctx app.Context) {
	perfMark("dashboard-mount")
	s := orDefault(d.Session)
	d.mount(ctx, s)
	// A second subscription for what the overview binding does not track.
	stop := s.Subscribe(func() { ctx.Dispatch(func(ctx app.Context) { d.syncNotices(s) }) })
	prev := d.w.stop
	d.w.stop = func() { prev(); stop() }
	d.syncNotices(s)
}

func (d *Dashboard) OnDismount() { d.w.unwatch() }

func (d *Dashboard) Render() app.UI {
	s := orDefault(d.Session)
	if err := s.ConfigError(); err != nil {
		return app.Div().Class("pl-dashboard").Attr(testid, "dashboard").Body(&ErrorView{Err: err, Session: d.Session})
	}
	top := d.renderNotices(d.Session)
	if !d.signedIn {
		return app.Div().Class("pl-dashboard").Attr(testid, "dashboard").Attr("data-state", "signed-out").Body(
			top,
			signedOutWelcome(d.Session),
		)
	}
	return app.Div().Class("pl-dashboard").Attr(testid, "dashboard").Attr("data-state", "signed-in").Body(
		top,
		&DashboardHeader{Session: d.Session},
		&ErrorView{Err: d.st.Err, Session: d.Session, OnRetry: func(ctx app.Context) { loadOverview(ctx, s, true) }},
		app.Div().Class("pl-grid").Body(
			&Profile{Session: d.Session, HideErrors: true},
			&RateLimitMeter{Session: d.Session},
		),
		app.Div().Class("pl-grid").Body(
			&Guilds{Session: d.Session, HideErrors: true},
			&Characters{Session: d.Session, HideErrors: true},
		),
		&Reports{Session: d.Session, HideErrors: true},
		&ReportExplorer{Session: d.Session, HideErrors: true}, // issue 15: calendar, privacy, filters (report_explorer.go)
	)
}
