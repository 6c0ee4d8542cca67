//go:build !js

package provider

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

const (
	testAppOrigin = "http://127.0.0.1:8000"
	testRedirect  = testAppOrigin + "/callback"
	// The RFC 7636 Appendix B pair.
	testVerifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	testChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	testState     = "state-0123456789abcdef"
)

// startProvider starts a provider on a free loopback port, signing in as alice without the
// consent page unless the test changes that.
func startProvider(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Clients == nil {
		opts.Clients = []Client{LocalClient(testAppOrigin)}
	}
	if opts.AppOrigins == nil {
		opts.AppOrigins = []string{testAppOrigin}
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// noRedirects is a client that returns redirects instead of following them.
var noRedirects = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// authorizeParams is a valid authorization request for the local client.
func authorizeParams(scopes ...string) url.Values {
	return url.Values{
		"response_type":         {"code"},
		"client_id":             {DefaultClientID},
		"redirect_uri":          {testRedirect},
		"state":                 {testState},
		"code_challenge":        {testChallenge},
		"code_challenge_method": {"S256"},
		"scope":                 {strings.Join(scopes, " ")},
	}
}

func get(t *testing.T, rawURL string) *http.Response {
	t.Helper()
	resp, err := noRedirects.Get(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// redirectParams checks resp redirects to the registered redirect URI and returns the
// query it carries.
func redirectParams(t *testing.T, resp *http.Response) url.Values {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		t.Fatalf("status %d, want a redirect; body: %s", resp.StatusCode, body(t, resp))
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != testRedirect {
		t.Fatalf("redirected to %q, want %q", got, testRedirect)
	}
	return loc.Query()
}

// authorizeCode runs the authorization request (auto-approved) and returns the code.
func authorizeCode(t *testing.T, s *Server, scopes ...string) string {
	t.Helper()
	q := redirectParams(t, get(t, s.AuthorizeURL()+"?"+authorizeParams(scopes...).Encode()))
	if q.Get("error") != "" {
		t.Fatalf("authorize: error=%s (%s)", q.Get("error"), q.Get("error_description"))
	}
	if q.Get("state") != testState {
		t.Fatalf("state %q, want %q", q.Get("state"), testState)
	}
	if q.Get("code") == "" {
		t.Fatalf("no code in %v", q)
	}
	return q.Get("code")
}

// tokenReply is the token endpoint's JSON, success or error.
type tokenReply struct {
	Status           int
	AccessToken      string  `json:"access_token"`
	RefreshToken     string  `json:"refresh_token"`
	TokenType        string  `json:"token_type"`
	ExpiresIn        float64 `json:"expires_in"`
	Scope            *string `json:"scope"`
	Error            string  `json:"error"`
	ErrorDescription string  `json:"error_description"`
	Hint             string  `json:"hint"`
	Message          string  `json:"message"`
	Header           http.Header
}

func postForm(t *testing.T, rawURL string, form url.Values, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, rawURL, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func token(t *testing.T, s *Server, form url.Values) tokenReply {
	t.Helper()
	resp := postForm(t, s.TokenURL(), form)
	var r tokenReply
	raw := body(t, resp)
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatalf("token endpoint answered %d with non-JSON %q", resp.StatusCode, raw)
	}
	r.Status, r.Header = resp.StatusCode, resp.Header
	return r
}

func exchangeForm(code, verifier string) url.Values {
	return url.Values{
		"grant_type":    {"authorization_code"},
		"client_id":     {DefaultClientID},
		"code":          {code},
		"redirect_uri":  {testRedirect},
		"code_verifier": {verifier},
	}
}

func refreshForm(refresh string) url.Values {
	return url.Values{"grant_type": {"refresh_token"}, "client_id": {DefaultClientID}, "refresh_token": {refresh}}
}

// signIn runs the whole flow and returns the token response.
func signIn(t *testing.T, s *Server, scopes ...string) tokenReply {
	t.Helper()
	r := token(t, s, exchangeForm(authorizeCode(t, s, scopes...), testVerifier))
	if r.Status != http.StatusOK || r.AccessToken == "" {
		t.Fatalf("exchange: %d %s %s", r.Status, r.Error, r.ErrorDescription)
	}
	return r
}

func wantOAuthError(t *testing.T, r tokenReply, status int, code string) {
	t.Helper()
	if r.Status != status || r.Error != code {
		t.Fatalf("got %d %q (%s), want %d %q", r.Status, r.Error, r.ErrorDescription, status, code)
	}
}

// jwtPayload decodes (without verifying) the payload of a JWT.
func jwtPayload(t *testing.T, jwt string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("access token %q is not a JWT", jwt)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// gql posts a GraphQL query with bearer and returns the status and decoded body.
func gql(t *testing.T, s *Server, bearer, query string, vars map[string]any) (int, map[string]any, http.Header) {
	t.Helper()
	payload := map[string]any{"query": query}
	if vars != nil {
		payload["variables"] = vars
	}
	b, _ := json.Marshal(payload)
	req, _ := http.NewRequest(http.MethodPost, s.APIURL(), strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("API answered %d with non-JSON %q", resp.StatusCode, raw)
	}
	return resp.StatusCode, m, resp.Header
}

// dig walks a decoded JSON value by object keys and array indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

var consentTokenRE = regexp.MustCompile(`name="consent" value="([^"]+)"`)
