//go:build e2e

package e2e

import (
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Saving a client id while signed in says the current sign-in still uses
// the old client and offers to sign in again right there, which then uses
// the new one; going back to the page's client clears the "Saved" message.
func TestSettingsSavedWhileSignedIn(t *testing.T) {
	const own = "my-own-client"
	s := newStack(t, stackOptions{autoApprove: "alice", moreClients: []string{own}})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")

	tb.click("nav-settings")
	tb.typeInto("settings-client-id", own)
	tb.click("settings-save")
	tb.waitText("settings-saved", "sign in again")
	if role := evalJS[string](tb, `document.querySelector('[data-testid="settings-saved"]').getAttribute("role") || ""`); role != "status" {
		t.Errorf("the saved message is not announced (role %q)", role)
	}
	tb.click("settings-signin")
	tb.pollJS("the sign-in to come back to settings", `location.pathname === "/settings" && document.querySelector('[data-testid="settings-session"]') &&
		/my-own-client/.test(document.querySelector('[data-testid="settings-session"]').innerText) ? "yes" : ""`)
	authz := s.requests(provider.EndpointAuthorize)
	if got := authz[len(authz)-1].Query.Get("client_id"); got != own {
		t.Errorf("signing in again used client_id %q, want %q", got, own)
	}

	tb.typeInto("settings-client-id", own+"-2")
	tb.click("settings-save")
	tb.waitText("settings-saved", "saved")
	tb.click("settings-reset")
	// The message goes; its status region stays (empty and visually hidden),
	// so that the next "Saved" arriving in it is read out.
	tb.pollJS("the saved message to go", `(() => { const e = document.querySelector('[data-testid="settings-saved"]');
		return e && e.getAttribute("role") === "status" && e.textContent.trim() === "" ? "gone" : ""; })()`)
	tb.waitText("settings-in-use", "this page's client")
}
