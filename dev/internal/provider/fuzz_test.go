//go:build !js

package provider

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// fuzzProvider is an in-process provider (no listener) for fuzzing.
func fuzzProvider(t testing.TB) *Provider {
	p, err := New(Options{BaseURL: "http://127.0.0.1:8001", AppOrigins: []string{testAppOrigin}, Clients: []Client{LocalClient(testAppOrigin)}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Whatever arrives at the authorize endpoint, the answer is a page or a redirect to the
// registered redirect URI; never a 5xx, never a redirect anywhere else.
func FuzzAuthorize(f *testing.F) {
	f.Add(authorizeParams(AllScopes...).Encode(), false)
	f.Add(authorizeParams().Encode(), true)
	f.Add("client_id=pkcelogs-local&redirect_uri=http://127.0.0.1:8000/callback&response_type=code&state=x&code_challenge=%00", true)
	f.Add("redirect_uri=http://127.0.0.1:8000/callback&redirect_uri=https://evil.example/&client_id=pkcelogs-local", false)
	f.Add("client_id=pkcelogs-local&redirect_uri=http%3A%2F%2F127.0.0.1%3A8000%2Fcallback&response_type=code&response_mode=fragment&state=abcdefghij&code_challenge="+testChallenge+"&code_challenge_method=S256", true)
	f.Add("%zz", false)
	p := fuzzProvider(f)
	f.Fuzz(func(t *testing.T, query string, auto bool) {
		if auto {
			p.SetAutoApprove(UserAlice)
		} else {
			p.SetAutoApprove("")
		}
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8001/oauth/authorize", nil)
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden:
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Fatalf("%d with %q", rec.Code, rec.Header().Get("Content-Type"))
			}
		case http.StatusSeeOther, http.StatusFound:
			loc := rec.Header().Get("Location")
			if !strings.HasPrefix(loc, testRedirect+"?") && !strings.HasPrefix(loc, testRedirect+"#") {
				t.Fatalf("redirected to %q", loc)
			}
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, query, rec.Body.String())
		}
		if rec.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Fatal("CORS on authorize")
		}
	})
}

// Whatever form arrives at the token endpoint, the answer is JSON with 200, 400 or 401.
func FuzzToken(f *testing.F) {
	f.Add(exchangeForm("ory_ac_x.y", testVerifier).Encode())
	f.Add(refreshForm("ory_rt_x.y").Encode())
	f.Add("grant_type=authorization_code&grant_type=refresh_token")
	f.Add("grant_type=refresh_token&client_id=pkcelogs-local&refresh_token=&scope=%ff")
	f.Add("")
	p := fuzzProvider(f)
	f.Fuzz(func(t *testing.T, form string) {
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8001/oauth/token", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, req)
		if rec.Code != 200 && rec.Code != 400 && rec.Code != 401 {
			t.Fatalf("status %d for %q: %s", rec.Code, form, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("non-JSON answer %q", rec.Body.String())
		}
	})
}

// Whatever body and token arrive at the API, the answer is JSON: 401 without a valid
// token, else 200 (data or errors) or 400 for a body that is not a GraphQL request.
func FuzzAPI(f *testing.F) {
	f.Add(`{"query":"{ userData { currentUser { id name guilds { id } } } }"}`, true)
	f.Add(`{"query":"query($p:Int){ reportData { reports(userID:1, page:$p) { total } } }","variables":{"p":-5}}`, true)
	f.Add(`{"query":"{ reportData { reports(userID: 1, limit: 2147483647, page: 2147483647) { from to last_page data { code } } } }"}`, true)
	f.Add(`{"query":"{ reportData { reports(userID: 1, startTime: 1e308, endTime: -1e308) { total } } }"}`, true)
	f.Add(`{"query":"{ __schema { types { name } } }"}`, true)
	f.Add(`{"query": 5}`, true)
	f.Add(`not json`, false)
	p := fuzzProvider(f)
	p.SetAutoApprove(UserAlice)
	code := func() string {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8001/oauth/authorize?"+authorizeParams(AllScopes...).Encode(), nil)
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, req)
		u, _ := url.Parse(rec.Header().Get("Location"))
		return u.Query().Get("code")
	}()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8001/oauth/token", strings.NewReader(exchangeForm(code, testVerifier).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	p.ServeHTTP(rec, req)
	var tok tokenReply
	if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || tok.AccessToken == "" {
		f.Fatalf("no token: %s", rec.Body.String())
	}
	p.SetRateLimit(1 << 30)
	f.Fuzz(func(t *testing.T, body string, authorized bool) {
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8001/api/v2/user", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if authorized {
			req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		}
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, req)
		want := map[bool][]int{false: {401}, true: {200, 400}}[authorized]
		if rec.Code != want[0] && (len(want) < 2 || rec.Code != want[1]) {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("non-JSON answer %q", rec.Body.String())
		}
	})
}
