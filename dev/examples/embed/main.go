// Command embed is a go-app v9 app of its own that embeds pkcelogs'
// sign-in button, profile and report explorer (activity calendar,
// privacy summary, filtered list) in its page. The same main runs in the
// browser (compiled to web/app.wasm) and as the small server that serves it,
// next to the local OAuth provider. See README.md.
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

func main() {
	// The page of this app, and pkcelogs' callback page at the redirect URI.
	app.Route("/", &guildPage{})
	app.RouteFunc(ui.PathCallback, func() app.Composer { return &ui.Callback{} })
	// The explorer's reports open pkcelogs' report page, /report/CODE.
	app.RouteWithRegexpFunc("^"+ui.PathReportPrefix, func() app.Composer { return &ui.ReportPage{} })
	app.RunWhenOnBrowser() // in the browser: runs the app, never returns

	serve() // on the server (server.go); a no-op in the browser build
}
