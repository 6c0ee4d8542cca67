package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// DashboardHeader is the top of the signed-in dashboard: who is signed in
// (avatar, name, site), how fresh the data is ("Updated 3 min ago", kept
// current while the page is open), and the button that fetches it again.
type DashboardHeader struct {
	app.Compo

	Session *Session // nil: Default()

	overviewView
	ticking bool

	// The live region says "Dashboard updated." when fresh data arrives;
	// the ticking "Updated N min ago" beside it is no live region (each
	// tick would be read out).
	news      announcer
	seen      bool      // the first render noted what was already there
	announced time.Time // the FetchedAt last said (or there at mount)
}

// headerTick is how often "Updated N min ago" is brought up to date.
const headerTick = 20 * time.Second

func (h *DashboardHeader) OnMount(ctx app.Context) {
	h.mount(ctx, orDefault(h.Session))
	if app.IsClient && !h.ticking {
		h.ticking = true
		h.tick(ctx)
	}
}

func (h *DashboardHeader) OnDismount() { h.w.unwatch() }

func (h *DashboardHeader) tick(ctx app.Context) {
	ctx.After(headerTick, func(ctx app.Context) {
		if !h.Mounted() {
			h.ticking = false
			return
		}
		h.Update()
		h.tick(ctx)
	})
}

func (h *DashboardHeader) Render() app.UI {
	s := orDefault(h.Session)
	site := siteOf(s)
	var u *logsapi.User
	if h.st.Data != nil {
		u = h.st.Data.User
	}
	name, sub := TitleHome, site.Name
	if u != nil && u.Name != "" {
		name = u.Name
		if tag := orText(u.BattleTag, orText(u.NADisplayName, u.EUDisplayName)); tag != "" && tag != u.Name {
			sub += " · " + tag
		}
	}
	// On a later visit the header first shows the data the last one kept
	// (session's overview cache), saying how old it is and that fresh data
	// is on its way.
	updated := "Loading your data…"
	switch {
	case h.st.Data != nil && !h.st.FetchedAt.IsZero():
		updated = updatedText(now().Sub(h.st.FetchedAt))
		if h.st.Loading {
			updated += " · refreshing…"
		}
	case h.st.Loading:
	case h.st.Err != nil:
		updated = "Not loaded"
	}
	h.noteFresh()
	label := "Refresh"
	if h.st.Loading {
		label = "Refreshing…"
	}
	return app.Header().Class("pl-dash-head").Attr(testid, "dashboard-header").Body(
		app.Div().Class("pl-dash-who").Body(
			avatar(u, site.Game, "pl-avatar pl-avatar-small"),
			app.Div().Class("pl-dash-names").Body(
				app.H1().Class("pl-page-title").Attr(testid, "page-title").Text(name),
				app.P().Class("pl-dash-site").Attr(testid, "dashboard-site").Text(sub),
			),
		),
		app.Div().Class("pl-dash-fresh").Body(
			app.Time().Class("pl-dash-updated").Attr(testid, "dashboard-updated").Attr("data-cached", h.st.Cached).
				Attr("datetime", h.st.FetchedAt.UTC().Format(time.RFC3339)).Text(updated),
			app.Button().Class("pl-button").Attr(testid, "dashboard-reload").Attr("type", "button").
				Attr("aria-busy", fmt.Sprint(h.st.Loading)).
				Body(
					app.Span().Class("pl-refresh-icon").Attr("aria-hidden", "true").Text("↻"),
					app.Text(label),
				).
				OnClick(func(ctx app.Context, e app.Event) {
					loadOverview(ctx, s, true)
					ctx.NewAction(actionRefresh) // the explorer fetches what is new since its cache
				}),
			h.news.view("status", "dashboard-news"),
		),
	)
}

// noteFresh has the live region say "Dashboard updated." when data fetched
// after the header appeared arrives: not for what was there at mount, nor
// for the last visit's cached copy, nor on the ticks that age the text.
func (h *DashboardHeader) noteFresh() {
	at := h.st.FetchedAt
	switch {
	case !h.seen:
		h.seen, h.announced = true, at
	case h.st.Data != nil && !h.st.Cached && !at.IsZero() && !at.Equal(h.announced):
		h.announced = at
		h.news.say("Dashboard updated.")
	}
}

// updatedText says how long ago the data arrived, as a person would.
func updatedText(ago time.Duration) string {
	switch {
	case ago < time.Minute:
		return "Updated just now"
	case ago < time.Hour:
		return fmt.Sprintf("Updated %d min ago", int(ago.Minutes()))
	case ago < 48*time.Hour:
		return fmt.Sprintf("Updated %d h ago", int(ago.Hours()))
	}
	return fmt.Sprintf("Updated %d days ago", int(ago.Hours()/24))
}

// avatar is the person's picture, or where the site has none (FF Logs and
// ESO Logs give no avatar) a tile with their initial in the colours of the
// site's game (data-game, app.css). Decorative: the name is always beside it.
func avatar(u *logsapi.User, game, class string) app.UI {
	if u != nil && u.Avatar != "" {
		return app.Img().Class(class).Src(u.Avatar).Alt("").Attr("referrerpolicy", "no-referrer").Attr(testid, "avatar")
	}
	initial := "?"
	if u != nil {
		if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(u.Name)); r != utf8.RuneError {
			initial = string(unicode.ToUpper(r))
		}
	}
	return app.Span().Class(class+" pl-avatar-placeholder").Attr("data-game", orText(game, "warcraft")).
		Attr("aria-hidden", "true").Attr(testid, "avatar-placeholder").Text(initial)
}
