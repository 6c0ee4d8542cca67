//go:build !js

package provider

import (
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"
)

// RFC 9207 §2: every authorization response, success or error, carries iss, the issuer
// identifier; for tests it can be left out or replaced.
func TestAuthorizationResponsesCarryIssuer(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	if s.Issuer() != s.URL || strings.HasSuffix(s.Issuer(), "/") {
		t.Fatalf("Issuer() = %q, want the base URL %q", s.Issuer(), s.URL)
	}
	consent := startProvider(t, Options{})

	denied := func(t *testing.T, s *Server) url.Values {
		t.Helper()
		page := get(t, s.AuthorizeURL()+"?"+authorizeParams(AllScopes...).Encode())
		form := url.Values{"consent": {consentTokenIn(t, body(t, page))}, "decision": {"deny"}}
		for k, v := range authorizeParams(AllScopes...) {
			form[k] = v
		}
		resp, err := noRedirects.PostForm(s.AuthorizeURL(), form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return redirectParams(t, resp)
	}
	responses := []struct {
		name string
		srv  *Server
		get  func(t *testing.T, s *Server) url.Values
		want string // "code" or the error
	}{
		{"code", s, func(t *testing.T, s *Server) url.Values {
			return redirectParams(t, get(t, s.AuthorizeURL()+"?"+authorizeParams(AllScopes...).Encode()))
		}, "code"},
		{"fosite's error", s, func(t *testing.T, s *Server) url.Values {
			q := authorizeParams(AllScopes...)
			q.Set("code_challenge_method", "plain")
			return redirectParams(t, get(t, s.AuthorizeURL()+"?"+q.Encode()))
		}, "invalid_request"},
		{"unsupported response mode", s, func(t *testing.T, s *Server) url.Values {
			q := authorizeParams(AllScopes...)
			q.Set("response_mode", "fragment")
			return redirectParams(t, get(t, s.AuthorizeURL()+"?"+q.Encode()))
		}, "unsupported_response_mode"},
		{"denied at the consent page", consent, denied, "access_denied"},
	}
	for _, tc := range responses {
		t.Run(tc.name, func(t *testing.T) {
			check := func(ip *IssuerParameter, wantIss string, wantHas bool) {
				t.Helper()
				if ip != nil {
					tc.srv.SetIssuerParameter(*ip)
					defer tc.srv.SetIssuerParameter(IssuerParameter{})
				}
				q := tc.get(t, tc.srv)
				if tc.want == "code" && q.Get("code") == "" || tc.want != "code" && q.Get("error") != tc.want {
					t.Fatalf("response %v, want %s", q, tc.want)
				}
				if q.Has("iss") != wantHas || q.Get("iss") != wantIss || len(q["iss"]) > 1 {
					t.Fatalf("iss = %q (present: %v), want %q (present: %v); response %v", q["iss"], q.Has("iss"), wantIss, wantHas, q)
				}
			}
			check(nil, tc.srv.Issuer(), true)
			check(&IssuerParameter{Omit: true}, "", false)
			check(&IssuerParameter{Value: "https://other-issuer.example"}, "https://other-issuer.example", true)
			check(&IssuerParameter{}, tc.srv.Issuer(), true)
		})
	}

	// The option sets it from the start.
	omit := startProvider(t, Options{AutoApprove: UserAlice, Issuer: IssuerParameter{Omit: true}})
	if q := redirectParams(t, get(t, omit.AuthorizeURL()+"?"+authorizeParams().Encode())); q.Has("iss") || q.Get("code") == "" {
		t.Fatalf("with Options.Issuer.Omit the response is %v", q)
	}
}

// consentTokenIn finds the consent form's hidden token in the page.
func consentTokenIn(t *testing.T, page string) string {
	t.Helper()
	const marker = `name="consent" value="`
	i := strings.Index(page, marker)
	if i < 0 {
		t.Fatalf("no consent token in the page:\n%.500s", page)
	}
	rest := page[i+len(marker):]
	return rest[:strings.IndexByte(rest, '"')]
}

// The provider signs anyone in as the fixture users: it listens on loopback only, unless
// told in so many words.
func TestStartRefusesNonLoopbackAddresses(t *testing.T) {
	for _, base := range []string{"http://0.0.0.0:0", "http://[::]:0", "http://192.0.2.10:8001", "http://example.com:8001"} {
		_, err := Start(Options{BaseURL: base})
		if !errors.Is(err, ErrNotLoopback) {
			t.Fatalf("Start(%s) = %v, want ErrNotLoopback", base, err)
		}
		for _, want := range []string{"refusing to listen on", "anyone who can reach it signs in as the fixture users (alice, bob, carol)", "127.0.0.1", "-provider-public-anyone-can-sign-in"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("Start(%s): %q does not say %q", base, err, want)
			}
		}
	}
	for _, base := range []string{"http://127.0.0.1:0", "http://127.0.0.2:0", "http://localhost:0"} {
		s, err := Start(Options{BaseURL: base})
		if err != nil {
			t.Errorf("Start(%s) = %v", base, err)
			continue
		}
		s.Close()
	}
	if ln, err := net.Listen("tcp6", "[::1]:0"); err == nil { // only where the machine has IPv6 loopback
		ln.Close()
		s, err := Start(Options{BaseURL: "http://[::1]:0"})
		if err != nil {
			t.Errorf("Start([::1]) = %v", err)
		} else {
			s.Close()
		}
	}
	// With the option it listens anywhere.
	s, err := Start(Options{BaseURL: "http://0.0.0.0:0", PublicAnyoneCanSignIn: true})
	if err != nil {
		t.Fatalf("Start(0.0.0.0) with PublicAnyoneCanSignIn = %v", err)
	}
	s.Close()
}
