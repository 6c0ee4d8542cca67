package pkce

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/oauth2"
)

// CheckCodePrefix starts every authorization code CheckClient sends. The rest is
// 43 random characters, so the code is new each time and no two checks look alike.
//
// Such a code can never be valid: a site only honours codes it issued itself to a
// browser that came back from its authorize page, and CheckClient makes the code
// up (no site issues codes starting with this prefix; Laravel Passport's, which
// the Logs sites run, are hexadecimal). Even a code that matched by chance would
// be refused, because the request's code_verifier is fresh and its challenge was
// never sent anywhere (RFC 7636 §4.6).
const CheckCodePrefix = "pkcelogs-check-"

// ClientStatus is what a client check found out.
type ClientStatus int

const (
	// ClientAccepted: the site answered invalid_grant, so it knows the client id as
	// a public client and looked at the (made-up) code. If sign-in still fails with
	// "Client authentication failed", the redirect URI is what differs.
	ClientAccepted ClientStatus = iota + 1
	// ClientRejected: the site answered invalid_client (or unauthorized_client): it
	// knows no public client with this id.
	ClientRejected
	// ClientUnreachable: no answer came (offline, the site down, or in a browser a
	// request the site or the browser refused: CORS, a blocker).
	ClientUnreachable
	// ClientUnclear: the site answered something else (another OAuth error, an HTML
	// page from a proxy); the check cannot say what it means for the client.
	ClientUnclear
)

// ClientCheck is the outcome of CheckClient.
type ClientCheck struct {
	Status      ClientStatus
	Site        string // the site's display name
	ClientID    string
	RedirectURI string // the redirect URI the check sent, the one to register
	ClientsURL  string // where clients are registered, when the caller knows (pkce does not)
	// Err is the site's answer as an error, for the technical details:
	// *OAuthError, *NetworkError or *ResponseError (nil only if a token came back).
	Err error
}

// Message is the outcome in a person's words.
func (c *ClientCheck) Message() string {
	site := c.Site
	if site == "" {
		site = "The site"
	}
	where := "the site's API clients page"
	if c.ClientsURL != "" {
		where = c.ClientsURL
	}
	switch c.Status {
	case ClientAccepted:
		return fmt.Sprintf("%s knows client %s and accepts sign-ins from it without a secret (PKCE): the client id is right. "+
			"If the site still says “Client authentication failed” when you sign in, the redirect URI registered there is not exactly %s: "+
			"register exactly that (scheme, host, port, path and trailing slash all count) at %s.", site, c.ClientID, c.RedirectURI, where)
	case ClientRejected:
		return fmt.Sprintf("%s does not know client %s: check the client id on %s (copy it again, without spaces) and that its Public Client box is ticked.",
			site, c.ClientID, where)
	case ClientUnreachable:
		return fmt.Sprintf("%s could not be reached, so nothing is known about the client yet. You may be offline or the site may be down; "+
			"or the browser refused the request: a browser says only “failed to fetch”, also when the site does not allow requests from this page's address (CORS) "+
			"or an extension blocks it. Try again later.", site)
	}
	return fmt.Sprintf("%s gave an answer the check cannot interpret, so it says nothing about the client (see the details).", site)
}

// CheckClient asks the site's token endpoint, in one request, whether it knows
// this flow's client id as a public client: an authorization-code grant
// (RFC 6749 §4.1.3) with client_id, the redirect URI, a fresh code_verifier and
// a code that can never be valid (CheckCodePrefix). The Logs sites answer
// invalid_grant for a registered client and invalid_client for an unknown id
// (RFC 6749 §5.2), which tells "wrong client id" from "wrong redirect URI": their
// authorize page says "Client authentication failed" for both. It never sends a
// real code, stores nothing, and keeps nothing the site sends back.
func (f *Flow) CheckClient(ctx context.Context) *ClientCheck {
	c := &ClientCheck{Site: f.cfg.Provider.Name, ClientID: f.cfg.ClientID, RedirectURI: f.cfg.RedirectURI}
	code := CheckCodePrefix + NewState()
	verifier := NewVerifier()
	tok, err := f.callTokenEndpoint(ctx, tokenCall{grant: "authorization_code", redirectURI: f.cfg.RedirectURI},
		func(ctx context.Context) (*oauth2.Token, error) {
			return f.oauth2Config(f.cfg.RedirectURI).Exchange(ctx, code, oauth2.VerifierOption(verifier))
		})
	c.Err = err
	var oe *OAuthError
	var ne *NetworkError
	switch {
	case tok != nil:
		// No genuine server does this; whatever it is, it is not kept.
		c.Status = ClientUnclear
		c.Err = errors.New("the site issued a token for a made-up code, which no genuine OAuth 2.0 server does; the token was discarded")
	case errors.As(err, &oe) && oe.Code == "invalid_grant":
		c.Status = ClientAccepted
	case errors.As(err, &oe) && (oe.Code == "invalid_client" || oe.Code == "unauthorized_client"):
		c.Status = ClientRejected
	case errors.As(err, &ne):
		c.Status = ClientUnreachable
	default:
		c.Status = ClientUnclear
	}
	return c
}

// Details is the technical side of the outcome: the site's own words, or what
// failed, for a folded-away "details" line.
func (c *ClientCheck) Details() string {
	var oe *OAuthError
	if errors.As(c.Err, &oe) {
		return "The token endpoint answered " + oe.said() + "."
	}
	if c.Err != nil {
		return strings.TrimSpace(c.Err.Error())
	}
	return ""
}
