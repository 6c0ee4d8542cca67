package ui

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/sites"
)

// Characters lists the characters the signed-in person has claimed (needs
// the view-user-profile scope), marking those whose rankings are hidden and
// linking FF Logs characters to the Lodestone.
type Characters struct {
	app.Compo

	Session    *Session // nil: Default()
	HideErrors bool     // the page shows the data's error once, elsewhere

	overviewView
}

func (c *Characters) OnMount(ctx app.Context) { c.mount(ctx, orDefault(c.Session)) }
func (c *Characters) OnDismount()             { c.w.unwatch() }

func (c *Characters) Render() app.UI {
	s := orDefault(c.Session)
	body := c.placeholder(s, "characters", "Loading your characters…", c.HideErrors)
	if body == nil {
		body = c.table(siteOf(s).Game)
	}
	return app.Section().Class("pl-card pl-characters").Attr(testid, "characters").Body(app.H2().Text("Characters"), body)
}

func (c *Characters) table(game string) app.UI {
	u := c.st.Data.User
	if u == nil {
		return app.P().Class("pl-empty").Text("Needs the view-user-profile permission (see Profile).")
	}
	if len(u.Characters) == 0 {
		return app.P().Class("pl-empty").Attr(testid, "characters-empty").Text("No characters are claimed on this account.")
	}
	// ESO Logs characters have no level: leave the column out rather than
	// fill it with dashes.
	hasLevels := slices.ContainsFunc(u.Characters, func(ch logsapi.Character) bool { return ch.Level > 0 })
	return app.Table().Class("pl-table pl-cards").Body(
		app.THead().Body(app.Tr().Body(app.Th().Text("Character"), app.Th().Text("Server"), app.Th().Text("Region"), app.If(hasLevels, app.Th().Text("Level")),
			app.Th().Body(app.Span().Class("pl-visually-hidden").Text("Rankings")))),
		app.TBody().Body(app.Range(u.Characters).Slice(func(i int) app.UI {
			ch := u.Characters[i]
			return app.Tr().Class("pl-row-card").Attr(testid, "character").Body(
				app.Td().Class("pl-card-title").Attr(testid, "character-name").Body(characterLink(game, ch)),
				app.Td().Class("pl-card-detail pl-card-first").Text(ch.Server.Name),
				app.Td().Class("pl-card-detail").Text(regionName(ch.Server.Region.CompactName, ch.Server.Region.Name)),
				app.If(hasLevels, app.Td().Class("pl-card-detail").Attr(testid, "character-level").Text(levelText(ch.Level))),
				app.Td().Class("pl-card-aside").Body(app.If(ch.Hidden, app.Span().Class("pl-badge").Attr(testid, "character-hidden").Text("rankings hidden"))),
			)
		})),
	)
}

// characterLink is the character's name, linked to its page outside the
// site where the game has one (the Lodestone for FF Logs, sites.LodestoneURL),
// in a new tab and saying so.
func characterLink(game string, ch logsapi.Character) app.UI {
	url := sites.LodestoneURL(game, ch.LodestoneID)
	if url == "" {
		return app.Text(characterName(ch))
	}
	return app.A().Href(url).Target("_blank").Attr("rel", "noopener noreferrer").Attr(testid, "character-lodestone").Body(
		app.Text(characterName(ch)),
		app.Span().Class("pl-external").Attr("aria-hidden", "true").Text(" ↗"),
		app.Span().Class("pl-visually-hidden").Text(" (on the Lodestone, opens in a new tab)"),
	)
}

func characterName(ch logsapi.Character) string {
	if ch.DisplayName != "" {
		return ch.Name + " (" + ch.DisplayName + ")"
	}
	return ch.Name
}

func levelText(level int) string {
	if level <= 0 {
		return "—"
	}
	return strconv.Itoa(level)
}
