//go:build !js

package oidcprovider

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

const (
	appOrigin   = "http://127.0.0.1:8000"
	redirectURI = appOrigin + "/callback"
)

func start(t *testing.T) *Server {
	t.Helper()
	s, err := Start(Options{AppOrigins: []string{appOrigin}, RedirectURIs: []string{redirectURI}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func config(s *Server) *oauth2.Config {
	return &oauth2.Config{
		ClientID:    s.ClientID(),
		RedirectURL: redirectURI,
		Scopes:      []string{"offline_access", "view-user-profile"},
		Endpoint:    oauth2.Endpoint{AuthURL: s.AuthorizeURL(), TokenURL: s.TokenURL(), AuthStyle: oauth2.AuthStyleInParams},
	}
}

var noRedirects = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// authorize follows the server's redirects from the authorization URL to the
// app's redirect URI and returns that address.
func authorize(t *testing.T, authURL string) *url.URL {
	t.Helper()
	next := authURL
	for range 5 {
		res, err := noRedirects.Get(next)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if loc == "" {
			t.Fatalf("GET %s answered %d without a redirect", next, res.StatusCode)
		}
		if strings.HasPrefix(loc, redirectURI) {
			u, _ := url.Parse(loc)
			return u
		}
		next = loc
	}
	t.Fatal("too many redirects")
	return nil
}

// signIn runs the authorization code grant with PKCE S256.
func signIn(t *testing.T, s *Server) *oauth2.Token {
	t.Helper()
	c := config(s)
	verifier := oauth2.GenerateVerifier()
	cb := authorize(t, c.AuthCodeURL("st", oauth2.S256ChallengeOption(verifier)))
	if cb.Query().Get("state") != "st" || cb.Query().Get("iss") != s.URL {
		t.Fatalf("callback %s: want state st and iss %s (RFC 9207)", cb, s.URL)
	}
	tok, err := c.Exchange(context.Background(), cb.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" || strings.Count(tok.AccessToken, ".") != 2 {
		t.Fatalf("token %+v: want a JWT access token and a refresh token", tok)
	}
	return tok
}

func refresh(s *Server, refreshToken string) (*oauth2.Token, error) {
	return config(s).TokenSource(context.Background(), &oauth2.Token{RefreshToken: refreshToken, Expiry: time.Now().Add(-time.Hour)}).Token()
}

func apiStatus(t *testing.T, s *Server, accessToken string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.APIURL(), strings.NewReader(`{"query":"{ userData { currentUser { id name } } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+accessToken)
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusOK {
		var body struct {
			Data struct {
				UserData struct{ CurrentUser struct{ Name string } }
			}
		}
		json.NewDecoder(res.Body).Decode(&body)
		if body.Data.UserData.CurrentUser.Name != "Alice" {
			t.Errorf("the API answered for %q, want Alice", body.Data.UserData.CurrentUser.Name)
		}
	}
	return res.StatusCode
}

func TestSignInRefreshRotatesAndTheAPIAnswers(t *testing.T) {
	s := start(t)
	tok := signIn(t, s)
	if got := apiStatus(t, s, tok.AccessToken); got != http.StatusOK {
		t.Fatalf("API with a fresh token: %d", got)
	}
	next, err := refresh(s, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if next.RefreshToken == "" || next.RefreshToken == tok.RefreshToken {
		t.Fatal("the refresh token did not rotate")
	}
	if got := apiStatus(t, s, next.AccessToken); got != http.StatusOK {
		t.Fatalf("API with the refreshed token: %d", got)
	}
	if len(s.Reused()) != 0 || len(s.Revocations()) != 0 {
		t.Fatalf("reused %v, revocations %v", s.Reused(), s.Revocations())
	}
	reqs := s.TokenRequests()
	for _, r := range reqs {
		if r.HasSecret || r.ClientID != DefaultClientID || r.Status != http.StatusOK {
			t.Errorf("token request %+v", r)
		}
	}
	if len(reqs) != 2 || reqs[0].Issued != tok.RefreshToken || reqs[1].RefreshToken != tok.RefreshToken || reqs[1].Issued != next.RefreshToken {
		t.Errorf("the record does not follow the rotation: %+v", reqs)
	}
	if api := s.APIRequests(); len(api) != 2 || api[1].Bearer != next.AccessToken {
		t.Errorf("API record %+v", api)
	}
}

// Presenting a spent refresh token revokes the whole grant: the tokens the
// legitimate rotation just issued die too.
func TestRefreshTokenReuseRevokesTheGrant(t *testing.T) {
	s := start(t)
	tok := signIn(t, s)
	next, err := refresh(s, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := refresh(s, tok.RefreshToken); err == nil {
		t.Fatal("a spent refresh token was accepted")
	}
	if _, err := refresh(s, next.RefreshToken); err == nil {
		t.Fatal("the grant survived the reuse of a spent refresh token")
	}
	if got := apiStatus(t, s, next.AccessToken); got != http.StatusUnauthorized {
		t.Fatalf("API after reuse: %d, want 401", got)
	}
	if n := s.Reused()[tok.RefreshToken]; n != 2 {
		t.Errorf("Reused() = %v, want the first refresh token twice", s.Reused())
	}
	if rv := s.Revocations(); len(rv) != 1 || rv[0].Reason != "refresh token reuse" {
		t.Errorf("revocations %+v", rv)
	}
}

// Of concurrent refreshes with one token exactly one succeeds.
func TestConcurrentRefreshesSpendOnce(t *testing.T) {
	s := start(t)
	tok := signIn(t, s)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := refresh(s, tok.RefreshToken); err == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if ok != 1 {
		t.Fatalf("%d of 4 concurrent refreshes succeeded, want 1", ok)
	}
	if len(s.Revocations()) != 1 {
		t.Errorf("revocations %+v, want the grant revoked for the replays", s.Revocations())
	}
}

func TestPKCES256AndTheExactRedirectURIAreRequired(t *testing.T) {
	s := start(t)
	c := config(s)
	// No challenge: an error redirected to the app, with iss.
	cb := authorize(t, c.AuthCodeURL("st"))
	if cb.Query().Get("error") != "invalid_request" || !strings.Contains(cb.Query().Get("error_description"), "S256") || cb.Query().Get("iss") != s.URL {
		t.Errorf("without PKCE: %s", cb)
	}
	// The plain method.
	cb = authorize(t, c.AuthCodeURL("st", oauth2.SetAuthURLParam("code_challenge", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr"), oauth2.SetAuthURLParam("code_challenge_method", "plain")))
	if cb.Query().Get("error") == "" {
		t.Errorf("plain PKCE accepted: %s", cb)
	}
	// A redirect URI that differs by a trailing slash is not followed.
	c.RedirectURL = redirectURI + "/"
	res, err := noRedirects.Get(c.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); strings.HasPrefix(loc, appOrigin) {
		t.Errorf("an unregistered redirect URI was used: %s", loc)
	}
	// A wrong verifier.
	c = config(s)
	cb = authorize(t, c.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if _, err := c.Exchange(context.Background(), cb.Query().Get("code"), oauth2.VerifierOption(oauth2.GenerateVerifier())); err == nil {
		t.Error("a wrong code verifier was accepted")
	}
}

func TestRevokingTheRefreshTokenEndsTheGrant(t *testing.T) {
	s := start(t)
	tok := signIn(t, s)
	res, err := http.PostForm(s.RevokeURL(), url.Values{"token": {tok.RefreshToken}, "token_type_hint": {"refresh_token"}, "client_id": {DefaultClientID}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("revocation answered %d", res.StatusCode)
	}
	if got := apiStatus(t, s, tok.AccessToken); got != http.StatusUnauthorized {
		t.Errorf("API after revocation: %d, want 401", got)
	}
	if _, err := refresh(s, tok.RefreshToken); err == nil {
		t.Error("a revoked refresh token still refreshes")
	}
}

func TestCORSAllowsOnlyTheAppsOrigin(t *testing.T) {
	s := start(t)
	for _, u := range []string{s.TokenURL(), s.RevokeURL(), s.APIURL()} {
		for origin, allowed := range map[string]bool{appOrigin: true, "http://127.0.0.1:9999": false} {
			req, _ := http.NewRequest(http.MethodOptions, u, nil)
			req.Header.Set("Origin", origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
			res, err := noRedirects.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if got := res.Header.Get("Access-Control-Allow-Origin") == origin; got != allowed {
				t.Errorf("preflight %s from %s: Access-Control-Allow-Origin %q", u, origin, res.Header.Get("Access-Control-Allow-Origin"))
			}
		}
	}
}

func TestRefreshHoldAnswersLate(t *testing.T) {
	s := start(t)
	tok := signIn(t, s)
	s.SetRefreshHold(700*time.Millisecond, 1)
	begin := time.Now()
	if _, err := refresh(s, tok.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(begin); d < 700*time.Millisecond {
		t.Fatalf("the held refresh answered after %v", d)
	}
	// The token was spent before the answer: the hold is after the effect.
	if r := s.Refreshes(); len(r) != 1 || r[0].Time.Sub(begin) > 500*time.Millisecond {
		t.Fatalf("refreshes %+v", r)
	}
}
