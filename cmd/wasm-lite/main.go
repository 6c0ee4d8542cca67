// Command wasm-lite is the signed-out browser build of pkcelogs
// (web/app-lite.wasm): the home page's welcome and sign-in, without the
// dashboard, the API client or net/http's client. The loader runs it on the
// home page when nobody seems signed in, and cmd/wasm everywhere else (see
// ui/lite.go). Build it with -tags pkcelogs_lite (make build does): without the
// tag it works but links what the full build does.
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

func main() {
	if !ui.LiteBuild {
		println("pkcelogs: cmd/wasm-lite was built without -tags pkcelogs_lite: it links what the full build does")
	}
	ui.PerfMark("main")
	ui.LiteRoutes(nil)
	app.RunWhenOnBrowser()
}
