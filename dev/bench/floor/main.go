// Command floor is the smallest go-app v9 program with one component and a
// button: the size below which pkcelogs' app.wasm cannot go while it uses
// go-app. With -tags floorhttp it also makes one request through an
// *http.Client, which links net/http's transport and with it crypto/tls and
// crypto/x509: the floor while x/oauth2 and machinebox/graphql do the HTTP.
// With -tags floorsignin,pkcelogs_lite the page is the app's own sign-in
// button alone (see signin.go). bench builds all three.
package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// onClick is what the button does besides counting (see fetch.go).
var onClick = func() {}

// content is what the page shows instead of its own button, when set (see
// signin.go).
var content app.UI

type page struct {
	app.Compo
	clicks int
}

func (p *page) Render() app.UI {
	if content != nil {
		return content
	}
	// The test id and data-ready are what bench times a usable sign-in
	// button by; go-app sets them as it mounts the button with its handler.
	return app.Button().Attr("data-testid", "signin-button").Attr("data-ready", "true").Text("Sign in").OnClick(func(ctx app.Context, e app.Event) {
		p.clicks++
		onClick()
	})
}

func main() {
	app.Route("/", &page{})
	app.RunWhenOnBrowser()
}
