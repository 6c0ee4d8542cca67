package ui

import (
	"context"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
)

// watcher keeps a mounted component in step with its session: every change
// of the session (from this tab, another tab, or finished network work) runs
// the component's sync on the UI goroutine, which re-renders it.
type watcher struct{ stop func() }

func (w *watcher) watch(ctx app.Context, s *Session, sync func(app.Context)) {
	w.unwatch()
	w.stop = s.Subscribe(func() {
		ctx.Dispatch(sync)
	})
	sync(ctx)
}

func (w *watcher) unwatch() {
	if w.stop != nil {
		w.stop()
		w.stop = nil
	}
}

// loadOverview starts the first screen's single GraphQL request unless it is
// held or under way; any data component may call it, one request goes out.
func loadOverview(ctx app.Context, s *Session, force bool) {
	gen, ok := s.ClaimOverview(force)
	if !ok {
		return
	}
	ctx.Async(func() {
		c, cancel := context.WithTimeout(context.Background(), session.QueryTimeout)
		defer cancel()
		perfMark("overview-request")
		fetchOverview(c, s, gen)
		perfMark("overview-decoded")
	})
}

// testid is the attribute e2e tests find elements by (listed in doc.go).
const testid = "data-testid"
