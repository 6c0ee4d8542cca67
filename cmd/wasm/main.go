// Command wasm is the browser build of pkcelogs: it registers the app's pages
// and hands the page to go-app. It links nothing server-side; the
// development server and the static export serve it as web/app.wasm.
package main

import (
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

// gcPercent is the garbage collector's target (GOGC) in the browser. Go's
// linear memory only grows, and at the default 100 the heap may double over
// what is live before a collection: with the report explorer's full list on
// the dashboard that took the page past the 16 MB budget (issue 14; see
// docs/benchmarks.md for what this bought).
const gcPercent = 50

func main() {
	debug.SetGCPercent(gcPercent)
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
