package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Routes registers the app's pages (PathHome, PathCallback, PathConsole,
// PathSettings) with app.RouteFunc, each built around s (nil: the page's
// Default session). cmd/wasm calls it; so may an embedder that wants the
// whole app under its own go-app handler.
func Routes(s *Session) {
	app.RouteFunc(PathHome, func() app.Composer { return &HomePage{Session: s} })
	app.RouteFunc(PathCallback, func() app.Composer { return &CallbackPage{Session: s} })
	app.RouteFunc(PathConsole, func() app.Composer { return &ConsolePage{Session: s} })
	app.RouteFunc(PathSettings, func() app.Composer { return &SettingsPage{Session: s} })
}

// layout frames a page: the nav bar above, the content below.
func layout(s *Session, page string, content ...app.UI) app.UI {
	return app.Div().Class("pl-app").Attr("data-page", page).Body(
		&Nav{Session: s},
		app.Main().Class("pl-main").Body(content...),
		app.Footer().Class("pl-footer").Body(
			app.Text("Sign-in with OAuth 2.0 + PKCE, entirely in your browser. "),
			app.A().Href(orDefault(s).Options().Path(PathSettings)).Text("Use your own client id"),
			app.Text("."),
		),
	)
}

// HomePage is the page at PathHome: sign-in, or the dashboard, below the
// notice of a sign-in that never came back.
type HomePage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *HomePage) Render() app.UI {
	return layout(p.Session, "home", &StalledSignInNotice{Session: p.Session}, &Dashboard{Session: p.Session})
}

// CallbackPage is the page at PathCallback, the redirect URI.
type CallbackPage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *CallbackPage) Render() app.UI {
	return layout(p.Session, "callback", &Callback{Session: p.Session})
}

// ConsolePage is the page at PathConsole: the query console and the rate limit.
type ConsolePage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *ConsolePage) Render() app.UI {
	return layout(p.Session, "console", &Console{Session: p.Session}, &RateLimitMeter{Session: p.Session})
}

// SettingsPage is the page at PathSettings.
type SettingsPage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *SettingsPage) Render() app.UI {
	return layout(p.Session, "settings", &Settings{Session: p.Session})
}
