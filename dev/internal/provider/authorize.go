//go:build !js

package provider

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"

	"github.com/ory/fosite"
)

// handleAuthorize is the authorization endpoint (RFC 6749 §3.1): GET shows the sign-in and
// consent page (or approves at once with Options.AutoApprove); POST is that page's answer.
func (p *Provider) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		p.errorPage(w, http.StatusMethodNotAllowed, pageError{Title: "Method not allowed", Message: "The authorization endpoint is opened in the browser with GET."})
		return
	}
	if err := r.ParseForm(); err != nil {
		p.errorPage(w, http.StatusBadRequest, pageError{Title: "Malformed request", Message: "The authorization request could not be parsed: " + err.Error()})
		return
	}
	// The client and redirect URI are checked here, exactly, before fosite sees the request:
	// fosite accepts any port for a loopback redirect URI (RFC 8252 §7.3), the real sites
	// do not. When either is wrong the person sees an error page; redirecting would hand the
	// response to an unregistered address (RFC 6749 §4.1.2.1).
	if status, pe := p.checkClientAndRedirect(r); pe != nil {
		p.errorPage(w, status, *pe)
		return
	}
	ar, err := p.oauth.NewAuthorizeRequest(ctx, r)
	if err != nil {
		p.authorizeError(ctx, w, ar, err)
		return
	}
	if r.Method == http.MethodPost {
		p.handleConsent(ctx, w, r, ar)
		return
	}
	if u := p.autoApprove.Load(); u != nil {
		p.approve(ctx, w, ar, u)
		return
	}
	// Fosite checks PKCE when it issues the code, after consent; checking the same rules
	// now spares a person approving a request that is bound to fail.
	if err := pkcePreflight(ar); err != nil {
		p.authorizeError(ctx, w, ar, err)
		return
	}
	p.consentPage(w, r, ar, "")
}

// clientAuthFailed is what Warcraft Logs' authorize page says, with HTTP 401, both for a
// redirect URI that differs from the registered one in any byte and (inferred from the
// server software, league/oauth2-server, which validates the client and its redirect URI
// in one step) for an unknown client id: "invalid_client", "Client authentication failed".
// The person is not sent back, and nothing on the site's page says which of the two it is.
var clientAuthFailed = pageError{Title: "invalid_client", Message: leagueDescriptions["invalid_client"]}

// checkClientAndRedirect checks the request's client and redirect URI as the real sites
// do, returning the status and page to answer with when either is wrong. The pages for
// an unknown client and a redirect URI mismatch look like the real site's (HTTP 401,
// invalid_client, "Client authentication failed"); what was wrong is only in their small
// print, marked as the local provider's.
func (p *Provider) checkClientAndRedirect(r *http.Request) (int, *pageError) {
	id := r.Form.Get("client_id")
	redirect := r.Form.Get("redirect_uri")
	if id == "" {
		return http.StatusBadRequest, &pageError{Title: "Missing client id", Message: "The request has no client_id. The app must send the id of the client registered on this site."}
	}
	c, ok := p.clients[id]
	if !ok {
		pe := clientAuthFailed
		pe.DevHint = fmt.Sprintf("No client is registered with the id %q. Check the client id configured in the app against the site's API clients page.", id)
		pe.Client, pe.Redirect = id, redirect
		return http.StatusUnauthorized, &pe
	}
	if len(r.Form["redirect_uri"]) > 1 {
		return http.StatusBadRequest, &pageError{Title: "Repeated redirect_uri", Message: "The request carries redirect_uri more than once.", Client: id, Registered: c.RedirectURIs}
	}
	if !slices.Contains(c.RedirectURIs, redirect) {
		hint := fmt.Sprintf("Redirect URI mismatch: %q is not registered for client %q.", redirect, id)
		if redirect == "" {
			hint = fmt.Sprintf("Redirect URI mismatch: the request has no redirect_uri; client %q must send one of its registered redirect URIs.", id)
		}
		if len(c.RedirectURIs) == 0 {
			hint += " This client has no redirect URIs registered: add the app's callback address to it."
		} else {
			hint += " The redirect URI registered for this client must be exactly one of those below: scheme, host, port, path and trailing slash all count."
		}
		pe := clientAuthFailed
		pe.DevHint, pe.Client, pe.Redirect, pe.Registered = hint, id, redirect, c.RedirectURIs
		return http.StatusUnauthorized, &pe
	}
	return 0, nil
}

// authorizeError sends err back to the client's redirect URI when fosite has validated it,
// and otherwise shows it on an error page.
func (p *Provider) authorizeError(ctx context.Context, w http.ResponseWriter, ar fosite.AuthorizeRequester, err error) {
	if ar != nil && ar.IsRedirectURIValid() {
		// Always in the query: the clients support no other response mode (fosite
		// refuses fragment and form_post for them), so such a request's error goes back
		// the default way, RFC 6749 §4.1.2.1, with iss like every other response.
		p.redirectError(w, ar, err)
		return
	}
	rfc := fosite.ErrorToRFC6749Error(err)
	p.errorPage(w, rfc.CodeField, pageError{Title: "Invalid authorization request (" + rfc.ErrorField + ")", Message: rfc.GetDescription()})
}

// pkcePreflight applies fosite's PKCE rules (S256 only, challenge required) before the
// consent page, with fosite's own errors.
func pkcePreflight(ar fosite.AuthorizeRequester) error {
	form := ar.GetRequestForm()
	switch {
	case form.Get("code_challenge") == "":
		return fosite.ErrInvalidRequest.WithHint("Clients must include a code_challenge when performing the authorize code flow, but it is missing.")
	case form.Get("code_challenge_method") != "S256":
		return fosite.ErrInvalidRequest.WithHint("Clients must use code_challenge_method=S256, plain is not allowed.")
	}
	return nil
}

// handleConsent applies the consent page's answer: approve as the chosen user, or deny.
func (p *Provider) handleConsent(ctx context.Context, w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester) {
	if !hmac.Equal([]byte(r.PostForm.Get("consent")), []byte(p.consentToken(ar))) {
		p.errorPage(w, http.StatusForbidden, pageError{
			Title:   "Consent form expired or forged",
			Message: "This approval did not come from the consent page shown for this request. Go back to the app and sign in again.",
		})
		return
	}
	switch r.PostForm.Get("decision") {
	case "deny":
		p.authorizeError(ctx, w, ar, fosite.ErrAccessDenied.WithHint("The user denied the request."))
	case "approve":
		u := p.users.byLogin(r.PostForm.Get("user"))
		if u == nil {
			p.consentPage(w, r, ar, "Choose a user to sign in as.")
			return
		}
		p.approve(ctx, w, ar, u)
	default:
		p.consentPage(w, r, ar, "Choose Approve or Deny.")
	}
}

// approve grants the requested scopes to the client on behalf of u and redirects back with
// the code. Every requested scope is granted, as on the real sites' consent page.
func (p *Provider) approve(ctx context.Context, w http.ResponseWriter, ar fosite.AuthorizeRequester, u *user) {
	for _, s := range ar.GetRequestedScopes() {
		ar.GrantScope(s)
	}
	resp, err := p.oauth.NewAuthorizeResponse(ctx, ar, newSession(u, ar.GetClient().GetID()))
	if err != nil {
		p.authorizeError(ctx, w, ar, err)
		return
	}
	p.addIssuer(resp)
	p.oauth.WriteAuthorizeResponse(ctx, w, ar, resp)
}

// consentToken binds a consent form to its request: a page on another origin cannot read
// the consent page (no CORS here), so it cannot learn the token to forge an approval.
func (p *Provider) consentToken(ar fosite.AuthorizeRequester) string {
	f := ar.GetRequestForm()
	m := hmac.New(sha256.New, p.consentKey)
	for _, k := range []string{"client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scope"} {
		fmt.Fprintf(m, "%s=%q\n", k, f.Get(k))
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// scopeDescriptions are shown on the consent page.
var scopeDescriptions = map[string]string{
	ScopeViewUserProfile:    "View your profile: guilds, characters and your rank in each guild.",
	ScopeViewPrivateReports: "View your private reports.",
}

func describeScope(s string) string {
	if d, ok := scopeDescriptions[s]; ok {
		return d
	}
	return s
}
