package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Routes registers the app's pages (PathHome, PathCallback, PathConsole,
// PathSettings, PathReportPrefix + CODE, and PathNotFound for the not-found page the server and the
// static export pre-render) with app.RouteFunc, each built around s (nil: the
// page's Default session). In the browser it also routes every other address
// to NotFoundPage (go-app v9 would show its own bare "404 Not Found", whatever
// app.NotFound says), as a regular-expression route, so an embedder's own
// regular-expression routes must be registered before it. The server keeps
// answering unknown addresses with 404 (the devserver then sends the
// not-found page). cmd/wasm calls it; so may an embedder that wants the whole
// app under its own go-app handler.
func Routes(s *Session) {
	app.RouteFunc(PathHome, func() app.Composer { return &HomePage{Session: s} })
	app.RouteFunc(PathCallback, func() app.Composer { return &CallbackPage{Session: s} })
	app.RouteFunc(PathConsole, func() app.Composer { return &ConsolePage{Session: s} })
	app.RouteFunc(PathSettings, func() app.Composer { return &SettingsPage{Session: s} })
	app.RouteFunc(PathNotFound, func() app.Composer { return &NotFoundPage{Session: s} })
	app.RouteWithRegexpFunc("^"+PathReportPrefix+"[^/]*$", func() app.Composer { return &ReportPage{Session: s} })
	if app.IsClient {
		app.RouteWithRegexpFunc("^/", func() app.Composer { return &NotFoundPage{Session: s} })
	}
}

// AppName ends every page's title ("Console – pkcelogs").
const AppName = "pkcelogs"

// Page titles (the document's <title> is "<title> – pkcelogs"), pre-rendered by
// the server and set again on every navigation in the browser.
const (
	TitleHome     = "Dashboard"
	TitleCallback = "Signing in"
	TitleConsole  = "Console"
	TitleSettings = "Settings"
	TitleNotFound = "Page not found"
)

// PageTitle is the document title of a page named name: "Console – pkcelogs".
func PageTitle(name string) string {
	if name == "" {
		return AppName
	}
	return name + " – " + AppName
}

// setTitle sets the document's title for the page named name. Each page calls
// it in the server's pre-render (OnPreRender) and on every navigation in the
// browser (OnNav), so the title follows the page whether it was loaded or
// navigated to.
func setTitle(ctx app.Context, name string) { ctx.Page().SetTitle(PageTitle(name)) }

// layout frames a page: the nav bar above, the content below. heading, when
// not nil, is the page's <h1>; a page without one renders its own.
func layout(s *Session, page string, heading app.UI, content ...app.UI) app.UI {
	return layoutWith(&Nav{Session: s}, s, page, heading, content...)
}

// layoutWith is layout with nav as its nav bar.
func layoutWith(nav app.UI, s *Session, page string, heading app.UI, content ...app.UI) app.UI {
	return app.Div().Class("pl-app").Attr("data-page", page).Body(
		app.Button().Class("pl-button pl-skip").Attr(testid, "skip-to-main").Text("Skip to main content").OnClick(skipToMain),
		nav,
		app.Main().ID(mainID).Class("pl-main").TabIndex(-1).Body(
			app.If(heading != nil, heading),
			app.Div().Class("pl-page-body").Body(content...),
		),
		app.Footer().Class("pl-footer").Body(
			app.Text("Sign-in with OAuth 2.0 + PKCE, entirely in your browser. "),
			app.A().Href(orDefault(s).Options().Path(PathSettings)).Text("Use your own client id"),
			app.Text("."),
		),
	)
}

// mainID is the id of every page's <main>, where skipToMain sends the focus.
const mainID = "pl-main"

// skipToMain moves the keyboard focus to the page's <main>, past the nav bar,
// so the next Tab reaches the page's own first control (WCAG 2.4.1 Bypass
// Blocks). It is a button, not a link to #main: go-app would turn the link
// into a navigation, which re-runs every page's OnNav (the callback page's
// would begin the code exchange again) and leaves the focus where it was.
func skipToMain(ctx app.Context, e app.Event) {
	if m := app.Window().GetElementByID(mainID); m.Truthy() {
		m.Call("focus")
	}
}

// pageHeading is a page's visible <h1>.
func pageHeading(text string) app.UI {
	return app.H1().Class("pl-page-title").Attr(testid, "page-title").Text(text)
}

// hiddenHeading is a page's <h1> for screen readers and the document outline
// only, where the page's first card already says the same on screen.
func hiddenHeading(text string) app.UI {
	return app.H1().Class("pl-visually-hidden").Attr(testid, "page-title").Text(text)
}

// HomePage is the page at PathHome: sign-in, or the dashboard, below the
// notice of a sign-in that never came back. The dashboard renders the page's
// <h1> itself (it differs signed in and out).
type HomePage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *HomePage) OnPreRender(ctx app.Context) { setTitle(ctx, TitleHome) }
func (p *HomePage) OnNav(ctx app.Context)       { setTitle(ctx, TitleHome) }
func (p *HomePage) Render() app.UI {
	return layout(p.Session, "home", nil, &StalledSignInNotice{Session: p.Session}, &Dashboard{Session: p.Session})
}

// CallbackPage is the page at PathCallback, the redirect URI.
type CallbackPage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *CallbackPage) OnPreRender(ctx app.Context) { setTitle(ctx, TitleCallback) }
func (p *CallbackPage) OnNav(ctx app.Context)       { setTitle(ctx, TitleCallback) }
func (p *CallbackPage) Render() app.UI {
	return layout(p.Session, "callback", pageHeading(TitleCallback), &Callback{Session: p.Session})
}

// ConsolePage is the page at PathConsole: the query console and the rate limit.
type ConsolePage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *ConsolePage) OnPreRender(ctx app.Context) { setTitle(ctx, TitleConsole) }
func (p *ConsolePage) OnNav(ctx app.Context)       { setTitle(ctx, TitleConsole) }
func (p *ConsolePage) Render() app.UI {
	return layout(p.Session, "console", pageHeading(TitleConsole), &Console{Session: p.Session}, &RateLimitMeter{Session: p.Session})
}

// SettingsPage is the page at PathSettings. Its <h1> is for screen readers:
// the Settings card's own heading says "Settings" on screen.
type SettingsPage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *SettingsPage) OnPreRender(ctx app.Context) { setTitle(ctx, TitleSettings) }
func (p *SettingsPage) OnNav(ctx app.Context)       { setTitle(ctx, TitleSettings) }
func (p *SettingsPage) Render() app.UI {
	return layout(p.Session, "settings", hiddenHeading(TitleSettings), &Settings{Session: p.Session})
}

// NotFoundPage is the page for an address the app does not have: the
// development server answers such addresses with it (status 404), the static
// export writes it as 404.html, and in the browser it is go-app's NotFound.
type NotFoundPage struct {
	app.Compo
	Session *Session // nil: Default()
}

func (p *NotFoundPage) OnPreRender(ctx app.Context) { setTitle(ctx, TitleNotFound) }
func (p *NotFoundPage) OnNav(ctx app.Context)       { setTitle(ctx, TitleNotFound) }
func (p *NotFoundPage) Render() app.UI {
	s := orDefault(p.Session)
	return layout(p.Session, "not-found", pageHeading(TitleNotFound),
		app.Section().Class("pl-card").Attr(testid, "not-found").Body(
			app.P().Text("This app has no page at this address. The link may be mistyped or out of date."),
			app.P().Body(
				app.A().Class("pl-button pl-button-primary").Attr(testid, "not-found-home").Href(s.Options().Path(PathHome)).Text("Go to the dashboard"),
			),
		),
	)
}
