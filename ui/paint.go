package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// afterPaint runs fn on the UI goroutine once the browser has painted what
// is on the page now, so a large piece of the page (the activity calendar's
// 371 cells) does not hold back a small one a person is waiting for (the
// profile, right after the sign-in). Outside the browser (tests, the
// pre-render) there is no paint to wait for: fn is dispatched at once.
func afterPaint(ctx app.Context, fn func(ctx app.Context)) {
	ctx.Async(func() {
		waitForPaint()
		ctx.Dispatch(fn)
	})
}
