package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

// guildPage is this app's own page. pkcelogs' components sit in it like any
// other go-app component and share the page's session (ui.Default()); the
// page follows that session too, to say what happened after signing in.
type guildPage struct {
	app.Compo

	signedIn bool
	stop     func()
}

func (p *guildPage) OnMount(ctx app.Context) {
	s := ui.Default()
	p.signedIn = s.SignedIn()
	p.stop = s.Subscribe(func() {
		ctx.Dispatch(func(ctx app.Context) { p.signedIn = s.SignedIn() })
	})
}

func (p *guildPage) OnDismount() {
	if p.stop != nil {
		p.stop()
	}
}

func (p *guildPage) Render() app.UI {
	intro := "Our guild's page. Sign in with your logs account to see who you are there."
	if p.signedIn {
		intro = "You are signed in: below is who you are at the logs site, as it told this page. " +
			"Sign out when you are done; it forgets the sign-in in this browser."
	}
	// pl-main (pkcelogs' app.css) gives the page its margins and width.
	return app.Main().Class("pl-main example").Body(
		app.H1().Text("The Stormchasers"),
		app.P().Attr("data-testid", "example-intro").Text(intro),
		app.If(!p.signedIn, &ui.SignInButton{Label: "Sign in with Warcraft Logs"}),
		&ui.Profile{},
		// Every report of the person at a glance: the activity calendar, the
		// privacy summary and the filtered list (fetched once, then only what
		// is new; kept in this browser until sign-out).
		app.If(p.signedIn, &ui.ReportExplorer{}),
		&ui.SignOutButton{},
	)
}
