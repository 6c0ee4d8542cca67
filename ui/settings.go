package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/sites"
)

// Settings is a guided setup of the person's own client id per site (a
// shared public client pools every user's rate limit): the steps on the
// site's API clients page, the exact redirect URI to register with a copy
// button (pre-rendered, so it is there before the app has loaded), the client
// id field, and "Check this client", which tells a client id the site does not
// know from a redirect URI it does not accept. Below: the current sign-in and
// where tokens are kept.
type Settings struct {
	app.Compo

	Session *Session // nil: Default()

	w        watcher
	siteID   string
	sites    []sites.Site
	clientID string // the text in the box
	saved    bool
	err      error
}

func (st *Settings) OnMount(ctx app.Context) {
	s := orDefault(st.Session)
	st.w.watch(ctx, s, func(ctx app.Context) {
		st.sites = s.Sites()
		if st.siteID == "" {
			st.siteID = s.SiteID()
			st.clientID = s.OwnClientID(st.siteID)
		}
	})
}

func (st *Settings) OnDismount() { st.w.unwatch() }

func (st *Settings) site(s *Session) sites.Site {
	site, err := s.Site(st.siteID)
	if err != nil {
		return s.Options().Site
	}
	return site
}

func (st *Settings) Render() app.UI {
	s := orDefault(st.Session)
	site := st.site(s)
	build := ""
	if site.ID == s.Options().Site.ID {
		build = s.Options().ClientID
	}
	inUse := s.ClientID(site.ID)
	return app.Section().Class("pl-card pl-settings").Attr(testid, "settings").Body(
		app.H2().Text("Settings"),
		app.If(len(st.sites) > 1, app.Label().Class("pl-field").Body(
			app.Span().Text("Site"),
			app.Select().Class("pl-select").Attr(testid, "settings-site").OnChange(func(ctx app.Context, e app.Event) {
				st.siteID = ctx.JSSrc().Get("value").String()
				st.clientID, st.saved, st.err = s.OwnClientID(st.siteID), false, nil
			}).Body(app.Range(st.sites).Slice(func(i int) app.UI {
				return app.Option().Value(st.sites[i].ID).Selected(st.sites[i].ID == st.siteID).Text(st.sites[i].Name)
			})),
		)),
		app.H3().Text("Your own client id"),
		app.P().Class("pl-hint").Text("Everyone using this page shares its client's hourly rate limit. With your own client you get a budget of your own. "+
			"Setting one up takes a minute, once:"),
		app.Ol().Class("pl-steps").Attr(testid, "settings-steps").Body(
			app.Li().Body(
				app.Text("Open "),
				app.If(site.ClientsURL != "", app.A().Href(site.ClientsURL).Target("_blank").Attr("rel", "noopener").
					Attr(testid, "settings-clients-url").Text(site.ClientsURL)),
				app.If(site.ClientsURL == "", app.Text(site.Name+"'s API clients page")),
				app.Text(", signed in to "+site.Name+", and create a client."),
			),
			app.Li().Body(app.Strong().Text("Name"), app.Text(": anything you will recognise, for example “pkcelogs”.")),
			app.Li().Body(
				app.Strong().Text("Redirect URL"), app.Text(": exactly this address (scheme, host, port, path and trailing slash all count):"),
				&RedirectURIBox{Session: st.Session, TestID: "settings-redirect-uri"},
			),
			app.Li().Body(app.Text("Tick "), app.Strong().Text("Public Client"),
				app.Text(": that is what lets this page sign in without a secret (PKCE). Then create the client.")),
			app.Li().Text("Copy its client id into the field below, save, and check it."),
		),
		app.Label().Class("pl-field").Body(
			app.Span().Text("Client id for "+site.Name),
			app.Input().Type("text").Class("pl-input").Attr(testid, "settings-client-id").Attr("autocomplete", "off").
				Attr("spellcheck", "false").Placeholder(placeholderFor(build)).Value(st.clientID).
				OnInput(func(ctx app.Context, e app.Event) { st.clientID, st.saved = ctx.JSSrc().Get("value").String(), false }),
		),
		app.Div().Class("pl-actions").Body(
			app.Button().Class("pl-button pl-button-primary").Attr(testid, "settings-save").Text("Save").
				OnClick(func(ctx app.Context, e app.Event) { st.save(s, st.clientID) }),
			app.Button().Class("pl-button").Attr(testid, "settings-reset").Text("Use this page's client").Disabled(build == "").
				OnClick(func(ctx app.Context, e app.Event) { st.save(s, ""); st.saved = false }),
		),
		// Saved while signed in: the new client takes effect at the next
		// sign-in, so the way there sits beside the message.
		// The message is a live region that is always there (liveText), so
		// that "Saved" arriving in it is read.
		app.Div().Class(map[bool]string{true: "pl-saved", false: "pl-saved-none"}[st.saved]).Body(
			liveText("status", "pl-ok", "settings-saved", map[bool]string{true: savedText(s.SignedIn()), false: ""}[st.saved]),
			app.If(st.saved && s.SignedIn(), app.Button().Class("pl-button pl-button-primary").Attr(testid, "settings-signin").
				Text("Sign in again").OnClick(func(ctx app.Context, e app.Event) {
				st.err = s.SignIn(st.siteID, s.Options().Path(PathSettings))
			})),
		),
		app.If(st.err != nil, &ErrorView{Err: st.err, Session: st.Session, Compact: true}),
		app.P().Class("pl-hint").Attr(testid, "settings-in-use").Text(inUseText(inUse, build)),
		// The check asks about the id in the field as the button is pressed,
		// saved or not (the one in use when empty).
		&ClientCheck{Session: st.Session, SiteID: site.ID, Subject: st.checkSubject, TestID: "settings-check"},
		st.sessionInfo(s),
		app.H3().Text("Where your sign-in is kept"),
		app.P().Class("pl-hint").Attr(testid, "settings-storage").Text(storageText(s.Options().Storage)),
	)
}

// checkSubject is what the client check asks about: the site chosen and the
// text in the client id field, without the spaces a copy from the site's
// page can bring.
func (st *Settings) checkSubject() (siteID, clientID string) {
	return st.site(orDefault(st.Session)).ID, strings.TrimSpace(st.clientID)
}

func (st *Settings) save(s *Session, clientID string) {
	st.err, st.saved = s.SetOwnClientID(st.siteID, clientID), false
	if st.err == nil {
		st.clientID, st.saved = s.OwnClientID(st.siteID), true
	}
}

// savedText confirms a saved client id; signed in, the current sign-in still
// uses the old client until the next one.
func savedText(signedIn bool) string {
	if signedIn {
		return "Saved. Your current sign-in still uses the previous client: sign in again to use this one."
	}
	return "Saved. Your next sign-in uses it."
}

// placeholderFor is the client id field's placeholder. It stays short, to
// fit a 360 px phone: which client the page's is, settings-in-use says.
func placeholderFor(build string) string {
	if build == "" {
		return "paste your client id"
	}
	return "empty: this page's client"
}

func inUseText(inUse, build string) string {
	switch {
	case inUse == "":
		return "No client id is set for this site: sign-in needs one."
	case inUse == build:
		return "Signing in uses this page's client " + inUse + "."
	}
	return "Signing in uses your client " + inUse + "."
}

func storageText(kind string) string {
	switch kind {
	case StorageSession:
		return "In this tab's session storage: closing the tab signs you out; other tabs sign in separately."
	case StorageMemory:
		return "In this page's memory only: reloading or closing the page signs you out."
	}
	return "In this browser's local storage: you stay signed in across tabs and restarts until you sign out. Anyone with access to this browser profile can use the session."
}

func orText(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// sessionInfo says what the current sign-in is: site, client, the
// permissions the site granted and until when the access token is good.
func (st *Settings) sessionInfo(s *Session) app.UI {
	t := s.Token()
	if t == nil {
		return app.P().Class("pl-hint").Attr(testid, "settings-session").Text("You are not signed in.")
	}
	scopes := "none"
	if len(t.Scopes) > 0 {
		scopes = strings.Join(t.Scopes, ", ")
	}
	until := "an unknown time"
	if !t.Expiry.IsZero() {
		until = localTime(t.Expiry)
	}
	refresh := "It cannot be renewed: you will need to sign in again then."
	if t.RefreshToken != "" {
		refresh = "It renews itself before then."
	}
	site := t.SiteID
	if known, err := s.Site(t.SiteID); err == nil {
		site = known.Name
	}
	return app.Div().Attr(testid, "settings-session").Body(
		app.H3().Text("Your sign-in"),
		app.P().Class("pl-hint").Text(fmt.Sprintf("Signed in to %s with client %s. Permissions granted: %s. The access token is good until %s. %s",
			site, t.ClientID, scopes, until, refresh)),
	)
}
