package ui

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// OverviewAge says how old the dashboard's data is ("Updated 4 min ago"), and
// that fresh data is on its way while it is: on a later visit the dashboard
// first shows the data the last one kept (session's overview cache).
type OverviewAge struct {
	app.Compo

	Session *Session // nil: Default()

	overviewView
	tick *time.Timer
}

func (a *OverviewAge) OnMount(ctx app.Context) {
	a.mount(ctx, orDefault(a.Session))
	a.schedule(ctx)
}

// schedule re-renders every half minute, so the age stays true.
func (a *OverviewAge) schedule(ctx app.Context) {
	a.tick = time.AfterFunc(30*time.Second, func() {
		ctx.Dispatch(func(ctx app.Context) { a.schedule(ctx) })
	})
}

func (a *OverviewAge) OnDismount() {
	a.w.unwatch()
	if a.tick != nil {
		a.tick.Stop()
	}
}

func (a *OverviewAge) Render() app.UI {
	st := a.st
	if !a.signedIn || st.Data == nil || st.UpdatedAt.IsZero() {
		return app.P().Class("pl-hint pl-overview-age").Attr(testid, "overview-age")
	}
	text := "Updated " + ago(time.Since(st.UpdatedAt))
	if st.Loading {
		text += " · refreshing…"
	}
	return app.P().Class("pl-hint pl-overview-age").Attr(testid, "overview-age").
		Attr("data-cached", st.Cached).Attr("role", "status").Text(text)
}

// ago words a duration for "Updated … ": "just now", "4 min ago", "2 h ago",
// "3 days ago".
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + " min ago"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + " h ago"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + " days ago"
}
