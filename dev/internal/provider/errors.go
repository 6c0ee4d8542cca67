//go:build !js

package provider

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/ory/fosite"
)

// The real sites run Laravel Passport, whose OAuth library (league/oauth2-server) answers
// errors with four fields: error, error_description (a fixed text per error code), hint
// (what was wrong this time) and message (a copy of error_description). fosite decides
// which error it is; these functions only give the answer that shape, so clients meet the
// fields they will meet on the real sites.
var leagueDescriptions = map[string]string{
	"invalid_request":        "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.",
	"invalid_client":         "Client authentication failed",
	"invalid_grant":          "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
	"invalid_scope":          "The requested scope is invalid, unknown, or malformed",
	"access_denied":          "The resource owner or authorization server denied the request.",
	"unsupported_grant_type": "The authorization grant type is not supported by the authorization server.",
}

// oauthErrorBody is an OAuth 2.0 error (RFC 6749 §4.1.2.1, §5.2) in the real sites' shape.
type oauthErrorBody struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
	Hint        string `json:"hint,omitempty"`
	Message     string `json:"message"`
}

func shapeError(err error) (*fosite.RFC6749Error, oauthErrorBody) {
	rfc := fosite.ErrorToRFC6749Error(err)
	desc, ok := leagueDescriptions[rfc.ErrorField]
	if !ok {
		desc = rfc.DescriptionField
	}
	// RFC 6749 §5.2 keeps '"' and '\\' out of error texts; fosite's hints use '"'.
	hint := strings.NewReplacer(`"`, "'", `\`, "/").Replace(rfc.HintField)
	return rfc, oauthErrorBody{Error: rfc.ErrorField, Description: desc, Hint: hint, Message: desc}
}

// writeTokenError answers a token or revocation request with err.
func writeTokenError(w http.ResponseWriter, err error) {
	rfc, body := shapeError(err)
	b, _ := json.Marshal(body)
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=UTF-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	if rfc.CodeField == http.StatusUnauthorized {
		// RFC 6749 §5.2: a 401 for client authentication names the scheme.
		h.Set("WWW-Authenticate", `Basic realm="oauth"`)
	}
	w.WriteHeader(rfc.CodeField)
	w.Write(b)
}

// redirectError sends err back to the client's redirect URI in the query, keeping the
// URI's own query, with the state echoed (RFC 6749 §4.1.2.1) and iss (RFC 9207 §2).
func (p *Provider) redirectError(w http.ResponseWriter, ar fosite.AuthorizeRequester, err error) {
	_, body := shapeError(err)
	to := *ar.GetRedirectURI()
	to.Fragment = ""
	q := to.Query()
	q.Set("error", body.Error)
	q.Set("error_description", body.Description)
	if body.Hint != "" {
		q.Set("hint", body.Hint)
	}
	q.Set("message", body.Message)
	if s := ar.GetState(); s != "" {
		q.Set("state", s)
	}
	p.addIssuerTo(q)
	to.RawQuery = q.Encode()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Location", to.String())
	w.WriteHeader(http.StatusSeeOther)
}
