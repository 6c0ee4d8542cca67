//go:build e2e

package e2e

import "testing"

// Every page has its own title, in the pre-rendered page and after moving
// between pages in the app (and back).
func TestEveryPageHasItsOwnTitle(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	title := func(want, after string) {
		t.Helper()
		tb.pollJS("the title "+want+" after "+after, `document.title === `+jsString(want)+` ? "yes" : ""`)
	}
	tb.open(s.url("/settings"))
	if got := evalJS[string](tb, `document.title`); got != "Settings – pkcelogs" {
		t.Errorf("the pre-rendered settings page is titled %q", got)
	}
	tb.appReady("settings-client-id")
	tb.open(s.url("/callback")) // signed out, it stays to explain
	tb.appReady("error")
	title("Signing in – pkcelogs", "opening the callback")
	tb.click("nav-home")
	title("Dashboard – pkcelogs", "going to the dashboard")
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	title("Dashboard – pkcelogs", "signing in")
	tb.click("nav-console")
	title("Console – pkcelogs", "going to the console")
	tb.back()
	title("Dashboard – pkcelogs", "going back")
	tb.open(s.url("/nowhere"))
	title("Page not found – pkcelogs", "opening an unknown address")
}
