//go:build e2e

package e2e

import (
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// A person enters their own client id in Settings (one shared public client
// pools every user's rate limit); the next sign-in, its exchange and the
// rate limit use that client.
func TestOwnClientIDFromSettings(t *testing.T) {
	const own = "my-own-client"
	s := newStack(t, stackOptions{autoApprove: "alice", moreClients: []string{own}})
	tb := newBrowser(t, "main")
	tb.open(s.url("/settings"))
	tb.waitText("settings-redirect-uri", s.url("/callback"))
	// The redirect URI is pre-rendered: wait for the app itself, or the
	// typing may go into the page before the app takes the field over.
	tb.appReady("settings-client-id")
	tb.typeInto("settings-client-id", own)
	tb.click("settings-save")
	tb.wait("settings-saved")

	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	authz := s.requests(provider.EndpointAuthorize)
	ex := s.tokenRequests("authorization_code")
	if len(authz) == 0 || len(ex) != 1 {
		t.Fatalf("%d authorize and %d token requests", len(authz), len(ex))
	}
	if got := authz[len(authz)-1].Query.Get("client_id"); got != own {
		t.Errorf("authorize client_id = %q, want the person's %q", got, own)
	}
	if got := ex[0].Form.Get("client_id"); got != own {
		t.Errorf("token client_id = %q, want %q", got, own)
	}
	if spent := s.provider.RateLimit(own).PointsSpent; spent == 0 {
		t.Errorf("the person's client was charged nothing for the first screen")
	}
	if spent := s.provider.RateLimit(provider.DefaultClientID).PointsSpent; spent != 0 {
		t.Errorf("the page's shared client was charged %v points", spent)
	}
}
