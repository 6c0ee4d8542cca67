// Command wasm is the browser build of pkcelogs: it registers the app's pages
// and hands the page to go-app. It links nothing server-side; the
// development server and the static export serve it as web/app.wasm.
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

func main() {
	ui.PerfMark("main")
	ui.Routes(nil)
	if inWorker() {
		// The signed-out page's warm-up worker (dev/internal/webapp/appjs.go):
		// the start-up has run, which is most of what it is for; go-app needs
		// a page.
		warmUp()
		return
	}
	ui.StartCallback(nil) // on the callback page, the code exchange starts now
	app.RunWhenOnBrowser()
}
