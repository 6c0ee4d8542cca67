//go:build e2e

package e2e

import (
	"testing"
)

// The deployer chooses where tokens live (webapp.Config.Storage): session
// storage keeps the sign-in for this tab only (a reload keeps it, another tab
// does not see it); memory keeps it for this page only; neither writes the
// token to local storage.
func TestTokenStorageChoice(t *testing.T) {
	const (
		inLocal   = `localStorage.getItem("pkcelogs.token") ? "yes" : "no"`
		inSession = `sessionStorage.getItem("pkcelogs.token") ? "yes" : "no"`
	)
	t.Run("session", func(t *testing.T) {
		s := newStack(t, stackOptions{autoApprove: "alice", storage: "session"})
		tb := newBrowser(t, "main")
		tb.open(s.url("/"))
		tb.clickSignIn()
		tb.waitText("profile-name", "Alice")
		if got := evalJS[string](tb, inSession); got != "yes" {
			t.Errorf("token in session storage: %s", got)
		}
		if got := evalJS[string](tb, inLocal); got != "no" {
			t.Errorf("token in local storage: %s", got)
		}
		tb.reload()
		tb.waitText("profile-name", "Alice")
		other := tb.newTab("other")
		other.open(s.url("/"))
		other.wait("signin-button")
		if other.visible("profile-name") {
			t.Errorf("another tab sees a session-storage sign-in")
		}
	})
	t.Run("memory", func(t *testing.T) {
		s := newStack(t, stackOptions{autoApprove: "alice", storage: "memory"})
		tb := newBrowser(t, "main")
		tb.open(s.url("/"))
		tb.clickSignIn()
		tb.waitText("profile-name", "Alice")
		if got := evalJS[string](tb, "("+inLocal+") + \"/\" + ("+inSession+")"); got != "no/no" {
			t.Errorf("token in local/session storage: %s", got)
		}
		tb.reload()
		tb.wait("signin-button")
		if tb.visible("profile-name") {
			t.Errorf("a memory-only sign-in survived a reload")
		}
	})
}
