package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// signedOutWelcome is the signed-out home page's card: what pkcelogs does,
// and the sign-in. The full and the signed-out builds show the same.
func signedOutWelcome(sess *Session) app.UI {
	s := orDefault(sess)
	return app.Section().Class("pl-card pl-welcome").Body(
		app.H1().Text("Your logs, from your browser"),
		app.P().Attr(testid, "welcome-text").Text("Sign in to "+welcomeSites(s.Options())+" to see your profile, guilds, characters and reports, "+
			"private ones included, and to query the site's API. The sign-in happens between your browser and the site "+
			"(OAuth 2.0 with PKCE): no server in between, no password or secret in this page."),
		&SignInButton{Session: sess},
	)
}

// allLogsSites is what the signed-out home page offers when the deployer left
// the choice of site to the person.
const allLogsSites = "Warcraft Logs, FF Logs or ESO Logs"

// welcomeSites names, for the signed-out home page, where the person will
// sign in: the one site the deployer fixed (a preset, the local provider or
// a custom OAuth 2.0 server), or the Logs sites when the person chooses.
func welcomeSites(o Options) string {
	if o.FixedSite && o.Site.Name != "" {
		return o.Site.Name
	}
	return allLogsSites
}
