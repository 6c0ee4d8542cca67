package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
)

// StalledSignInNotice is the home page's notice of a sign-in that never came
// back (Session.StalledSignIn): the Logs sites refuse a redirect URI that is
// not registered exactly on their own page, "Client authentication failed",
// without sending the person back, so only this page can say what it means.
// It offers the exact redirect URI and the client check, and can be
// dismissed; a successful sign-in ends it.
type StalledSignInNotice struct {
	app.Compo

	Session *Session // nil: Default()

	w       watcher
	stalled *session.StalledSignIn
	timer   *time.Timer // looks again when a younger pending sign-in would count as stalled
}

func (n *StalledSignInNotice) OnMount(ctx app.Context) {
	s := orDefault(n.Session)
	n.w.watch(ctx, s, func(ctx app.Context) { n.sync(ctx, s) })
}

func (n *StalledSignInNotice) OnDismount() {
	n.w.unwatch()
	if n.timer != nil {
		n.timer.Stop()
	}
}

func (n *StalledSignInNotice) sync(ctx app.Context, s *Session) {
	stalled, recheck := s.StalledSignIn(time.Now())
	n.stalled = stalled
	if n.timer != nil {
		n.timer.Stop()
		n.timer = nil
	}
	if recheck > 0 {
		n.timer = time.AfterFunc(recheck+100*time.Millisecond, func() {
			ctx.Dispatch(func(ctx app.Context) { n.sync(ctx, s) })
		})
	}
}

func (n *StalledSignInNotice) Render() app.UI {
	st := n.stalled
	if st == nil {
		return app.Div().Class("pl-stalled pl-stalled-none")
	}
	where := "the site's API clients page"
	if st.Site.ClientsURL != "" {
		where = st.Site.ClientsURL
	}
	// A region named by its heading, not a live region: it is there as the
	// page loads, at the top of <main>, where a person finds it first; as a
	// status its heading, text and buttons would all be read as one message.
	return app.Section().Class("pl-card pl-stalled").Attr("aria-labelledby", "pl-stalled-heading").Attr(testid, "stalled-signin").Body(
		app.H2().ID("pl-stalled-heading").Text("Your sign-in did not come back"),
		app.P().Attr(testid, "stalled-signin-text").Text("A sign-in to "+st.Site.Name+" started at "+localTime(st.StartedAt)+
			" never returned to this page. If "+st.Site.Name+" showed “Client authentication failed”, it does not accept this page's client "+
			st.ClientID+" or its redirect URI. The redirect URI registered for the client at "+where+" must be exactly:"),
		&RedirectURIBox{Session: n.Session, TestID: "stalled-signin-redirect-uri", URI: st.RedirectURI},
		app.P().Class("pl-hint").Text("Not sure which of the two it is? The check below tells a client id the site does not know from a redirect URI that differs."),
		&ClientCheck{Session: n.Session, SiteID: st.Site.ID, ClientID: st.ClientID, TestID: "stalled-signin-check"},
		app.Div().Class("pl-actions").Body(
			app.A().Class("pl-button").Href(orDefault(n.Session).Options().Path(PathSettings)).Text("Open settings"),
			app.Button().Class("pl-button").Attr("type", "button").Attr(testid, "stalled-signin-dismiss").Text("Dismiss").
				OnClick(func(ctx app.Context, e app.Event) { orDefault(n.Session).DismissStalledSignIn(st) }),
		),
	)
}
