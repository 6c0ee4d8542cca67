package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// The signed-out build (cmd/wasm-lite, built with -tags pkcelogs_lite) is
// what the page loads on the home page when nobody seems signed in (the
// loader asks session.SignedInHint): the welcome and the sign-in button,
// without the dashboard, the console, the API client or net/http's client,
// so the first visit downloads and compiles far less (docs/benchmarks.md).
// Anything else it would show (someone signed in after all, another page)
// is a full page load, for which the loader picks the full build.

// LiteRoutes registers the signed-out build's pages: the home page, and for
// the app's other pages one that loads the address again with the full build.
func LiteRoutes(s *Session) {
	app.RouteFunc(PathHome, func() app.Composer { return &LiteHomePage{Session: s} })
	// Exact routes, not a regular expression: compiling one would link
	// regexp's compiler (~0.2 MB raw).
	for _, page := range []string{PathCallback, PathConsole, PathSettings, PathNotFound} {
		app.RouteFunc(page, func() app.Composer { return &fullLoad{} })
	}
}

// LiteHomePage is the signed-out home page of the signed-out build: what
// HomePage shows signed out.
type LiteHomePage struct {
	app.Compo
	Session *Session // nil: Default()

	w watcher
	homeNotices
}

func (p *LiteHomePage) OnNav(ctx app.Context) { setTitle(ctx, TitleHome) }

func (p *LiteHomePage) OnMount(ctx app.Context) {
	s := orDefault(p.Session)
	p.w.watch(ctx, s, func(ctx app.Context) {
		p.syncNotices(s) // what the full build's Dashboard says signed out
		if s.SignedIn() {
			// Signed in after all (the hint was stale, or another tab
			// signed in): this build has no dashboard.
			reloadFull(ctx)
		}
	})
}

func (p *LiteHomePage) OnDismount() { p.w.unwatch() }

func (p *LiteHomePage) Render() app.UI {
	if err := orDefault(p.Session).ConfigError(); err != nil {
		return layout(p.Session, "home", nil,
			app.Div().Class("pl-dashboard").Attr(testid, "dashboard").Body(&ErrorView{Err: err, Session: p.Session}))
	}
	// The nav bar as plain elements: signed out it follows nothing here
	// (someone signed in loads the full build).
	s := orDefault(p.Session)
	nav := navBar(s, "", s.Options().Path(PathHome))
	return layoutWith(nav, p.Session, "home", nil,
		app.Div().Class("pl-dashboard").Attr(testid, "dashboard").Attr("data-state", "signed-out").Body(
			p.renderNotices(p.Session),
			signedOutWelcome(p.Session),
		))
}

// fullLoad stands for every page the signed-out build lacks: it loads the
// address again, as a new page, for which the loader picks the full build.
type fullLoad struct{ app.Compo }

func (f *fullLoad) OnNav(ctx app.Context) { reloadFull(ctx) }
func (f *fullLoad) Render() app.UI {
	return app.Div().Class("pl-app").Body(app.Main().Class("pl-main").Body(&Progress{Label: "Loading…"}))
}

// ForceFullBuildKey is the session storage key the signed-out build sets
// before it loads the page again: the loader (dev/internal/webapp) then picks
// the full build whatever its hints say, once, so a hint that disagrees with
// the session cannot make the page reload for ever.
const ForceFullBuildKey = "pkcelogs.loader.full"

// reloadFull loads the page's address again, with the full build, once
// go-app has put it in the address bar.
func reloadFull(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		if !app.IsClient {
			return
		}
		func() {
			defer func() { recover() }() // storage blocked: the hints decide alone
			app.Window().Get("sessionStorage").Call("setItem", ForceFullBuildKey, "1")
		}()
		app.Window().Get("location").Call("reload")
	})
}
