//go:build e2e

package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/pkce"
)

// waitCheck waits for the client check with the data-testid prefix to show
// an answer with the status, and returns its message.
func (tb *tab) waitCheck(prefix, status string) string {
	tb.t.Helper()
	tb.waitCSS(prefix+" answers "+status, fmt.Sprintf(`[data-testid=%q][data-status=%q]`, prefix+"-result", status))
	return tb.wait(prefix + "-message")
}

// checkRequests asserts what the provider's log says of the client checks:
// exactly want token requests, each an authorization-code grant whose code
// could never be valid (pkce.CheckCodePrefix and 43 random characters) with
// a fresh verifier, for clientID and redirectURI, none answered with a token.
// It returns their statuses.
func (s *stack) checkRequests(want int, clientID, redirectURI string) []int {
	s.t.Helper()
	var statuses []int
	all := s.requests(provider.EndpointToken)
	if len(all) != want {
		s.t.Fatalf("%d token requests, want %d:\n%s", len(all), want, describeRequests(all))
	}
	for _, r := range all {
		f := r.Form
		code := f.Get("code")
		if f.Get("grant_type") != "authorization_code" || !strings.HasPrefix(code, pkce.CheckCodePrefix) || len(code) != len(pkce.CheckCodePrefix)+43 {
			s.t.Errorf("the check sent grant %q with code %q, not a made-up check code", f.Get("grant_type"), code)
		}
		if f.Get("client_id") != clientID || f.Get("redirect_uri") != redirectURI || pkce.CheckVerifier(f.Get("code_verifier")) != nil {
			s.t.Errorf("the check's form: %s", f.Encode())
		}
		if f.Has("client_secret") || r.Header.Get("Authorization") != "" || len(r.Query) != 0 {
			s.t.Errorf("the check sent a secret or put parameters in the URL: %s %v", f.Encode(), r.Query)
		}
		if r.Status == http.StatusOK {
			s.t.Errorf("the provider issued a token to the check")
		}
		statuses = append(statuses, r.Status)
	}
	return statuses
}

// Settings' check of the page's own, registered client: the site knows it,
// so a "Client authentication failed" would be the redirect URI.
func TestClientCheckRegisteredClient(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/settings"))
	tb.waitText("settings-redirect-uri", s.url("/callback"))
	if n := len(s.requests(provider.EndpointToken)); n != 0 {
		t.Fatalf("%d token requests before the person asked for a check", n)
	}
	tb.appReady("settings-check-run") // the pre-rendered button does nothing before
	tb.click("settings-check-run")
	msg := tb.waitCheck("settings-check", "accepted")
	for _, want := range []string{"knows client " + provider.DefaultClientID, "Client authentication failed", "not exactly " + s.url("/callback")} {
		if !strings.Contains(msg, want) {
			t.Errorf("the answer lacks %q: %s", want, msg)
		}
	}
	if st := s.checkRequests(1, provider.DefaultClientID, s.url("/callback")); st[0] != http.StatusBadRequest {
		t.Errorf("the provider answered %d, want 400 invalid_grant", st[0])
	}
	if tb.visible("signout") || tb.textNow("settings-session") != "You are not signed in." {
		t.Errorf("the check signed someone in: %q", tb.textNow("settings-session"))
	}
}

// A client id the site does not know, typed but not saved: the check asks
// about the id in the field.
func TestClientCheckUnknownClientID(t *testing.T) {
	const typo = "pkcelogs-lokal"
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/settings"))
	tb.waitText("settings-redirect-uri", s.url("/callback"))
	tb.appReady("settings-client-id") // typing into the pre-rendered field is lost when the app mounts
	tb.typeInto("settings-client-id", typo)
	tb.click("settings-check-run")
	msg := tb.waitCheck("settings-check", "rejected")
	if !strings.Contains(msg, "does not know client "+typo) || !strings.Contains(msg, "Public Client") {
		t.Errorf("the answer: %s", msg)
	}
	if st := s.checkRequests(1, typo, s.url("/callback")); st[0] != http.StatusUnauthorized {
		t.Errorf("the provider answered %d, want 401 invalid_client", st[0])
	}
}

// The site cannot be reached: the check says so, and nothing about the client.
func TestClientCheckProviderDown(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/settings"))
	tb.waitText("settings-redirect-uri", s.url("/callback"))
	tb.appReady("settings-check-run") // the pre-rendered button does nothing before
	s.provider.Close()
	tb.click("settings-check-run")
	msg := tb.waitCheck("settings-check", "unreachable")
	if !strings.Contains(msg, "could not be reached") || !strings.Contains(msg, "nothing is known about the client") {
		t.Errorf("the answer: %s", msg)
	}
	s.checkRequests(0, "", "")
}

// The pre-rendered Settings page shows the whole redirect URI before the app
// has started (here it never does): the page's inline script puts the origin,
// which only the browser knows, in front of the pre-rendered path.
func TestSettingsRedirectURIBeforeTheAppStarts(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.beforeEachPage(`for (const k of ["instantiate", "instantiateStreaming", "compile", "compileStreaming"]) WebAssembly[k] = () => new Promise(() => {});`)
	tb.open(s.url("/settings"))
	if got := tb.waitText("settings-redirect-uri", s.url("/callback")); got != s.url("/callback") {
		t.Errorf("the pre-rendered redirect URI reads %q, want %q", got, s.url("/callback"))
	}
	// Still the server's page: the app would have wired the copy button.
	if disabled := evalJS[bool](tb, `document.querySelector('[data-testid="settings-redirect-uri-copy"]').disabled`); !disabled {
		t.Error("the app started: this test did not see the pre-rendered page")
	}
}
