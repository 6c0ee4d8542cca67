//go:build e2e

package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Issue 12's security checks in the real browser build.

// thief is where a redirect points: it records whatever reaches it.
type thief struct {
	*httptest.Server
	mu      sync.Mutex
	reached []string
}

func newThief(t *testing.T) *thief {
	th := &thief{}
	th.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		th.mu.Lock()
		th.reached = append(th.reached, fmt.Sprintf("%s %s %v %s", r.Method, r.URL, r.Header, body))
		th.mu.Unlock()
		// Answer as a token endpoint would, CORS and all, so a followed
		// redirect would succeed.
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"stolen","token_type":"Bearer","expires_in":3600}`)
	}))
	t.Cleanup(th.Close)
	return th
}

func (th *thief) requests() []string {
	th.mu.Lock()
	defer th.mu.Unlock()
	return append([]string(nil), th.reached...)
}

// A token, API or revocation endpoint that answers with a redirect (307,
// which re-sends the body) is refused in the browser too, where fetch would
// follow it by itself: nothing reaches the redirect's target, no token is
// stored, and the page says what happened.
func TestRedirectingEndpointsAreRefused(t *testing.T) {
	th := newThief(t)
	s := newStack(t, stackOptions{autoApprove: "alice"})
	main := newBrowser(t, "main")
	steal := th.URL + "/steal"

	t.Run("token endpoint during the code exchange", func(t *testing.T) {
		tb := main.in(t)
		s.provider.SetFault(provider.EndpointToken, provider.Fault{Redirect: steal})
		defer s.provider.ClearFaults()
		tb.open(s.url("/"))
		tb.clickSignIn()
		title, msg := tb.expectError("redirected")
		if !strings.Contains(msg, "redirect") || !strings.Contains(msg, "never follows") {
			t.Errorf("redirected: %q / %q", title, msg)
		}
		if _, action := tb.errorAction("redirected"); action != "sign-in" {
			t.Errorf("the way forward is %q, want sign-in", action)
		}
		exchanges := s.tokenRequests("authorization_code")
		if len(exchanges) != 1 || exchanges[0].Status != http.StatusTemporaryRedirect {
			t.Errorf("code exchanges at the provider: %s", describeRequests(exchanges))
		}
		if got := evalJS[string](tb, `localStorage.getItem("pkcelogs.token") || ""`); got != "" {
			t.Errorf("a token was stored: %.80s", got)
		}
		if r := th.requests(); len(r) > 0 {
			t.Errorf("the redirect was followed, the code and verifier sent on: %q", r)
		}
	})

	// Signed in from here on.
	s.provider.ClearFaults()
	main.open(s.url("/"))
	main.clickSignIn()
	main.waitText("profile-name", "Alice")

	t.Run("API", func(t *testing.T) {
		tb := main.in(t)
		s.provider.SetFault(provider.EndpointAPI, provider.Fault{Redirect: steal})
		defer s.provider.ClearFaults()
		tb.reload()
		if _, msg := tb.expectError("redirected"); !strings.Contains(msg, "API") {
			t.Errorf("redirected API: %q", msg)
		}
		if r := th.requests(); len(r) > 0 {
			t.Errorf("the redirect was followed, the bearer token sent on: %q", r)
		}
		s.provider.ClearFaults()
		tb.reload()
		tb.waitText("profile-name", "Alice")
	})

	t.Run("revocation endpoint at sign-out", func(t *testing.T) {
		tb := main.in(t)
		s.provider.SetFault(provider.EndpointRevoke, provider.Fault{Redirect: steal})
		defer s.provider.ClearFaults()
		tb.click("signout")
		notice := tb.waitText("signout-notice", "failed")
		if !strings.Contains(notice, "redirect, which this app never follows") {
			t.Errorf("sign-out notice: %q", notice)
		}
		if r := th.requests(); len(r) > 0 {
			t.Errorf("the redirect was followed, the refresh token sent on: %q", r)
		}
	})
}

// Sign-out says exactly what happened, in each of the three cases, on the
// dashboard (data-testid="signout-notice").
func TestSignOutNotice(t *testing.T) {
	for _, c := range []struct {
		name     string
		opts     stackOptions
		fault    provider.Fault
		revokes  []string // token_type_hint of each revocation request, in order
		want     []string // the notice says these; "DATE" is the token's expiry, "SITE" the provider's address
		wantNot  []string
		noticeOf string // what to wait for
	}{
		{"revoked", stackOptions{autoApprove: "alice"}, provider.Fault{}, []string{"refresh_token", "access_token"},
			[]string{"Signed out, and the session was revoked at Local provider."}, []string{"valid until", "failed"}, "revoked"},
		{"site cannot revoke", stackOptions{autoApprove: "alice", noRevoke: true}, provider.Fault{}, nil,
			[]string{"Signed out: the token is forgotten in this browser.", "Local provider cannot revoke tokens, so it stays valid until DATE",
				"to end it sooner, remove this app's access in your account at SITE."}, []string{"revoked at", "failed"}, "cannot revoke"},
		{"revoking failed", stackOptions{autoApprove: "alice"}, provider.Fault{Status: http.StatusServiceUnavailable}, []string{"refresh_token"},
			[]string{"Signed out: the token is forgotten in this browser, but revoking it at Local provider failed (it answered HTTP 503 instead of confirming), so it may stay valid until DATE",
				"remove this app's access in your account at SITE."}, []string{"revoked at", "try again"}, "failed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStack(t, c.opts)
			tb := newBrowser(t, "main")
			tb.open(s.url("/"))
			tb.clickSignIn()
			tb.waitText("profile-name", "Alice")
			expiry, err := time.Parse(time.RFC3339, tb.storedToken().Expiry)
			if err != nil {
				t.Fatal(err)
			}
			s.provider.SetFault(provider.EndpointRevoke, c.fault)
			tb.click("signout")
			notice := tb.waitText("signout-notice", c.noticeOf)
			for _, w := range c.want {
				w = strings.ReplaceAll(w, "DATE", expiry.UTC().Format("2 January 2006"))
				w = strings.ReplaceAll(w, "SITE", s.provider.URL)
				if !strings.Contains(notice, w) {
					t.Errorf("the notice %q\n  lacks %q", notice, w)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(notice, w) {
					t.Errorf("the notice %q\n  says %q", notice, w)
				}
			}
			var hints []string
			for _, r := range s.requests(provider.EndpointRevoke) {
				hints = append(hints, r.Form.Get("token_type_hint"))
			}
			if strings.Join(hints, " ") != strings.Join(c.revokes, " ") {
				t.Errorf("revocation requests %v, want %v", hints, c.revokes)
			}
			tb.wait("signin-button")
		})
	}
}

// RFC 9207 in the browser: a callback without iss from a provider that always
// sends it, or with another server's iss, is refused on the callback page with
// its own message, and the code is never sent to the token endpoint.
func TestIssuerParameterChecked(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	main := newBrowser(t, "main")
	for _, c := range []struct {
		name  string
		ip    provider.IssuerParameter
		code  string
		words string
	}{
		{"missing", provider.IssuerParameter{Omit: true}, "issuer-missing", "did not say which server"},
		{"another server's", provider.IssuerParameter{Value: "https://evil.example"}, "issuer-mismatch", "different server"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := main.in(t)
			s.provider.SetIssuerParameter(c.ip)
			defer s.provider.SetIssuerParameter(provider.IssuerParameter{})
			tb.open(s.url("/"))
			tb.clickSignIn()
			tb.waitCSS("the callback page's error", `[data-testid="callback"] [data-testid="error"]`)
			title, msg := tb.expectError(c.code)
			if !strings.Contains(msg, c.words) || !strings.Contains(msg, "not used") {
				t.Errorf("%s: %q / %q", c.code, title, msg)
			}
			if _, action := tb.errorAction(c.code); action != "sign-in" {
				t.Errorf("%s offers %q, want sign-in", c.code, action)
			}
			if n := len(s.tokenRequests("authorization_code")); n != 0 {
				t.Errorf("the code was exchanged %d times:\n%s", n, describeRequests(s.requests(provider.EndpointToken)))
			}
			if strings.Contains(tb.location(), "code=") {
				t.Errorf("the code stays in the address bar: %s", tb.location())
			}
		})
	}
	tb := main.in(t)
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	if n := len(s.tokenRequests("authorization_code")); n != 1 {
		t.Errorf("%d code exchanges, want 1", n)
	}
}
