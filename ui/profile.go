package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/sites"
)

// Profile shows the signed-in person: name, id, and the site's own fields
// (battle tag on Warcraft Logs, NA/EU display names on ESO Logs). Without the
// view-user-profile scope it says why there is nothing to show.
type Profile struct {
	app.Compo

	Session    *Session // nil: Default()
	HideErrors bool     // the page shows the data's error once, elsewhere

	overviewView
}

func (p *Profile) OnMount(ctx app.Context) { p.mount(ctx, orDefault(p.Session)) }
func (p *Profile) OnDismount()             { p.w.unwatch() }

func (p *Profile) Render() app.UI {
	s := orDefault(p.Session)
	body := p.placeholder(s, "profile", "Loading your profile…", p.HideErrors)
	if body == nil {
		perfMark("profile-render")
		body = profileBody(s, p.st.Data.User)
	}
	return app.Section().Class("pl-card pl-profile").Attr(testid, "profile").Body(
		app.H2().Text("Profile"),
		body,
	)
}

func profileBody(s *Session, u *logsapi.User) app.UI {
	if u == nil {
		return app.P().Class("pl-notice").Attr(testid, "profile-no-scope").Text(
			"The site did not share your profile, guilds or characters: this sign-in lacks the view-user-profile permission. " +
				"Sign in again and approve that permission to see them. Your reports and the rate limit still work.")
	}
	field := func(label, id, value string) app.UI {
		return app.If(value != "", app.Tr().Body(
			app.Th().Attr("scope", "row").Text(label),
			app.Td().Attr(testid, id).Text(value),
		))
	}
	return app.Div().Class("pl-profile-body").Body(
		avatar(u, siteOf(s).Game, "pl-avatar"),
		app.Table().Class("pl-table pl-fields").Body(app.TBody().Body(
			field("Name", "profile-name", u.Name),
			field("User id", "profile-id", strconv.Itoa(u.ID)),
			field("Battle tag", "profile-battletag", u.BattleTag),
			field("NA display name", "profile-na-name", u.NADisplayName),
			field("EU display name", "profile-eu-name", u.EUDisplayName),
			field("Site", "profile-site", siteName(s)),
		)),
	)
}

func siteName(s *Session) string { return siteOf(s).Name }

// siteOf is the site the person is signed in to (or, signed out, the one
// chosen); the zero Site when it is unknown.
func siteOf(s *Session) sites.Site {
	id := s.SiteID()
	if t := s.Token(); t != nil {
		id = t.SiteID
	}
	if site, err := s.Site(id); err == nil {
		return site
	}
	return sites.Site{}
}
