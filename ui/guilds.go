package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/sites"
)

// Guilds lists the signed-in person's guilds with server, region and their
// rank (needs the view-user-profile scope), in the site's words: Free
// Companies on FF Logs (sites.Words).
type Guilds struct {
	app.Compo

	Session    *Session // nil: Default()
	HideErrors bool     // the page shows the data's error once, elsewhere

	overviewView
}

func (g *Guilds) OnMount(ctx app.Context) { g.mount(ctx, orDefault(g.Session)) }
func (g *Guilds) OnDismount()             { g.w.unwatch() }

func (g *Guilds) Render() app.UI {
	s := orDefault(g.Session)
	words := siteOf(s).Words() // FF Logs: Free Companies
	body := g.placeholder(s, "guilds", "Loading your "+strings.ToLower(words.Guilds)+"…", g.HideErrors)
	if body == nil {
		body = g.table(words)
	}
	return app.Section().Class("pl-card pl-guilds").Attr(testid, "guilds").Body(app.H2().Attr(testid, "guilds-title").Text(words.Guilds), body)
}

func (g *Guilds) table(words sites.Words) app.UI {
	u := g.st.Data.User
	if u == nil {
		return app.P().Class("pl-empty").Text("Needs the view-user-profile permission (see Profile).")
	}
	if len(u.Guilds) == 0 {
		return app.P().Class("pl-empty").Attr(testid, "guilds-empty").Text(words.NoGuild)
	}
	return app.Table().Class("pl-table pl-cards").Body(
		app.THead().Body(app.Tr().Body(app.Th().Text(words.Guild), app.Th().Text("Server"), app.Th().Text("Region"), app.Th().Text("Rank"))),
		app.TBody().Body(app.Range(u.Guilds).Slice(func(i int) app.UI {
			gd := u.Guilds[i]
			return app.Tr().Class("pl-row-card").Attr(testid, "guild").Body(
				app.Td().Class("pl-card-title").Attr(testid, "guild-name").Text(gd.Name),
				app.Td().Class("pl-card-detail pl-card-first").Text(gd.Server.Name),
				app.Td().Class("pl-card-detail").Text(regionName(gd.Server.Region.CompactName, gd.Server.Region.Name)),
				app.Td().Class("pl-card-aside").Attr(testid, "guild-rank").Text(rankName(gd.CurrentUserRank)),
			)
		})),
	)
}

func regionName(compact, name string) string {
	if compact != "" {
		return compact
	}
	return name
}

// rankName turns the GuildRank enum into words: "GuildMaster" → "Guild master".
func rankName(rank string) string {
	if rank == "" {
		return "—"
	}
	var b strings.Builder
	for i, r := range rank {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
