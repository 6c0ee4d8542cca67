//go:build !js

package provider

import (
	"errors"
	"net/http"
	"time"

	"github.com/ory/fosite"
)

// handleToken is the token endpoint (RFC 6749 §3.2): the authorization code grant with the
// PKCE verifier (RFC 7636 §4.5) and the refresh token grant (§6), for public clients that
// send client_id and no secret. Refresh tokens rotate: each use returns a new one and spends
// the old; reusing a spent one revokes the whole family.
func (p *Provider) handleToken(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ar, err := p.oauth.NewAccessRequest(ctx, r, &session{})
	if err != nil {
		writeTokenError(w, unknownCodeHint(r, err))
		return
	}
	resp, err := p.oauth.NewAccessResponse(ctx, ar)
	if err != nil {
		writeTokenError(w, err)
		return
	}
	// Shaped like the real sites' answer: {"token_type":"Bearer","expires_in":…,
	// "access_token":"<JWT>","refresh_token":"…"}, granted scopes only inside the JWT.
	resp.SetTokenType("Bearer")
	if r, ok := resp.(*fosite.AccessResponse); ok {
		delete(r.Extra, "scope")
		// fosite truncates expires_in (3599 for an hour); the JWT's exp is whole seconds,
		// so rounding gives the lifetime the real sites report.
		if exp := ar.GetSession().GetExpiresAt(fosite.AccessToken); !exp.IsZero() {
			r.SetExpiresIn(time.Until(exp).Round(time.Second))
		}
	}
	p.oauth.WriteAccessResponse(ctx, w, ar, resp)
}

// unknownCodeHint gives an authorization code the provider never issued (or no longer
// knows) the hint Warcraft Logs sends with its invalid_grant: "Cannot validate the
// provided authorization code". An unknown client id stays invalid_client (HTTP 401), as
// there. So one token request with a made-up code tells a wrong client id from a wrong
// redirect URI, which is what the app's "Check this client" relies on.
func unknownCodeHint(r *http.Request, err error) error {
	rfc := fosite.ErrorToRFC6749Error(err)
	if r.PostForm.Get("grant_type") != "authorization_code" || rfc.ErrorField != fosite.ErrInvalidGrant.ErrorField || rfc.HintField != "" {
		return err
	}
	return rfc.WithHint("Cannot validate the provided authorization code.")
}

// handleRevoke is the revocation endpoint (RFC 7009 §2). Revoking either token of a grant
// revokes both, so the API refuses the access token at once.
func (p *Provider) handleRevoke(w http.ResponseWriter, r *http.Request) {
	err := p.oauth.NewRevocationRequest(r.Context(), r)
	// As fosite's WriteRevocationResponse: only a malformed request or an unknown client is
	// an error; any other outcome, such as a token of another client, answers 200
	// (RFC 7009 §2.2).
	if errors.Is(err, fosite.ErrInvalidRequest) || errors.Is(err, fosite.ErrInvalidClient) {
		writeTokenError(w, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}
