//go:build !js

package provider

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// localFlow is the app's sign-in flow against s, through the pkce package.
func localFlow(t *testing.T, s *Server) *pkce.Flow {
	t.Helper()
	site, err := sites.Custom{ID: "local", Name: "Local provider", Game: sites.GameWarcraft, AuthorizeURL: s.AuthorizeURL(), TokenURL: s.TokenURL(), RevokeURL: s.RevokeURL(), APIURL: s.APIURL(), Scopes: AllScopes}.Site()
	if err != nil {
		t.Fatal(err)
	}
	flow, err := pkce.NewFlow(pkce.Config{Provider: site.Provider, ClientID: DefaultClientID, RedirectURI: testRedirect}, pkce.NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	return flow
}

// The whole sign-in through the pkce package, as the app runs it, and what the provider
// saw on the wire.
func TestPKCEFlowThroughPkcePackage(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	flow := localFlow(t, s)
	authURL, err := flow.Start("/reports")
	if err != nil {
		t.Fatal(err)
	}
	resp := get(t, authURL)
	callback := resp.Header.Get("Location")
	if !strings.HasPrefix(callback, testRedirect+"?") {
		t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, callback)
	}
	ctx := context.Background()
	res, err := flow.Finish(ctx, callback)
	if err != nil {
		t.Fatal(err)
	}
	tok := res.Token
	if tok.Subject != "1" || !tok.HasScope(ScopeViewUserProfile) || !tok.HasScope(ScopeViewPrivateReports) || tok.RefreshToken == "" {
		t.Fatalf("token: sub %q scopes %v refresh %t", tok.Subject, tok.Scopes, tok.RefreshToken != "")
	}
	if d := time.Until(tok.Expiry); d < 59*time.Minute || d > 61*time.Minute {
		t.Fatalf("expiry in %v, want about an hour", d)
	}

	// Only the challenge left at sign-in; the verifier and no secret at the exchange.
	auths := s.RequestsTo(EndpointAuthorize)
	if len(auths) != 1 {
		t.Fatalf("%d authorize requests", len(auths))
	}
	aq := auths[0].Query
	if aq.Get("code_challenge") == "" || aq.Get("code_challenge_method") != "S256" || aq.Has("code_verifier") || aq.Has("client_secret") {
		t.Fatalf("authorize request carried %v", aq)
	}
	toks := s.RequestsTo(EndpointToken)
	if len(toks) != 1 {
		t.Fatalf("%d token requests", len(toks))
	}
	tf := toks[0].Form
	if s256(tf.Get("code_verifier")) != aq.Get("code_challenge") {
		t.Fatalf("token request verifier %q does not match the challenge %q", tf.Get("code_verifier"), aq.Get("code_challenge"))
	}
	if tf.Has("client_secret") || toks[0].Header.Get("Authorization") != "" || tf.Get("client_id") != DefaultClientID {
		t.Fatalf("token request: form %v, Authorization %q", tf, toks[0].Header.Get("Authorization"))
	}
	if toks[0].Status != http.StatusOK {
		t.Fatalf("token request recorded status %d", toks[0].Status)
	}

	// The token works on the API.
	status, m, _ := gql(t, s, tok.AccessToken, `{ userData { currentUser { id name } } }`, nil)
	if status != 200 || dig(m, "data", "userData", "currentUser", "name") != "Alice" {
		t.Fatalf("API: %d %v", status, m)
	}

	// Refresh rotates: a new pair, and the spent refresh token is refused.
	fresh, err := flow.Refresh(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if fresh.RefreshToken == "" || fresh.RefreshToken == tok.RefreshToken || fresh.AccessToken == tok.AccessToken {
		t.Fatal("refresh did not rotate both tokens")
	}
	if _, err := flow.Refresh(ctx, tok); err == nil {
		t.Fatal("the spent refresh token was accepted")
	}
	last := s.RequestsTo(EndpointToken)
	if got := last[len(last)-1]; got.Status != http.StatusBadRequest || got.Form.Get("grant_type") != "refresh_token" {
		t.Fatalf("replayed refresh: recorded %d %v", got.Status, got.Form)
	}

	// Sign-out revokes: the API refuses the access token at once.
	if err := flow.Revoke(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	if status, m, _ := gql(t, s, fresh.AccessToken, `{ rateLimitData { limitPerHour } }`, nil); status != 401 || m["error"] != "Unauthenticated." {
		t.Fatalf("after revocation: %d %v", status, m)
	}
}

func TestTokenResponseShape(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserBob, AccessTokenTTL: 5 * time.Minute})
	r := signIn(t, s, ScopeViewUserProfile)
	if r.TokenType != "Bearer" || !secondsLeft(r.ExpiresIn, 300) || r.RefreshToken == "" || r.Scope != nil {
		t.Fatalf("token response: type %q expires_in %v refresh %t scope %v", r.TokenType, r.ExpiresIn, r.RefreshToken != "", r.Scope)
	}
	if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
		t.Fatalf("Cache-Control %q", cc)
	}
	claims := jwtPayload(t, r.AccessToken)
	if claims["sub"] != "2" || claims["aud"] != DefaultClientID {
		t.Fatalf("claims %v", claims)
	}
	scopes, _ := claims["scopes"].([]any)
	if len(scopes) != 1 || scopes[0] != ScopeViewUserProfile {
		t.Fatalf("scopes claim %v", claims["scopes"])
	}
	exp, _ := claims["exp"].(float64)
	if d := time.Until(time.Unix(int64(exp), 0)); d < 4*time.Minute || d > 6*time.Minute {
		t.Fatalf("exp in %v, want 5m", d)
	}
	// No scope requested: a token with an empty scopes array, still with a refresh token.
	r = signIn(t, s)
	if sc, ok := jwtPayload(t, r.AccessToken)["scopes"].([]any); !ok || len(sc) != 0 || r.RefreshToken == "" {
		t.Fatalf("no-scope token: scopes %v refresh %t", jwtPayload(t, r.AccessToken)["scopes"], r.RefreshToken != "")
	}
	// SetAccessTokenTTL applies to the next token.
	s.SetAccessTokenTTL(90 * time.Second)
	if r = signIn(t, s); !secondsLeft(r.ExpiresIn, 90) {
		t.Fatalf("expires_in %v after SetAccessTokenTTL(90s)", r.ExpiresIn)
	}
}

// secondsLeft reports whether expires_in is what a token of ttl seconds
// has left when the response is written: fosite counts whole seconds from
// the token's expiry, so a second boundary passed since it was made takes
// one off (runs on a loaded 2-core machine answered 89 for 90).
func secondsLeft(expiresIn, ttl float64) bool { return expiresIn == ttl || expiresIn == ttl-1 }

// With AutoApprove the consent page's PKCE preflight is skipped, so these rejections are
// fosite's own.
func TestAuthorizeRejectionsRedirectWithError(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	tests := []struct {
		name   string
		change func(url.Values)
		code   string
	}{
		{"no challenge", func(q url.Values) { q.Del("code_challenge"); q.Del("code_challenge_method") }, "invalid_request"},
		{"plain method", func(q url.Values) { q.Set("code_challenge_method", "plain"); q.Set("code_challenge", testVerifier) }, "invalid_request"},
		{"no method (means plain)", func(q url.Values) { q.Del("code_challenge_method") }, "invalid_request"},
		{"unknown method", func(q url.Values) { q.Set("code_challenge_method", "S512") }, "invalid_request"},
		{"short state", func(q url.Values) { q.Set("state", "abc") }, "invalid_state"},
		{"unknown scope", func(q url.Values) { q.Set("scope", "view-user-profile admin") }, "invalid_scope"},
		{"token response type", func(q url.Values) { q.Set("response_type", "token") }, "unsupported_response_type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := authorizeParams(ScopeViewUserProfile)
			tc.change(q)
			got := redirectParams(t, get(t, s.AuthorizeURL()+"?"+q.Encode()))
			if got.Get("error") != tc.code || got.Has("code") {
				t.Fatalf("redirect carried %v, want error=%s", got, tc.code)
			}
			if tc.code != "invalid_state" && got.Get("state") != q.Get("state") {
				t.Fatalf("state %q not echoed", q.Get("state"))
			}
			// The real sites' shape: a fixed description, a hint, and message = description.
			if got.Get("error_description") == "" || got.Get("message") != got.Get("error_description") {
				t.Fatalf("error shape %v", got)
			}
		})
	}
}

// A wrong client or redirect URI is refused on the provider's own page, never by
// redirecting. An unknown client id or a redirect URI that differs in any byte gets
// what Warcraft Logs answers (HTTP 401, invalid_client, "Client authentication
// failed"), with what was wrong only in the local provider's small print.
func TestAuthorizeBadClientOrRedirectShowsPage(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	tests := []struct {
		name   string
		change func(url.Values)
		status int
		want   string // in the developer's small print, or the page for a 400
	}{
		{"unknown client", func(q url.Values) { q.Set("client_id", "someone-else") }, 401, "No client is registered"},
		{"missing client", func(q url.Values) { q.Del("client_id") }, 400, "Missing client id"},
		// fosite alone would accept this (any loopback port, RFC 8252 §7.3); the real sites do not.
		{"other loopback port", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:9999/callback") }, 401, testRedirect},
		{"trailing slash", func(q url.Values) { q.Set("redirect_uri", testRedirect+"/") }, 401, "trailing slash"},
		{"localhost for 127.0.0.1", func(q url.Values) { q.Set("redirect_uri", "http://localhost:8000/callback") }, 401, "Redirect URI mismatch"},
		{"missing redirect", func(q url.Values) { q.Del("redirect_uri") }, 401, "has no redirect_uri"},
		{"attacker redirect", func(q url.Values) { q.Set("redirect_uri", "https://evil.example/callback") }, 401, "Redirect URI mismatch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := authorizeParams(ScopeViewUserProfile)
			tc.change(q)
			resp := get(t, s.AuthorizeURL()+"?"+q.Encode())
			page := body(t, resp)
			if resp.StatusCode != tc.status || resp.Header.Get("Location") != "" {
				t.Fatalf("status %d Location %q, want %d and no redirect", resp.StatusCode, resp.Header.Get("Location"), tc.status)
			}
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(page, `data-testid="provider-error"`) || !strings.Contains(page, tc.want) {
				t.Fatalf("error page lacks %q:\n%s", tc.want, page)
			}
			if tc.status != http.StatusUnauthorized {
				return
			}
			// As on the real site: the page's own words say nothing of redirect URIs.
			title, message := between(page, `data-testid="provider-error-title">`, "<"), between(page, `data-testid="provider-error-message">`, "<")
			if title != "invalid_client" || message != "Client authentication failed" {
				t.Errorf("page says %q / %q, want invalid_client / Client authentication failed", title, message)
			}
			hint := page[strings.Index(page, `data-testid="provider-dev-hint"`):]
			if !strings.Contains(hint, "Local provider only") || !strings.Contains(hint, tc.want) {
				t.Errorf("the developer's hint is not in the marked small print:\n%s", page)
			}
		})
	}
	if n := len(s.RequestsTo(EndpointToken)); n != 0 {
		t.Fatalf("%d token requests", n)
	}
}

// between is the text of s after the first start, up to the next end.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return s
}

// A made-up code tells a registered client from an unknown one, as on Warcraft Logs:
// invalid_grant ("Cannot validate the provided authorization code") for a registered
// client, invalid_client for an unknown client id; and nothing is issued.
func TestTokenMadeUpCodeTellsClientsApart(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	form := exchangeForm("pkcelogs-check-"+strings.Repeat("x", 32), testVerifier)
	r := token(t, s, form)
	wantOAuthError(t, r, 400, "invalid_grant")
	if r.Hint != "Cannot validate the provided authorization code." || r.AccessToken != "" {
		t.Errorf("registered client: %+v", r)
	}
	form.Set("client_id", "nobody-registered-this")
	r = token(t, s, form)
	wantOAuthError(t, r, 401, "invalid_client")
	if r.ErrorDescription != "Client authentication failed" || r.AccessToken != "" {
		t.Errorf("unknown client: %+v", r)
	}
	// A wrong verifier for a real code keeps fosite's own hint.
	code := authorizeCode(t, s)
	r = token(t, s, exchangeForm(code, strings.Repeat("b", 43)))
	if r.Error != "invalid_grant" || !strings.Contains(r.Hint, "code verifier") {
		t.Errorf("wrong verifier: %+v", r)
	}
}

func TestTokenRejections(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	t.Run("wrong verifier burns the code", func(t *testing.T) {
		code := authorizeCode(t, s)
		wrong := strings.Repeat("a", 43)
		r := token(t, s, exchangeForm(code, wrong))
		wantOAuthError(t, r, 400, "invalid_grant")
		if !strings.Contains(r.Hint, "code verifier") || r.Message != r.ErrorDescription || !strings.Contains(r.ErrorDescription, "authorization grant") {
			t.Fatalf("error body: %+v", r)
		}
		wantOAuthError(t, token(t, s, exchangeForm(code, testVerifier)), 400, "invalid_grant")
	})
	t.Run("missing verifier", func(t *testing.T) {
		code := authorizeCode(t, s)
		wantOAuthError(t, token(t, s, exchangeForm(code, "")), 400, "invalid_grant")
	})
	t.Run("verifier of the wrong shape", func(t *testing.T) {
		code := authorizeCode(t, s)
		wantOAuthError(t, token(t, s, exchangeForm(code, "short")), 400, "invalid_grant")
	})
	t.Run("reused code revokes what it issued", func(t *testing.T) {
		code := authorizeCode(t, s)
		first := token(t, s, exchangeForm(code, testVerifier))
		if first.Status != 200 {
			t.Fatalf("first exchange: %d %s", first.Status, first.Error)
		}
		wantOAuthError(t, token(t, s, exchangeForm(code, testVerifier)), 400, "invalid_grant")
		if status, _, _ := gql(t, s, first.AccessToken, `{ rateLimitData { limitPerHour } }`, nil); status != 401 {
			t.Fatalf("access token from a replayed code: API %d, want 401", status)
		}
		wantOAuthError(t, token(t, s, refreshForm(first.RefreshToken)), 400, "invalid_grant")
	})
	t.Run("redirect_uri differs from the authorize request", func(t *testing.T) {
		f := exchangeForm(authorizeCode(t, s), testVerifier)
		f.Set("redirect_uri", testRedirect+"/")
		wantOAuthError(t, token(t, s, f), 400, "invalid_grant")
	})
	t.Run("unknown client", func(t *testing.T) {
		f := exchangeForm(authorizeCode(t, s), testVerifier)
		f.Set("client_id", "someone-else")
		r := token(t, s, f)
		wantOAuthError(t, r, 401, "invalid_client")
		if r.ErrorDescription != "Client authentication failed" {
			t.Fatalf("invalid_client description %q", r.ErrorDescription)
		}
	})
	t.Run("made-up code", func(t *testing.T) {
		wantOAuthError(t, token(t, s, exchangeForm("ory_ac_made.up", testVerifier)), 400, "invalid_grant")
	})
	t.Run("grant type not offered", func(t *testing.T) {
		// No handler takes the password grant; fosite answers invalid_request, not
		// unsupported_grant_type.
		wantOAuthError(t, token(t, s, url.Values{"grant_type": {"password"}, "client_id": {DefaultClientID}}), 400, "invalid_request")
	})
	t.Run("GET", func(t *testing.T) {
		resp := get(t, s.TokenURL()+"?"+exchangeForm("x", testVerifier).Encode())
		if resp.StatusCode < 400 {
			t.Fatalf("GET token: %d", resp.StatusCode)
		}
	})
}

func TestRefreshRotationAndReuse(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	first := signIn(t, s, AllScopes...)
	second := token(t, s, refreshForm(first.RefreshToken))
	if second.Status != 200 || second.RefreshToken == first.RefreshToken || second.RefreshToken == "" {
		t.Fatalf("refresh: %d %s, rotated %t", second.Status, second.Error, second.RefreshToken != first.RefreshToken)
	}
	if sc := jwtPayload(t, second.AccessToken)["scopes"].([]any); len(sc) != 2 {
		t.Fatalf("refreshed token scopes %v", sc)
	}
	// The access token the refresh replaced is dead; the new one works.
	if status, _, _ := gql(t, s, first.AccessToken, `{ rateLimitData { limitPerHour } }`, nil); status != 401 {
		t.Fatalf("replaced access token: %d", status)
	}
	if status, _, _ := gql(t, s, second.AccessToken, `{ rateLimitData { limitPerHour } }`, nil); status != 200 {
		t.Fatalf("new access token: %d", status)
	}
	// Replaying the spent refresh token fails and revokes the whole family.
	wantOAuthError(t, token(t, s, refreshForm(first.RefreshToken)), 400, "invalid_grant")
	if status, _, _ := gql(t, s, second.AccessToken, `{ rateLimitData { limitPerHour } }`, nil); status != 401 {
		t.Fatalf("after replay the family's access token still works: %d", status)
	}
	wantOAuthError(t, token(t, s, refreshForm(second.RefreshToken)), 400, "invalid_grant")
	// Unknown refresh token; a refresh token for another client.
	wantOAuthError(t, token(t, s, refreshForm("ory_rt_made.up")), 400, "invalid_grant")
}

func TestRefreshTokenForAnotherClient(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice, Clients: []Client{LocalClient(testAppOrigin), {ID: "other", RedirectURIs: []string{testRedirect}}}})
	r := signIn(t, s)
	f := refreshForm(r.RefreshToken)
	f.Set("client_id", "other")
	wantOAuthError(t, token(t, s, f), 400, "invalid_grant")
}

func TestRevocation(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	for _, which := range []string{"access_token", "refresh_token"} {
		t.Run(which, func(t *testing.T) {
			r := signIn(t, s, AllScopes...)
			tok := map[string]string{"access_token": r.AccessToken, "refresh_token": r.RefreshToken}[which]
			resp := postForm(t, s.RevokeURL(), url.Values{"token": {tok}, "token_type_hint": {which}, "client_id": {DefaultClientID}})
			if resp.StatusCode != 200 {
				t.Fatalf("revoke: %d %s", resp.StatusCode, body(t, resp))
			}
			if status, m, _ := gql(t, s, r.AccessToken, `{ rateLimitData { limitPerHour } }`, nil); status != 401 || m["error"] != "Unauthenticated." {
				t.Fatalf("API after revoking the %s: %d %v", which, status, m)
			}
			wantOAuthError(t, token(t, s, refreshForm(r.RefreshToken)), 400, "invalid_grant")
		})
	}
	t.Run("unknown token is fine (RFC 7009 §2.2)", func(t *testing.T) {
		resp := postForm(t, s.RevokeURL(), url.Values{"token": {"nonsense"}, "client_id": {DefaultClientID}})
		if resp.StatusCode != 200 {
			t.Fatalf("revoke unknown: %d", resp.StatusCode)
		}
	})
	t.Run("unknown client", func(t *testing.T) {
		resp := postForm(t, s.RevokeURL(), url.Values{"token": {"nonsense"}, "client_id": {"nobody"}})
		if resp.StatusCode != 401 {
			t.Fatalf("revoke by unknown client: %d", resp.StatusCode)
		}
	})
}

func TestExpiredAccessTokenIsRefused(t *testing.T) {
	t.Parallel()
	s := startProvider(t, Options{AutoApprove: UserAlice, AccessTokenTTL: time.Second})
	r := signIn(t, s, AllScopes...)
	if r.ExpiresIn > 1 {
		t.Fatalf("expires_in %v", r.ExpiresIn)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		status, _, _ := gql(t, s, r.AccessToken, `{ rateLimitData { limitPerHour } }`, nil)
		if status == 401 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the access token still works 5s after a 1s lifetime (%d)", status)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Its refresh token still gets a fresh one.
	if fresh := token(t, s, refreshForm(r.RefreshToken)); fresh.Status != 200 {
		t.Fatalf("refresh after expiry: %d %s", fresh.Status, fresh.Error)
	}
}

func TestConsentPage(t *testing.T) {
	s := startProvider(t, Options{})
	open := func(t *testing.T) (string, string) {
		q := authorizeParams(AllScopes...)
		resp := get(t, s.AuthorizeURL()+"?"+q.Encode())
		page := body(t, resp)
		if resp.StatusCode != 200 || !strings.Contains(page, `data-testid="consent-page"`) {
			t.Fatalf("consent page: %d\n%s", resp.StatusCode, page)
		}
		if resp.Header.Get("X-Frame-Options") != "DENY" || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("consent page headers %v", resp.Header)
		}
		for _, want := range append(slices.Clone(AllScopes), "Alice", "Bob", "Carol", DefaultClientID, testRedirect) {
			if !strings.Contains(page, want) {
				t.Fatalf("consent page lacks %q", want)
			}
		}
		m := consentTokenRE.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no consent token on the page")
		}
		return s.AuthorizeURL() + "?" + q.Encode(), m[1]
	}
	t.Run("approve as bob", func(t *testing.T) {
		action, tok := open(t)
		q := redirectParams(t, postForm(t, action, url.Values{"consent": {tok}, "user": {UserBob}, "decision": {"approve"}}))
		r := token(t, s, exchangeForm(q.Get("code"), testVerifier))
		if r.Status != 200 || jwtPayload(t, r.AccessToken)["sub"] != "2" {
			t.Fatalf("exchange after consent: %d %v", r.Status, r.Error)
		}
	})
	t.Run("deny", func(t *testing.T) {
		action, tok := open(t)
		q := redirectParams(t, postForm(t, action, url.Values{"consent": {tok}, "user": {UserBob}, "decision": {"deny"}}))
		if q.Get("error") != "access_denied" || q.Get("state") != testState || q.Has("code") {
			t.Fatalf("deny redirected with %v", q)
		}
	})
	t.Run("forged approval", func(t *testing.T) {
		action, _ := open(t)
		resp := postForm(t, action, url.Values{"consent": {"forged"}, "user": {UserAlice}, "decision": {"approve"}})
		if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Location") != "" {
			t.Fatalf("forged approval: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("unknown user", func(t *testing.T) {
		action, tok := open(t)
		resp := postForm(t, action, url.Values{"consent": {tok}, "user": {"mallory"}, "decision": {"approve"}})
		if page := body(t, resp); resp.StatusCode != 200 || !strings.Contains(page, "Choose a user") {
			t.Fatalf("unknown user: %d", resp.StatusCode)
		}
	})
	t.Run("no challenge: error before consent", func(t *testing.T) {
		q := authorizeParams(AllScopes...)
		q.Del("code_challenge")
		if got := redirectParams(t, get(t, s.AuthorizeURL()+"?"+q.Encode())); got.Get("error") != "invalid_request" {
			t.Fatalf("got %v", got)
		}
	})
}

func TestExpiredCodeIsRefused(t *testing.T) {
	t.Parallel()
	s := startProvider(t, Options{AutoApprove: UserAlice, CodeTTL: time.Second})
	code := authorizeCode(t, s)
	time.Sleep(1500 * time.Millisecond)
	wantOAuthError(t, token(t, s, exchangeForm(code, testVerifier)), 400, "invalid_grant")
}

// A person who presses Deny: the pkce package reports the site's access_denied.
func TestDenyThroughPkcePackage(t *testing.T) {
	s := startProvider(t, Options{})
	flow := localFlow(t, s)
	authURL, err := flow.Start("/")
	if err != nil {
		t.Fatal(err)
	}
	page := body(t, get(t, authURL))
	m := consentTokenRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no consent form:\n%s", page)
	}
	resp := postForm(t, authURL, url.Values{"consent": {m[1]}, "user": {UserAlice}, "decision": {"deny"}})
	_, err = flow.Finish(context.Background(), resp.Header.Get("Location"))
	var oe *pkce.OAuthError
	if !errors.As(err, &oe) || oe.Code != "access_denied" || oe.Hint == "" {
		t.Fatalf("Finish after Deny: %v", err)
	}
	if n := len(s.RequestsTo(EndpointToken)); n != 0 {
		t.Fatalf("%d token requests after a denial", n)
	}
}

// The provider's pages follow the person's light or dark mode and have an
// icon: the browser's /favicon.ico request no longer ends in a 404.
func TestPagesHaveDarkModeAndAFavicon(t *testing.T) {
	s := startProvider(t, Options{})
	page := body(t, get(t, s.AuthorizeURL()+"?"+authorizeParams(AllScopes...).Encode()))
	for _, want := range []string{"@media (prefers-color-scheme:dark)", `<meta name="color-scheme" content="light dark">`, `<link rel="icon" href="/favicon.ico"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the consent page lacks %q", want)
		}
	}
	base := strings.TrimSuffix(s.AuthorizeURL(), AuthorizePath)
	resp := get(t, base+"/favicon.ico")
	if icon := body(t, resp); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(icon, "<svg") {
		t.Errorf("/favicon.ico: %d %s %.40q", resp.StatusCode, resp.Header.Get("Content-Type"), icon)
	}
}
