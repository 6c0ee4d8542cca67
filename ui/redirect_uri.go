package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// pathAttr marks, in a pre-rendered page, a redirect URI whose origin is not
// known yet; it holds the URI's path, and OriginScript puts location.origin
// in front of it.
const pathAttr = "data-pl-path"

// OriginScript is an inline script for the page's <head> (go-app's
// Handler.RawHeaders; the development server and the static export include
// it). A pre-rendered page cannot know its own origin (the static export is
// written before it is published anywhere), so the redirect URI is rendered
// as a placeholder for the origin followed by the path, and this script puts
// location.origin in front of the path as soon as the page is parsed, long
// before app.wasm has loaded; the app then renders the whole URI itself.
// Without it the placeholder stays until the app runs.
const OriginScript = `<script>document.addEventListener("DOMContentLoaded", () => { for (const e of document.querySelectorAll("[` + pathAttr + `]")) { e.textContent = location.origin + e.getAttribute("` + pathAttr + `"); e.removeAttribute("` + pathAttr + `"); } });</script>`

// RedirectURIBox shows the exact redirect URI to register for the client,
// with a button that copies it. Pre-rendered on the server it already shows
// the build's configured redirect URI, or else the path with a placeholder
// for the origin (see OriginScript).
type RedirectURIBox struct {
	app.Compo

	Session *Session // nil: Default()
	TestID  string   // data-testid of the URI itself; the button is TestID+"-copy"
	URI     string   // "" = the page's redirect URI

	w      watcher
	uri    string // the page's redirect URI, once mounted in the browser
	status string // what the copy button did
	copied bool
}

func (b *RedirectURIBox) OnMount(ctx app.Context) {
	s := orDefault(b.Session)
	b.w.watch(ctx, s, func(ctx app.Context) { b.uri = s.RedirectURI() })
}

func (b *RedirectURIBox) OnDismount() { b.w.unwatch() }

func (b *RedirectURIBox) testID() string { return orText(b.TestID, "redirect-uri") }

// elementID is the URI element's id, for the selection fallback.
func (b *RedirectURIBox) elementID() string { return "pl-" + b.testID() }

func (b *RedirectURIBox) value() string {
	if b.URI != "" {
		return b.URI
	}
	if b.uri != "" {
		return b.uri
	}
	return orDefault(b.Session).Options().RedirectURI
}

func (b *RedirectURIBox) Render() app.UI {
	uri := b.value()
	code := app.Code().ID(b.elementID()).Class("pl-code pl-redirect-uri").Attr(testid, b.testID())
	if uri == "" {
		// Pre-rendered: the path is known, the origin is not. One text node:
		// the page's HTML must not put white space inside the address.
		path := orDefault(b.Session).Options().Path(PathCallback)
		code = code.Attr(pathAttr, path).Text("‹this page's origin›" + path)
	} else {
		code = code.Text(uri)
	}
	return app.Div().Class("pl-redirect").Body(
		code,
		app.Button().Class("pl-button pl-button-small").Attr(testid, b.testID()+"-copy").Attr("type", "button").
			Disabled(uri == "").Text("Copy").OnClick(func(ctx app.Context, e app.Event) { b.copy(ctx, uri) }),
		app.Span().Class("pl-hint").Attr("role", "status").Attr(testid, b.testID()+"-copy-status").Text(b.status),
	)
}

// copy puts uri on the clipboard; when the browser refuses, it selects the
// text instead and says how to copy it.
func (b *RedirectURIBox) copy(ctx app.Context, uri string) {
	ctx.Async(func() {
		err := copyText(uri)
		ctx.Dispatch(func(ctx app.Context) {
			b.copied = err == nil
			if err == nil {
				b.status = "Copied."
				return
			}
			if selectText(b.elementID()) == nil {
				b.status = "This browser did not let the page copy it: the address is selected, press Ctrl+C (⌘C on a Mac) to copy it."
			} else {
				b.status = "This browser did not let the page copy it: select the address and copy it."
			}
		})
	})
}
