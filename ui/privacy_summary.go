package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// PrivacyCount is how many of a person's reports sit in one place (a guild,
// or the personal logs) with each visibility.
type PrivacyCount struct {
	GuildID                   int    // 0: personal logs
	Name                      string // the guild's name, or "Personal logs"
	Left                      bool   // a guild the person no longer belongs to
	Public, Unlisted, Private int
}

// Total is the place's reports.
func (c PrivacyCount) Total() int { return c.Public + c.Unlisted + c.Private }

// PrivacyCounts counts reports by place and visibility: the person's current
// guilds first (most reports first), then guilds they have left, then the
// personal logs. member says whether the person belongs to a guild now; nil
// means not known, and no guild counts as left.
func PrivacyCounts(reports []logsapi.Report, member func(guildID int) bool) []PrivacyCount {
	byID := map[int]*PrivacyCount{}
	personal := &PrivacyCount{Name: guildName(nil)}
	for i := range reports {
		r := &reports[i]
		c := personal
		if r.Guild != nil {
			if c = byID[r.Guild.ID]; c == nil {
				c = &PrivacyCount{GuildID: r.Guild.ID, Name: r.Guild.Name, Left: member != nil && !member(r.Guild.ID)}
				byID[r.Guild.ID] = c
			}
		}
		switch r.Visibility {
		case "private":
			c.Private++
		case "unlisted":
			c.Unlisted++
		default:
			c.Public++
		}
	}
	out := make([]PrivacyCount, 0, len(byID)+1)
	for _, c := range byID {
		out = append(out, *c)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Left != out[b].Left {
			return !out[a].Left
		}
		if out[a].Total() != out[b].Total() {
			return out[a].Total() > out[b].Total()
		}
		return out[a].GuildID < out[b].GuildID
	})
	if personal.Total() > 0 {
		out = append(out, *personal)
	}
	return out
}

// PrivacySummary shows, at a glance, how many of a person's reports are
// public, unlisted and private, per guild and in the personal logs, and
// points out private reports in guilds the person no longer belongs to
// (whose officers may still see them) with one click to list them.
//
// Inputs:
//   - Reports: the person's reports (all of them, for true counts).
//   - Guilds: the guilds the person belongs to now (the profile's); nil when
//     not known, and then no guild is called left.
//   - OnFilter: called with the filter a click asks for (a place and a
//     visibility); nil shows the counts without buttons.
type PrivacySummary struct {
	app.Compo

	Reports  []logsapi.Report
	Guilds   []logsapi.Guild
	OnFilter func(ctx app.Context, f ReportFilter)
}

func memberOf(guilds []logsapi.Guild) func(int) bool {
	if guilds == nil {
		return nil
	}
	return func(id int) bool {
		for _, g := range guilds {
			if g.ID == id {
				return true
			}
		}
		return false
	}
}

func (p *PrivacySummary) Render() app.UI {
	counts := PrivacyCounts(p.Reports, memberOf(p.Guilds))
	var left []string
	leftPrivate := 0
	var total PrivacyCount
	for _, c := range counts {
		total.Public += c.Public
		total.Unlisted += c.Unlisted
		total.Private += c.Private
		if c.Left && c.Private > 0 {
			left = append(left, c.Name)
			leftPrivate += c.Private
		}
	}
	cell := func(c PrivacyCount, vis string, n int) app.UI {
		if n == 0 || p.OnFilter == nil {
			return app.Td().Class("pl-num").Text(n)
		}
		f := ReportFilter{Visibility: vis, Guild: GuildPersonal}
		if c.GuildID != 0 {
			f.Guild = strconv.Itoa(c.GuildID)
		}
		return app.Td().Class("pl-num").Body(app.Button().Class("pl-linkbutton").Attr(testid, "privacy-filter").
			Attr("aria-label", fmt.Sprintf("List the %s %s reports of %s", strconv.Itoa(n), vis, c.Name)).
			Text(n).OnClick(func(ctx app.Context, e app.Event) { p.OnFilter(ctx, f) }))
	}
	rows := make([]app.UI, 0, len(counts))
	for _, c := range counts {
		name := app.UI(app.Text(c.Name))
		if c.Left {
			name = app.Span().Body(app.Text(c.Name+" "), app.Span().Class("pl-muted").Text("(you left)"))
		}
		rows = append(rows, app.Tr().Attr(testid, "privacy-row").Attr("data-guild", c.GuildID).Attr("data-left", c.Left).Body(
			app.Th().Attr("scope", "row").Body(name),
			cell(c, "public", c.Public), cell(c, "unlisted", c.Unlisted), cell(c, "private", c.Private),
		))
	}
	var callout app.UI = app.P().Class("pl-muted").Attr(testid, "privacy-left").Text("No private reports sit in guilds you have left.")
	if leftPrivate > 0 {
		callout = app.Div().Class("pl-callout").Attr(testid, "privacy-left").Body(
			app.P().Text(fmt.Sprintf("%s in guilds you no longer belong to (%s): their officers may still see them.",
				plural(leftPrivate, "private report sits", "private reports sit"), strings.Join(left, ", "))),
			app.If(p.OnFilter != nil, app.Button().Class("pl-button").Attr(testid, "privacy-show-left").
				Text("Show them").OnClick(func(ctx app.Context, e app.Event) {
				p.OnFilter(ctx, ReportFilter{Visibility: "private", Guild: GuildLeft})
			})),
		)
	}
	return app.Div().Class("pl-privacy").Attr(testid, "privacy").Body(
		app.P().Attr(testid, "privacy-total").Text(fmt.Sprintf("%d public, %d unlisted, %d private.", total.Public, total.Unlisted, total.Private)),
		app.Div().Class("pl-table-wrap").Body(app.Table().Class("pl-table pl-privacy-table").Body(
			app.Caption().Class("pl-visually-hidden").Text("Reports by guild and visibility"),
			app.THead().Body(app.Tr().Body(app.Th().Attr("scope", "col").Text("Where"), app.Th().Attr("scope", "col").Class("pl-num").Text("Public"),
				app.Th().Attr("scope", "col").Class("pl-num").Text("Unlisted"), app.Th().Attr("scope", "col").Class("pl-num").Text("Private"))),
			app.TBody().Body(rows...),
		)),
		callout,
	)
}
