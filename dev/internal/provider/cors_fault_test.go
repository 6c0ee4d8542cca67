//go:build !js

package provider

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func preflight(t *testing.T, rawURL, origin string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodOptions, rawURL, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestCORS(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	for _, ep := range []string{s.TokenURL(), s.RevokeURL(), s.APIURL()} {
		t.Run("preflight "+ep, func(t *testing.T) {
			resp := preflight(t, ep, testAppOrigin)
			h := resp.Header
			if resp.StatusCode != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != testAppOrigin ||
				!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
				!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") ||
				!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Content-Type") {
				t.Fatalf("preflight: %d %v", resp.StatusCode, h)
			}
			if h.Get("Access-Control-Allow-Credentials") != "" {
				t.Fatal("credentials allowed")
			}
			if got := preflight(t, ep, "https://evil.example").Header.Get("Access-Control-Allow-Origin"); got != "" {
				t.Fatalf("evil origin allowed: %q", got)
			}
		})
	}
	t.Run("authorize never answers CORS", func(t *testing.T) {
		if got := preflight(t, s.AuthorizeURL(), testAppOrigin).Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Fatalf("authorize preflight allowed %q", got)
		}
		req, _ := http.NewRequest(http.MethodGet, s.AuthorizeURL()+"?"+authorizeParams().Encode(), nil)
		req.Header.Set("Origin", testAppOrigin)
		resp, err := noRedirects.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Fatal("authorize answered with CORS headers")
		}
	})
	t.Run("actual responses carry the origin and expose Retry-After", func(t *testing.T) {
		resp := postForm(t, s.TokenURL(), exchangeForm(authorizeCode(t, s), testVerifier), "Origin", testAppOrigin)
		if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != testAppOrigin {
			t.Fatalf("token: %d %v", resp.StatusCode, resp.Header)
		}
		req, _ := http.NewRequest(http.MethodPost, s.APIURL(), strings.NewReader(`{"query":"{ rateLimitData { limitPerHour } }"}`))
		req.Header.Set("Origin", testAppOrigin)
		req.Header.Set("Content-Type", "application/json")
		api, err := noRedirects.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		api.Body.Close()
		// A 401 the page can read, so the app can tell "sign in again" from a network error.
		if api.StatusCode != 401 || api.Header.Get("Access-Control-Allow-Origin") != testAppOrigin || api.Header.Get("Access-Control-Expose-Headers") != "Retry-After" {
			t.Fatalf("API 401: %v", api.Header)
		}
	})
}

func TestFaults(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	tok := signIn(t, s, AllScopes...)

	t.Run("5xx on token, CORS kept, preflight unaffected", func(t *testing.T) {
		s.SetFault(EndpointToken, Fault{Status: 503})
		defer s.SetFault(EndpointToken, Fault{})
		if resp := preflight(t, s.TokenURL(), testAppOrigin); resp.StatusCode != 204 {
			t.Fatalf("preflight faulted: %d", resp.StatusCode)
		}
		resp := postForm(t, s.TokenURL(), refreshForm(tok.RefreshToken), "Origin", testAppOrigin)
		if resp.StatusCode != 503 || resp.Header.Get("Access-Control-Allow-Origin") != testAppOrigin || strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("fault: %d %v", resp.StatusCode, resp.Header)
		}
	})
	t.Run("redirect on token and revoke, CORS kept, nothing issued", func(t *testing.T) {
		tok := signIn(t, s, AllScopes...)
		for _, c := range []struct {
			e      Endpoint
			url    string
			status int
		}{{EndpointToken, s.TokenURL(), 0}, {EndpointRevoke, s.RevokeURL(), 302}} {
			s.SetFault(c.e, Fault{Redirect: "https://elsewhere.example/steal", Status: c.status})
			resp := postForm(t, c.url, refreshForm(tok.RefreshToken), "Origin", testAppOrigin)
			s.SetFault(c.e, Fault{})
			want := c.status
			if want == 0 {
				want = http.StatusTemporaryRedirect
			}
			if resp.StatusCode != want || resp.Header.Get("Location") != "https://elsewhere.example/steal" ||
				resp.Header.Get("Access-Control-Allow-Origin") != testAppOrigin {
				t.Fatalf("%s: %d %v", c.e, resp.StatusCode, resp.Header)
			}
		}
		// The refresh token was not spent by the redirected request.
		if resp := postForm(t, s.TokenURL(), refreshForm(tok.RefreshToken)); resp.StatusCode != http.StatusOK {
			t.Fatalf("refresh after the redirect: %d", resp.StatusCode)
		}
	})
	t.Run("HTML page on the API with 200", func(t *testing.T) {
		s.SetFault(EndpointAPI, Fault{HTML: true})
		defer s.SetFault(EndpointAPI, Fault{})
		req, _ := http.NewRequest(http.MethodPost, s.APIURL(), strings.NewReader(`{"query":"{ rateLimitData { limitPerHour } }"}`))
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		resp, err := noRedirects.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(b), "<!DOCTYPE html>") {
			t.Fatalf("HTML fault: %d %q", resp.StatusCode, b)
		}
	})
	t.Run("HTML with a 52x status", func(t *testing.T) {
		s.SetFault(EndpointToken, Fault{HTML: true, Status: 522})
		defer s.SetFault(EndpointToken, Fault{})
		resp := postForm(t, s.TokenURL(), refreshForm(tok.RefreshToken))
		if resp.StatusCode != 522 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%d %v", resp.StatusCode, resp.Header)
		}
	})
	t.Run("dropped connection", func(t *testing.T) {
		s.SetFault(EndpointToken, Fault{Drop: true})
		defer s.SetFault(EndpointToken, Fault{})
		req, _ := http.NewRequest(http.MethodPost, s.TokenURL(), strings.NewReader(refreshForm(tok.RefreshToken).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := noRedirects.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("dropped connection answered %d", resp.StatusCode)
		}
		var ue *url.Error
		if !errors.As(err, &ue) {
			t.Fatalf("error %T %v", err, err)
		}
		if last := s.RequestsTo(EndpointToken); last[len(last)-1].Status != 0 {
			t.Fatalf("recorded status %d for a dropped connection", last[len(last)-1].Status)
		}
	})
	t.Run("delay, once", func(t *testing.T) {
		s.SetFault(EndpointAPI, Fault{Delay: 300 * time.Millisecond, Times: 1})
		start := time.Now()
		if status, _, _ := gql(t, s, tok.AccessToken, probe, nil); status != 200 {
			t.Fatalf("delayed request: %d", status)
		}
		if d := time.Since(start); d < 300*time.Millisecond {
			t.Fatalf("answered after %v, want at least 300ms", d)
		}
		start = time.Now()
		gql(t, s, tok.AccessToken, probe, nil)
		if d := time.Since(start); d > 250*time.Millisecond {
			t.Fatalf("the one-shot delay applied twice (%v)", d)
		}
	})
	t.Run("a fault for n requests, then normal", func(t *testing.T) {
		s.SetFault(EndpointAPI, Fault{Status: 502, Times: 2})
		var got []int
		for range 3 {
			status, _ := rawStatus(t, s.APIURL(), tok.AccessToken)
			got = append(got, status)
		}
		if got[0] != 502 || got[1] != 502 || got[2] != 200 {
			t.Fatalf("statuses %v, want [502 502 200]", got)
		}
	})
	t.Run("API 401 and 429 faults look like the real ones", func(t *testing.T) {
		defer s.ClearFaults()
		s.SetFault(EndpointAPI, Fault{Status: 401})
		if status, m, _ := gql(t, s, tok.AccessToken, probe, nil); status != 401 || m["error"] != "Unauthenticated." {
			t.Fatalf("401 fault: %d %v", status, m)
		}
		s.SetFault(EndpointAPI, Fault{Status: 429})
		if status, m, h := gql(t, s, tok.AccessToken, probe, nil); status != 429 || m["error"] != "Too Many Attempts." || h.Get("Retry-After") != "60" {
			t.Fatalf("429 fault: %d %v %v", status, m, h)
		}
	})
	t.Run("faults on authorize", func(t *testing.T) {
		s.SetFault(EndpointAuthorize, Fault{Status: 500})
		defer s.ClearFaults()
		if resp := get(t, s.AuthorizeURL()+"?"+authorizeParams().Encode()); resp.StatusCode != 500 {
			t.Fatalf("authorize fault: %d", resp.StatusCode)
		}
	})
}

func rawStatus(t *testing.T, rawURL, bearer string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, rawURL, strings.NewReader(`{"query":"{ rateLimitData { limitPerHour } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRequestLog(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	tok := signIn(t, s, ScopeViewUserProfile)
	gql(t, s, tok.AccessToken, probe, nil)
	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests recorded", len(reqs))
	}
	want := []struct {
		e      Endpoint
		method string
		path   string
		status int
	}{
		{EndpointAuthorize, "GET", AuthorizePath, 303},
		{EndpointToken, "POST", TokenPath, 200},
		{EndpointAPI, "POST", APIPath, 200},
	}
	for i, w := range want {
		r := reqs[i]
		if r.Endpoint != w.e || r.Method != w.method || r.Path != w.path || r.Status != w.status {
			t.Fatalf("request %d: %+v", i, r)
		}
	}
	if reqs[0].Query.Get("scope") != ScopeViewUserProfile || reqs[1].Form.Get("grant_type") != "authorization_code" || !strings.Contains(reqs[2].Body, "rateLimitData") {
		t.Fatalf("recorded values: %v %v %q", reqs[0].Query, reqs[1].Form, reqs[2].Body)
	}
	if reqs[2].Header.Get("Authorization") != "Bearer "+tok.AccessToken {
		t.Fatal("API request header not recorded")
	}
	s.ResetRequests()
	if n := len(s.Requests()); n != 0 {
		t.Fatalf("%d requests after ResetRequests", n)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	for name, opts := range map[string]Options{
		"unknown game":         {Game: "wow"},
		"unknown auto-approve": {AutoApprove: "mallory"},
		"origin with a path":   {AppOrigins: []string{"http://127.0.0.1:8000/app"}},
		"relative redirect":    {Clients: []Client{{ID: "x", RedirectURIs: []string{"/callback"}}}},
		"redirect w/ fragment": {Clients: []Client{{ID: "x", RedirectURIs: []string{"http://127.0.0.1/cb#x"}}}},
		"duplicate client":     {Clients: []Client{{ID: "x"}, {ID: "x"}}},
		"http on a LAN host":   {Clients: []Client{{ID: "x", RedirectURIs: []string{"http://192.168.1.5:8000/callback"}}}},
		"empty client id":      {Clients: []Client{{}}},
		"negative TTL":         {AccessTokenTTL: -time.Second},
	} {
		if _, err := New(opts); err == nil {
			t.Errorf("%s: New accepted %+v", name, opts)
		}
	}
	for _, ok := range []string{"https://app.example/callback", "http://localhost:8000/callback", "http://[::1]:8000/callback", "http://127.0.0.1:8000/"} {
		if _, err := New(Options{Clients: []Client{{ID: "x", RedirectURIs: []string{ok}}}}); err != nil {
			t.Errorf("New refused %s: %v", ok, err)
		}
	}
	if _, err := Start(Options{BaseURL: "ftp://127.0.0.1:1"}); err == nil {
		t.Error("Start accepted an ftp BaseURL")
	}
}

func TestIndexAvatarAndNotFound(t *testing.T) {
	s := startProvider(t, Options{})
	resp := get(t, s.URL+"/")
	if page := body(t, resp); resp.StatusCode != 200 || !strings.Contains(page, testRedirect) || !strings.Contains(page, "alice") {
		t.Fatalf("index: %d\n%s", resp.StatusCode, page)
	}
	resp = get(t, s.URL+"/avatars/alice.svg")
	if svg := body(t, resp); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(svg, "<svg") {
		t.Fatalf("avatar: %d %q", resp.StatusCode, svg)
	}
	for _, path := range []string{"/avatars/mallory.svg", "/avatars/alice.png", "/nothing"} {
		if resp := get(t, s.URL+path); resp.StatusCode != 404 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
	}
}
