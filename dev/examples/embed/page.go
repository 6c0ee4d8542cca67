package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

// guildPage is this app's own page. pkcelogs' components sit in it like any
// other go-app component and share the page's session (ui.Default()).
type guildPage struct {
	app.Compo
}

func (p *guildPage) Render() app.UI {
	return app.Main().Class("example").Body(
		app.H1().Text("The Stormchasers"),
		app.P().Text("Our guild's page. Sign in with your logs account to see who you are there."),
		&ui.SignInButton{Label: "Sign in with Warcraft Logs"},
		&ui.Profile{},
		&ui.SignOutButton{},
	)
}
