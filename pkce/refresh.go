package pkce

import (
	"context"
	"errors"
	"time"

	"golang.org/x/oauth2"
)

// Refresh exchanges t's refresh token for a new token (RFC 6749 §6): a form POST of
// grant_type=refresh_token, refresh_token and client_id only. When the site rotates
// refresh tokens the new one is kept; when it sends none, t's is kept. Failures that
// only a new sign-in fixes (invalid_grant, invalid_request, invalid_client, no
// refresh token) satisfy errors.Is(err, ErrSignInAgain).
func (f *Flow) Refresh(ctx context.Context, t *Token) (*Token, error) {
	if t == nil || t.RefreshToken == "" {
		return nil, needsSignIn(ErrNoRefreshToken)
	}
	if t.SiteID != f.cfg.Provider.ID || t.ClientID != f.cfg.ClientID {
		return nil, needsSignIn(detail(ErrSiteMismatch, "the session is for site %q, client %q", clip(t.SiteID, 64), clip(t.ClientID, 64)))
	}
	// An expired, empty x/oauth2 token makes its refresher run exactly once. It sends
	// no redirect_uri and no scope, and keeps the old refresh token if none rotated in.
	old := &oauth2.Token{RefreshToken: t.RefreshToken, Expiry: time.Unix(1, 0)}
	nt, err := f.callTokenEndpoint(ctx, tokenCall{grant: "refresh_token"},
		func(ctx context.Context) (*oauth2.Token, error) {
			return f.oauth2Config("").TokenSource(ctx, old).Token()
		})
	if err != nil {
		var oe *OAuthError
		if errors.As(err, &oe) && isSignInAgainCode(oe.Code) {
			return nil, needsSignIn(err)
		}
		return nil, err
	}
	if nt.RefreshToken == "" {
		nt.RefreshToken = t.RefreshToken
	}
	if nt.Subject == "" {
		nt.Subject = t.Subject
	}
	if nt.Scopes == nil {
		nt.Scopes = append([]string(nil), t.Scopes...)
	}
	return nt, nil
}
