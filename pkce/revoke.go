package pkce

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Revoke asks the site to revoke t (RFC 7009 §2.1): a form POST of token,
// token_type_hint and client_id, for the refresh token first (revoking it ends
// the whole grant, its access tokens included, on servers that support that,
// §2.1) and then the access token. A server may refuse to revoke access tokens
// (a JWT it cannot recall) with unsupported_token_type (§2.2.1): once the
// refresh token is revoked that is not a failure, since no new access token
// can be had and the one left expires on its own. It is a no-op when the site
// has no revocation endpoint (Provider.RevokeURL == ""), as the Logs sites do
// not. The caller forgets the token whatever the outcome.
func (f *Flow) Revoke(ctx context.Context, t *Token) error {
	if f.cfg.Provider.RevokeURL == "" || t == nil {
		return nil
	}
	refreshRevoked := false
	if t.RefreshToken != "" {
		if err := f.revoke(ctx, t.RefreshToken, "refresh_token"); err != nil {
			return err
		}
		refreshRevoked = true
	}
	if t.AccessToken == "" {
		return nil
	}
	err := f.revoke(ctx, t.AccessToken, "access_token")
	var oe *OAuthError
	if refreshRevoked && errors.As(err, &oe) && oe.Code == "unsupported_token_type" {
		return nil
	}
	return err
}

func (f *Flow) revoke(ctx context.Context, token, hint string) error {
	form := url.Values{"token": {token}, "token_type_hint": {hint}, "client_id": {f.cfg.ClientID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.cfg.Provider.RevokeURL, strings.NewReader(form.Encode()))
	if err != nil {
		return &NetworkError{Endpoint: EndpointRevoke, URL: f.cfg.Provider.RevokeURL, Err: err}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := noRedirectClient(f.httpClient(), EndpointRevoke).Do(req)
	var redirected *RedirectError
	if errors.As(err, &redirected) {
		return redirected
	}
	if err != nil {
		return &NetworkError{Endpoint: EndpointRevoke, URL: f.cfg.Provider.RevokeURL, Err: stripURL(err)}
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	// RFC 7009 §2.2: 200 whether or not the token was valid.
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	if oe := oauthErrorFromBody(body, "", "", ""); oe != nil {
		oe.Status, oe.Endpoint, oe.Site, oe.ClientID, oe.RedirectURI = resp.StatusCode, EndpointRevoke, f.cfg.Provider.Name, f.cfg.ClientID, f.cfg.RedirectURI
		return oe
	}
	return NewResponseError(EndpointRevoke, resp.StatusCode, resp.Header.Get("Content-Type"), body)
}

// stripURL unwraps a *url.Error: its URL is already in NetworkError.URL.
func stripURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
