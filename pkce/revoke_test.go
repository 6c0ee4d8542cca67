package pkce

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
)

// revokeServer is a revocation endpoint (RFC 7009) that records the order of
// the hints it received and refuses access tokens as a server issuing JWT
// access tokens may: unsupported_token_type (§2.2.1).
type revokeServer struct {
	*httptest.Server
	refuseAccess  bool // answer unsupported_token_type for access tokens
	refuseRefresh bool // answer 503 for refresh tokens

	mu    sync.Mutex
	hints []string
}

func newRevokeServer(t *testing.T) *revokeServer {
	rs := &revokeServer{}
	rs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		hint := r.PostForm.Get("token_type_hint")
		rs.mu.Lock()
		rs.hints = append(rs.hints, hint)
		rs.mu.Unlock()
		switch {
		case hint == "access_token" && rs.refuseAccess:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"error":"unsupported_token_type","error_description":"access tokens are JWTs and cannot be revoked"}`))
		case hint == "refresh_token" && rs.refuseRefresh:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"error":"temporarily_unavailable"}`))
		}
	}))
	t.Cleanup(rs.Close)
	return rs
}

func (rs *revokeServer) flow(t *testing.T) *Flow {
	p := Provider{ID: "r", Name: "Revoker", AuthorizeURL: rs.URL + "/authorize", TokenURL: rs.URL + "/token", RevokeURL: rs.URL + "/revoke"}
	f, err := NewFlow(Config{Provider: p, ClientID: "c", RedirectURI: "http://127.0.0.1:1/cb"}, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Revoke sends the refresh token first, then the access token (RFC 7009 §2.1:
// revoking the refresh token ends the grant); a refusal of the access token
// as unsupported_token_type (§2.2.1) after the refresh token was revoked is
// not a failure, but it is when no refresh token was revoked.
func TestRevokeOrderAndUnsupportedTokenType(t *testing.T) {
	both := &Token{AccessToken: "at", RefreshToken: "rt"}
	accessOnly := &Token{AccessToken: "at"}
	for _, c := range []struct {
		name                        string
		tok                         *Token
		refuseAccess, refuseRefresh bool
		hints                       []string
		wantCode                    string // "" = success
	}{
		{"both revoked", both, false, false, []string{"refresh_token", "access_token"}, ""},
		{"access token unsupported after refresh token revoked", both, true, false, []string{"refresh_token", "access_token"}, ""},
		{"access token unsupported, no refresh token", accessOnly, true, false, []string{"access_token"}, "unsupported_token_type"},
		{"refresh token refused: stop there", both, false, true, []string{"refresh_token"}, "temporarily_unavailable"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := newRevokeServer(t)
			rs.refuseAccess, rs.refuseRefresh = c.refuseAccess, c.refuseRefresh
			err := rs.flow(t).Revoke(context.Background(), c.tok)
			var oe *OAuthError
			switch {
			case c.wantCode == "" && err != nil:
				t.Errorf("err = %v, want success", err)
			case c.wantCode != "" && (!errors.As(err, &oe) || oe.Code != c.wantCode || oe.Endpoint != EndpointRevoke):
				t.Errorf("err = %v, want the site's %s", err, c.wantCode)
			}
			if !reflect.DeepEqual(rs.hints, c.hints) {
				t.Errorf("revoked %v, want %v in that order", rs.hints, c.hints)
			}
		})
	}
}
