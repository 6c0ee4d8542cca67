package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/sites"
)

// SignInButton starts a sign-in: a site chooser (unless the deployment fixed
// the site, or Site is set) and a button that sends this tab to the site's
// authorize page. Once its code is wired it carries data-ready="true".
// While the person is signed in it shows nothing (embed it unconditionally).
type SignInButton struct {
	app.Compo

	Session  *Session // nil: Default()
	Site     string   // sign in to this site id without a chooser; "": the chooser
	ReturnTo string   // path to come back to after sign-in; "": the current page
	Label    string   // button text; default "Sign in to <site>"

	w        watcher
	ready    bool
	busy     bool
	siteID   string
	sites    []sites.Site
	err      error
	signedIn bool
	noClient bool // the chosen site has no client id yet
}

// OnInit reads the session before the first render, so the page's first
// paint (the pre-render, then the app's) already has the chooser and the
// site: the button is ready from that render in the browser.
func (b *SignInButton) OnInit() { b.sync(nil) }

func (b *SignInButton) OnMount(ctx app.Context) {
	b.w.watch(ctx, orDefault(b.Session), b.sync)
	b.ready = true
	b.startEarlySignIn(ctx) // a click before the app had started
}

func (b *SignInButton) OnDismount() { b.w.unwatch() }

func (b *SignInButton) sync(app.Context) {
	s := orDefault(b.Session)
	b.sites = s.Sites()
	b.siteID = s.SiteID()
	if b.Site != "" {
		b.siteID = b.Site
	}
	b.signedIn = s.SignedIn()
	b.noClient = s.ClientID(b.siteID) == ""
	if b.err == nil {
		b.err = s.ConfigError()
	}
}

func (b *SignInButton) site() sites.Site {
	for _, site := range b.sites {
		if site.ID == b.siteID {
			return site
		}
	}
	return orDefault(b.Session).Options().Site
}

func (b *SignInButton) Render() app.UI {
	label := b.Label
	if label == "" {
		label = "Sign in to " + b.site().Name
	}
	if b.busy {
		label = "Opening " + b.site().Name + "…"
	}
	if b.signedIn && b.ready && !b.busy {
		return app.Div().Class("pl-signin").Attr(testid, "signin").Attr("data-state", "signed-in")
	}
	chooser := b.Site == "" && len(b.sites) > 1
	// In the browser the button is wired as go-app mounts it (its click
	// handler goes in with the element), so it says so from its first
	// render rather than a frame later, after OnMount; the server's
	// pre-render never mounts it, and there OnMount is what says so.
	ready := "false"
	if b.ready || !prerendering {
		ready = "true"
	}
	return app.Div().Class("pl-signin").Attr(testid, "signin").Body(
		app.If(chooser, app.Label().Class("pl-field").Body(
			app.Span().Text("Site"),
			app.Select().Class("pl-select").Attr(testid, "site-select").OnChange(b.onChoose).Body(
				app.Range(b.sites).Slice(func(i int) app.UI {
					site := b.sites[i]
					return app.Option().Value(site.ID).Selected(site.ID == b.siteID).Text(site.Name)
				}),
			),
		)),
		b.button(label, ready),
		app.If(b.noClient && b.err == nil, app.P().Class("pl-hint").Attr(testid, "signin-needs-client").Body(
			app.Text(b.site().Name+" needs a client id of your own first: "),
			app.A().Href(orDefault(b.Session).Options().Path(PathSettings)).Text("set one in Settings"),
			app.Text("."),
		)),
		app.If(b.err != nil, &ErrorView{Err: b.err, Session: b.Session, Compact: true}),
	)
}

// button is the sign-in button. It is not disabled before the app is ready:
// the page's script catches a click then (early_signin.go), and a disabled
// button gets no clicks. (Only set when busy: go-app's pre-render writes
// Disabled(false) as disabled="false", which disables.)
func (b *SignInButton) button(label, ready string) app.UI {
	button := app.Button().Class("pl-button pl-button-primary").Attr(testid, "signin-button").
		Attr(SignInButtonAttr, "1").Attr("data-ready", ready).Attr("data-site", b.siteID)
	if b.busy {
		button = button.Disabled(true)
	}
	return button.Text(label).OnClick(b.onClick)
}

func (b *SignInButton) onChoose(ctx app.Context, e app.Event) {
	id := ctx.JSSrc().Get("value").String()
	s := orDefault(b.Session)
	b.err = nil
	if err := s.ChooseSite(id); err != nil {
		b.err = err
		return
	}
	b.siteID = id
	b.noClient = s.ClientID(id) == ""
}

func (b *SignInButton) onClick(ctx app.Context, e app.Event) {
	s := orDefault(b.Session)
	returnTo := b.ReturnTo
	if returnTo == "" {
		returnTo = ctx.Page().URL().RequestURI()
	}
	b.err = nil
	b.busy = true
	if err := s.SignIn(b.siteID, returnTo); err != nil {
		b.busy = false
		b.err = err
		return
	}
	if app.IsClient {
		// The tab is on its way to the site. Should the person come back
		// to this very page (the back button restores it from the
		// back/forward cache), the button must work again.
		ctx.After(busyReset, func(ctx app.Context) { b.busy = false })
	}
}

// busyReset is how long the button stays "Opening …" when the page is still
// (or again) showing after it sent the tab to the site.
const busyReset = 8 * time.Second
