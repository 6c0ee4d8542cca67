package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Nav is the app's small navigation bar: the pages, who is signed in, and
// sign-out.
type Nav struct {
	app.Compo

	Session *Session // nil: Default()
	Title   string   // default "pkcelogs"

	w        watcher
	signedIn bool
	who      string
	path     string
}

func (n *Nav) OnMount(ctx app.Context) {
	s := orDefault(n.Session)
	n.path = ctx.Page().URL().Path
	n.w.watch(ctx, s, func(ctx app.Context) {
		was := n.signedIn
		n.signedIn = s.SignedIn()
		if was && !n.signedIn {
			// Signed out (here or in another tab): Sign out goes from the
			// bar, and with it the keyboard focus it may hold.
			focusMainIfLost(ctx)
		}
		if n.signedIn {
			loadOverview(ctx, s, false) // the name comes with the first screen's one request
		}
		n.who = ""
		if ov := s.Overview().Data; ov != nil && ov.User != nil {
			n.who = ov.User.Name
		}
		if n.who == "" && n.signedIn {
			n.who = "Signed in to " + siteName(s)
		}
	})
}

func (n *Nav) OnNav(ctx app.Context) { n.path = ctx.Page().URL().Path }
func (n *Nav) OnDismount()           { n.w.unwatch() }

func (n *Nav) Render() app.UI {
	var signedIn []app.UI
	if n.signedIn {
		signedIn = []app.UI{
			app.Span().Class("pl-nav-user").Attr(testid, "nav-user").Text(n.who),
			&SignOutButton{Session: n.Session},
		}
	}
	return navBar(orDefault(n.Session), n.Title, n.path, signedIn...)
}

// navBar is the nav bar's markup: the title, the pages' links (the one at
// path marked current), and signedIn, what it shows of someone signed in
// (none: nothing). Nav renders it with the session's state; the signed-out
// build's home page renders it alone, as plain elements: signed out it has
// nothing to follow, and one component fewer to mount and render again is
// time before its sign-in button works (docs/benchmarks.md).
func navBar(s *Session, title, path string, signedIn ...app.UI) app.UI {
	if title == "" {
		title = "pkcelogs"
	}
	link := func(page, label, id string) app.UI {
		href := s.Options().Path(page)
		a := app.A().Class("pl-nav-link").Href(href).Attr(testid, id).Text(label)
		if path == href {
			a = a.Class("pl-nav-current").Attr("aria-current", "page")
		}
		return a
	}
	return app.Nav().Class("pl-nav").Attr(testid, "nav").Body(
		app.A().Class("pl-nav-title").Href(s.Options().Path(PathHome)).Text(title),
		// The links stay together: on a phone they take a row of their own
		// (app.css) rather than leave one alone on a second row.
		app.Div().Class("pl-nav-links").Body(
			link(PathHome, "Dashboard", "nav-home"),
			link(PathConsole, "Console", "nav-console"),
			link(PathSettings, "Settings", "nav-settings"),
		),
		app.Span().Class("pl-nav-spacer"),
		app.If(len(signedIn) > 0, signedIn...),
	)
}
