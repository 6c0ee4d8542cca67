package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// A click on the pre-rendered sign-in button lands before the app has
// started (a cold start takes a few hundred milliseconds, seconds on a slow
// link). A small script in the page (the server's, dev/internal/webapp)
// catches it: it shows at once that the sign-in is starting, and leaves the
// choice in window[EarlySignInGlobal]; the button, once mounted, starts that
// sign-in. These names are the contract between the two.
const (
	// SignInButtonAttr marks the sign-in button (its value is "1").
	SignInButtonAttr = "data-pl-signin"
	// EarlySignInGlobal is the window property the script sets to
	// {site: "<site id>"} for a click it caught.
	EarlySignInGlobal = "pkcelogsEarlySignIn"
	// EarlySignInLabel is what the button says from the click until the app
	// has started.
	EarlySignInLabel = "Starting the sign-in…"
)

// takeEarlySignIn returns the site of a click the page's script caught
// before the app started, once: the property is cleared.
func takeEarlySignIn() (site string, ok bool) {
	if !app.IsClient {
		return "", false
	}
	w := app.Window()
	v := w.Get(EarlySignInGlobal)
	if !v.Truthy() {
		return "", false
	}
	w.Set(EarlySignInGlobal, nil)
	if s := v.Get("site"); s.Truthy() {
		site = s.String()
	}
	return site, true
}

// startEarlySignIn starts the sign-in a click before the app started asked
// for, on the site chosen then.
func (b *SignInButton) startEarlySignIn(ctx app.Context) {
	site, ok := takeEarlySignIn()
	if !ok || b.signedIn {
		return
	}
	if site != "" && site != b.siteID && b.Site == "" {
		if err := orDefault(b.Session).ChooseSite(site); err != nil {
			b.err = err
			return
		}
		b.siteID = site
		b.noClient = orDefault(b.Session).ClientID(site) == ""
	}
	b.onClick(ctx, app.Event{})
}
