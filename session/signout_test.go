package session

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// Sign-out says exactly what happened, in each of the three cases: revoked at
// the site; the site cannot revoke, so the token is only forgotten here, valid
// until a date, with where to end it; revoking failed, why, and the same.
func TestSignOutResultMessage(t *testing.T) {
	wcl, _ := sites.Lookup("warcraftlogs")
	custom, err := sites.Custom{ID: "corp", Name: "Corp SSO", Game: sites.GameWarcraft,
		AuthorizeURL: "https://auth.corp.example/oauth/authorize", TokenURL: "https://auth.corp.example/oauth/token",
		RevokeURL: "https://auth.corp.example/oauth/revoke", APIURL: "https://api.corp.example/graphql"}.Site()
	if err != nil {
		t.Fatal(err)
	}
	expiry := time.Date(2027, 3, 4, 23, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		res     SignOutResult
		want    []string
		wantNot []string
	}{
		{"revoked", SignOutResult{Site: custom, CanRevoke: true, Revoked: true, Expiry: expiry},
			[]string{"Signed out, and the session was revoked at Corp SSO."}, []string{"valid until", "failed"}},
		{"site cannot revoke", SignOutResult{Site: wcl, Expiry: expiry},
			[]string{"Signed out: the token is forgotten in this browser.", "Warcraft Logs cannot revoke tokens",
				"stays valid until 4 March 2027", "remove this app's access in your account at https://www.warcraftlogs.com."},
			[]string{"revoked at", "failed"}},
		{"site cannot revoke, expiry unknown", SignOutResult{Site: wcl},
			[]string{"stays valid until it expires;"}, []string{"0001"}},
		{"revoke failed: the site's error", SignOutResult{Site: custom, CanRevoke: true, Expiry: expiry,
			RevokeErr: &pkce.OAuthError{Code: "temporarily_unavailable", Description: "Down for maintenance.", Status: 503, Endpoint: pkce.EndpointRevoke}},
			[]string{"Signed out: the token is forgotten in this browser, but revoking it at Corp SSO failed",
				"(it answered temporarily_unavailable: Down for maintenance, HTTP 503)", "may stay valid until 4 March 2027",
				"remove this app's access in your account at https://auth.corp.example."},
			[]string{"try again", "sign in again", "revoked at"}},
		{"revoke failed: unreachable", SignOutResult{Site: custom, CanRevoke: true, Expiry: expiry,
			RevokeErr: &pkce.NetworkError{Endpoint: pkce.EndpointRevoke, URL: custom.RevokeURL, Err: errors.New("TypeError: Failed to fetch")}},
			[]string{"revoking it at Corp SSO failed (it could not be reached)"}, []string{"CORS", "Failed to fetch"}},
		{"revoke failed: redirected", SignOutResult{Site: custom, CanRevoke: true,
			RevokeErr: &pkce.RedirectError{Endpoint: pkce.EndpointRevoke, URL: custom.RevokeURL, Location: "https://evil.example/"}},
			[]string{"(it answered with a redirect, which this app never follows)", "valid until it expires"}, []string{"evil.example"}},
		{"revoke failed: timeout", SignOutResult{Site: custom, CanRevoke: true, RevokeErr: context.DeadlineExceeded},
			[]string{"(it did not answer in time)"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			msg := c.res.Message()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q\n  lacks %q", msg, w)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(msg, w) {
					t.Errorf("%q\n  says %q", msg, w)
				}
			}
			if strings.Contains(msg, "..") || strings.Contains(msg, ". .") {
				t.Errorf("%q: doubled punctuation", msg)
			}
		})
	}
}
