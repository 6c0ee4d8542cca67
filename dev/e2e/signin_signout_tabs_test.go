//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Flow 4: a sign-in begun in tab A and finished in tab B of the same browser
// (the pending sign-in is keyed by state in local storage) signs in, with one
// exchange; an app tab already open follows without a reload, and tab A too.
func TestSignInBegunInOtherTab(t *testing.T) {
	s := newStack(t, stackOptions{})
	a := newBrowser(t, "tabA")
	watcher := a.newTab("watcher") // an app tab left open, signed out
	watcher.open(s.url("/"))
	watcher.wait("signin-button")
	a.open(s.url("/"))
	a.startSignIn()
	authorize := a.location()

	b := a.newTab("tabB")
	b.open(authorize)
	b.wait("consent-page")
	b.approveAs("alice")
	b.expectAliceDashboard()
	s.checkPKCE()
	// The open app tab follows the sign-in without a reload.
	watcher.waitText("profile-name", "Alice")

	a.open(s.url("/"))
	a.waitText("profile-name", "Alice")
	if n := len(s.tokenRequests("authorization_code")); n != 1 {
		t.Errorf("%d code exchanges, want 1", n)
	}
}

// Flow 7: signing out in one tab revokes the token at the provider and signs
// the other tab out too; the revoked token no longer opens the API.
func TestSignOutInOneTabSignsOutBoth(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	a := newBrowser(t, "tabA")
	a.open(s.url("/"))
	a.clickSignIn()
	a.waitText("profile-name", "Alice")
	b := a.newTab("tabB")
	b.open(s.url("/"))
	b.waitText("profile-name", "Alice")
	tok := a.storedToken()

	a.click("signout")
	a.wait("signin-button")
	b.wait("signin-button")
	b.waitGone("profile-name")

	// Both tabs show the sign-out at once (the mirror goes before anything
	// waits: session/signout_pending.go); the revocations follow. The
	// provider logs a request as it arrives (Status 0 until it answers), so
	// wait for every one logged to be answered: the refresh token's may be
	// answered while the access token's is still under way.
	var revokes []provider.Recorded
	pollFor(t, "the sign-out's revocation requests, each answered", func() bool {
		revokes = s.requests(provider.EndpointRevoke)
		for _, r := range revokes {
			if r.Status == 0 {
				return false
			}
		}
		return len(revokes) > 0
	})
	for _, r := range revokes {
		tk := r.Form.Get("token")
		if tk != tok.AccessToken && tk != tok.RefreshToken {
			t.Errorf("revocation named a token the tab did not hold: %.20s…", tk)
		}
		if r.Form.Get("client_id") != provider.DefaultClientID || r.Form.Has("client_secret") || r.Header.Get("Authorization") != "" {
			t.Errorf("revocation request: form %v, Authorization %q; want client_id and no secret", r.Form, r.Header.Get("Authorization"))
		}
		if r.Status != http.StatusOK {
			t.Errorf("revocation answered %d", r.Status)
		}
	}
	if got := evalJS[string](a, `localStorage.getItem("pkcelogs.token") || ""`); got != "" {
		t.Errorf("the token is still in local storage after sign-out")
	}
	if status := apiStatus(t, s, tok.AccessToken); status != http.StatusUnauthorized {
		t.Errorf("the API answers the revoked token with %d, want 401", status)
	}
	b.reload()
	b.wait("signin-button")
}

// storedToken is the token the app keeps in local storage.
type storedToken struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	Expiry       string `json:"expiry"`
	Received     string `json:"received"`
}

func (tb *tab) storedToken() storedToken {
	tb.t.Helper()
	raw := evalJS[string](tb, `localStorage.getItem("pkcelogs.token") || ""`)
	var tok storedToken
	if err := json.Unmarshal([]byte(raw), &tok); err != nil || tok.AccessToken == "" {
		tb.t.Fatalf("no token in local storage (%q): %v", raw, err)
	}
	return tok
}

// apiStatus asks the provider's API for the current user with the token, as
// a client would, and returns the HTTP status.
func apiStatus(t *testing.T, s *stack, accessToken string) int {
	t.Helper()
	req, err := http.NewRequest("POST", s.provider.APIURL(), strings.NewReader(`{"query":"{ userData { currentUser { id } } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+accessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
