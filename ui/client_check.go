package ui

import (
	"context"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// ClientCheck is the "Check this client" button and its answer: one request
// to the site's token endpoint with a code that can never be valid
// (Session.CheckClient), which tells a client id the site does not know from
// a redirect URI it does not accept. It runs only when the person presses the
// button.
type ClientCheck struct {
	app.Compo

	Session  *Session // nil: Default()
	SiteID   string   // "" = the site in use
	ClientID string   // "" = the client id in use for the site
	TestID   string   // prefix of the data-testid hooks (default "client-check")

	// Subject, when set, is called as the person presses the button and
	// wins over SiteID and ClientID (its "" mean the same as theirs). A
	// parent whose fields feed the check passes it: go-app hands a child its
	// new field values at the next frame, so a click handled in the same
	// frame as the last keystroke would otherwise ask about the text without
	// that keystroke.
	Subject func() (siteID, clientID string)

	running bool
	result  *pkce.ClientCheck
	err     error  // the check could not be made (no client id, a bad one)
	asked   string // the client id the shown answer is about
}

func (c *ClientCheck) testID(suffix string) string {
	return orText(c.TestID, "client-check") + suffix
}

func (c *ClientCheck) Render() app.UI {
	s := orDefault(c.Session)
	status, message, details := "", "", ""
	if c.result != nil {
		status, message, details = checkStatusName(c.result.Status), c.result.Message(), c.result.Details()
	}
	label := "Check this client"
	if c.running {
		label = "Checking…"
	}
	return app.Div().Class("pl-client-check").Attr(testid, c.testID("")).Body(
		// Kept focusable while checking (busyButton): run ignores the click.
		busyButton(app.Button().Class("pl-button").Attr("type", "button").Attr(testid, c.testID("-run")), c.running).
			Text(label).OnClick(func(ctx app.Context, e app.Event) { c.run(ctx, s) }),
		app.P().Class("pl-hint").Text("Asks "+c.siteName(s)+" whether it knows this client id, with one request that cannot sign anyone in."),
		// The live region is always there (so the answer arriving in it is
		// read); only what it holds comes and goes.
		app.Div().Attr("role", "status").Attr(testid, c.testID("-status")).Body(
			app.If(c.result != nil, app.Div().Class("pl-check-result pl-check-"+status).
				Attr(testid, c.testID("-result")).Attr("data-status", status).Attr("data-client", c.asked).Body(
				app.P().Attr(testid, c.testID("-message")).Text(message),
				app.If(details != "", app.Details().Class("pl-details").Body(
					app.Summary().Text("Details"),
					app.P().Class("pl-hint").Attr(testid, c.testID("-details")).Text(details),
				)),
			)),
		),
		&ErrorView{Err: c.err, Session: c.Session, Compact: true},
	)
}

func (c *ClientCheck) siteName(s *Session) string {
	if site, err := s.Site(c.siteID(s)); err == nil {
		return site.Name
	}
	return "the site"
}

func (c *ClientCheck) siteID(s *Session) string {
	if c.SiteID != "" {
		return c.SiteID
	}
	return s.SiteID()
}

func (c *ClientCheck) run(ctx app.Context, s *Session) {
	if c.running {
		return
	}
	c.running, c.err = true, nil
	siteID, clientID := c.SiteID, c.ClientID
	if c.Subject != nil {
		siteID, clientID = c.Subject()
	}
	if siteID == "" {
		siteID = s.SiteID()
	}
	ctx.Async(func() {
		res, err := s.CheckClient(context.Background(), siteID, clientID)
		ctx.Dispatch(func(ctx app.Context) {
			c.running, c.result, c.err = false, res, err
			if res != nil {
				c.asked = res.ClientID
			}
		})
	})
}

// checkStatusName is a check's outcome as the data-status hook and CSS class.
func checkStatusName(st pkce.ClientStatus) string {
	switch st {
	case pkce.ClientAccepted:
		return "accepted"
	case pkce.ClientRejected:
		return "rejected"
	case pkce.ClientUnreachable:
		return "unreachable"
	}
	return "unclear"
}
