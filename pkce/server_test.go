package pkce

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// strictServer is an OAuth 2.0 authorization server on 127.0.0.1 that checks what
// a strict server checks of a public PKCE client: exact redirect URI, S256 only,
// the verifier matching the stored challenge, single-use codes, rotating refresh
// tokens, form encoding, and no secret or Authorization header anywhere.
type strictServer struct {
	t   testing.TB
	srv *httptest.Server

	clientID    string
	redirectURI string
	expiresIn   int // seconds; 0 omits expires_in

	mu          sync.Mutex
	codes       map[string]*grant
	refresh     map[string]*grant // live refresh tokens
	spent       map[string]bool   // used refresh tokens
	revoked     map[string]string // token -> hint
	tokenCalls  int
	refreshes   int
	exchanges   int
	refreshWait time.Duration // delay refresh answers, to widen races
	lastForm    url.Values
	next        int
	noRotate    bool            // answer refreshes without a new refresh token
	access      map[string]bool // access tokens the API accepts
	apiCalls    int
	apiBodies   []string
}

type grant struct {
	challenge, redirectURI, scope string
	used                          bool
	user                          int
}

func newStrictServer(t testing.TB) *strictServer {
	s := &strictServer{
		t: t, clientID: "test-client", redirectURI: "http://127.0.0.1:8000/callback", expiresIn: 3600,
		codes: map[string]*grant{}, refresh: map[string]*grant{}, spent: map[string]bool{}, revoked: map[string]string{}, access: map[string]bool{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/oauth/authorize", s.authorize)
	mux.HandleFunc("/oauth/token", s.token)
	mux.HandleFunc("/oauth/revoke", s.revoke)
	mux.HandleFunc("/api/v2/user", s.api)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

// site describes the server as a custom site.
func (s *strictServer) site() Provider {
	site := Provider{ID: "strict", Name: "Strict Test Site",
		AuthorizeURL: s.srv.URL + "/oauth/authorize", TokenURL: s.srv.URL + "/oauth/token", RevokeURL: s.srv.URL + "/oauth/revoke",
		Scopes: []string{"view-user-profile", "view-private-reports"}}
	if err := site.Validate(); err != nil {
		s.t.Fatal(err)
	}
	return site
}

// flow returns a Flow for this server with its own memory store.
func (s *strictServer) flow(now func() time.Time) (*Flow, *MemoryStore) {
	store := NewMemoryStore()
	f, err := NewFlow(Config{Provider: s.site(), ClientID: s.clientID, RedirectURI: s.redirectURI, HTTPClient: s.srv.Client(), Now: now}, store)
	if err != nil {
		s.t.Fatal(err)
	}
	return f, store
}

// approve follows an authorization URL the way a person approving would and
// returns the callback address the site redirects to.
func (s *strictServer) approve(authorizeURL string) string {
	s.t.Helper()
	c := *s.srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Get(authorizeURL)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		s.t.Fatalf("authorize answered %d", resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

func (s *strictServer) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for k, v := range q {
		if len(v) != 1 {
			s.t.Errorf("authorize: %s repeated", k)
		}
	}
	fail := func(msg string) {
		s.t.Errorf("authorize: %s (query %v)", msg, q)
		http.Error(w, msg, http.StatusBadRequest)
	}
	switch {
	case r.Method != http.MethodGet:
		fail("method " + r.Method)
	case q.Get("response_type") != "code":
		fail("response_type")
	case q.Get("client_id") != s.clientID:
		fail("client_id")
	case q.Get("redirect_uri") != s.redirectURI:
		fail("redirect_uri not exact")
	case q.Get("code_challenge_method") != "S256":
		fail("code_challenge_method must be S256")
	case len(q.Get("code_challenge")) != 43:
		fail("code_challenge")
	case len(q.Get("state")) < 43:
		fail("state too short")
	case q.Has("code_verifier") || q.Has("client_secret"):
		fail("secret material in the authorization URL")
	default:
		s.mu.Lock()
		s.next++
		code := fmt.Sprintf("code-%d-%s", s.next, NewState())
		s.codes[code] = &grant{challenge: q.Get("code_challenge"), redirectURI: q.Get("redirect_uri"), scope: q.Get("scope"), user: 7}
		s.mu.Unlock()
		http.Redirect(w, r, s.redirectURI+"?"+url.Values{"code": {code}, "state": {q.Get("state")}}.Encode(), http.StatusFound)
	}
}

func oauthJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func oauthFail(w http.ResponseWriter, status int, code, desc string) {
	oauthJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// checkForm applies the transport rules every endpoint shares and returns the form.
func (s *strictServer) checkForm(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	if r.Method != http.MethodPost {
		oauthFail(w, 405, "invalid_request", "POST only")
		s.t.Errorf("%s: method %s", r.URL.Path, r.Method)
		return nil, false
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		s.t.Errorf("%s: content type %q", r.URL.Path, ct)
	}
	if h := r.Header.Get("Authorization"); h != "" {
		s.t.Errorf("%s: Authorization header sent by a public client: %q", r.URL.Path, h)
	}
	if r.URL.RawQuery != "" {
		s.t.Errorf("%s: parameters in the query string: %q", r.URL.Path, r.URL.RawQuery)
	}
	if err := r.ParseForm(); err != nil {
		s.t.Errorf("%s: form: %v", r.URL.Path, err)
		return nil, false
	}
	f := r.PostForm
	for k, v := range f {
		if len(v) != 1 {
			s.t.Errorf("%s: %s repeated", r.URL.Path, k)
		}
	}
	if f.Has("client_secret") {
		s.t.Errorf("%s: client_secret sent", r.URL.Path)
	}
	if f.Get("client_id") != s.clientID {
		oauthFail(w, 401, "invalid_client", "Client authentication failed")
		return nil, false
	}
	return f, true
}

func (s *strictServer) token(w http.ResponseWriter, r *http.Request) {
	f, ok := s.checkForm(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	s.tokenCalls++
	s.lastForm = f
	s.mu.Unlock()
	switch f.Get("grant_type") {
	case "authorization_code":
		s.exchange(w, f)
	case "refresh_token":
		if d := s.refreshWait; d > 0 {
			time.Sleep(d)
		}
		s.refreshToken(w, f)
	default:
		oauthFail(w, 400, "unsupported_grant_type", f.Get("grant_type"))
	}
}

func (s *strictServer) exchange(w http.ResponseWriter, f url.Values) {
	for _, k := range []string{"code", "redirect_uri", "code_verifier"} {
		if !f.Has(k) {
			s.t.Errorf("token: %s missing", k)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exchanges++
	g := s.codes[f.Get("code")]
	switch {
	case g == nil:
		oauthFail(w, 400, "invalid_grant", "The authorization code is invalid.")
	case g.used:
		oauthFail(w, 400, "invalid_grant", "The authorization code has already been used.")
	case f.Get("redirect_uri") != g.redirectURI:
		g.used = true
		oauthFail(w, 400, "invalid_grant", "redirect_uri does not match")
	case CheckVerifier(f.Get("code_verifier")) != nil || s256(f.Get("code_verifier")) != g.challenge:
		g.used = true // a wrong verifier burns the code
		oauthJSON(w, 400, map[string]string{"error": "invalid_grant", "error_description": "The provided authorization grant is invalid.", "hint": "Failed to verify `code_verifier`."})
	default:
		g.used = true
		s.issue(w, g, true)
	}
}

func (s *strictServer) refreshToken(w http.ResponseWriter, f url.Values) {
	for _, k := range []string{"code", "redirect_uri", "code_verifier", "scope"} {
		if f.Has(k) {
			s.t.Errorf("refresh: unexpected %s", k)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refreshes++
	rt := f.Get("refresh_token")
	g := s.refresh[rt]
	if g == nil {
		if s.spent[rt] {
			s.t.Logf("refresh token spent twice")
		}
		oauthFail(w, 400, "invalid_grant", "The refresh token is invalid.")
		return
	}
	if !s.noRotate {
		delete(s.refresh, rt)
		s.spent[rt] = true
	}
	s.issue(w, g, !s.noRotate)
}

// issue answers with a JWT access token and a new refresh token. mu is held.
func (s *strictServer) issue(w http.ResponseWriter, g *grant, withRefresh bool) {
	s.next++
	now := time.Now()
	claims := map[string]any{"sub": fmt.Sprint(g.user), "jti": s.next, "exp": now.Add(time.Hour).Unix(), "scopes": strings.Fields(g.scope)}
	access := testJWT(claims)
	s.access[access] = true
	body := map[string]any{"token_type": "Bearer", "access_token": access}
	if withRefresh {
		refresh := fmt.Sprintf("refresh-%d-%s", s.next, NewState())
		s.refresh[refresh] = g
		body["refresh_token"] = refresh
	}
	if s.expiresIn != 0 {
		body["expires_in"] = s.expiresIn
	}
	oauthJSON(w, 200, body)
}

func (s *strictServer) revoke(w http.ResponseWriter, r *http.Request) {
	f, ok := s.checkForm(w, r)
	if !ok {
		return
	}
	if !f.Has("token") || !f.Has("token_type_hint") {
		s.t.Errorf("revoke: token and token_type_hint required, got %v", f)
	}
	s.mu.Lock()
	s.revoked[f.Get("token")] = f.Get("token_type_hint")
	delete(s.refresh, f.Get("token"))
	delete(s.access, f.Get("token"))
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// api answers like /api/v2/user: 401 {"error":"Unauthenticated."} unless the
// Bearer token is one the server issued and has not revoked.
func (s *strictServer) api(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	s.apiCalls++
	s.apiBodies = append(s.apiBodies, string(body))
	valid := ok && s.access[tok]
	s.mu.Unlock()
	if !valid {
		oauthJSON(w, 401, map[string]string{"error": "Unauthenticated."})
		return
	}
	oauthJSON(w, 200, map[string]any{"data": map[string]any{"echo": string(body)}})
}

// forgetAccess makes the API reject every access token issued so far, as after a
// server-side revocation the client does not know about.
func (s *strictServer) forgetAccess() {
	s.mu.Lock()
	s.access = map[string]bool{}
	s.mu.Unlock()
}

// counts returns the refresh and API call counts.
func (s *strictServer) counts() (refreshes, apiCalls int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes, s.apiCalls
}

func s256(v string) string {
	sum := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// testJWT makes an unsigned-looking JWS compact token with the given claims.
func testJWT(claims map[string]any) string {
	enc := base64.RawURLEncoding
	head, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT"})
	body, _ := json.Marshal(claims)
	return enc.EncodeToString(head) + "." + enc.EncodeToString(body) + "." + enc.EncodeToString([]byte("signature"))
}
