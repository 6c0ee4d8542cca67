//go:build e2e

package e2e

import "testing"

// Sign out from the keyboard keeps the focus on the page: signed out, the
// nav bar's Sign out is gone, and the focus goes to the page's <main>, where
// the page says the person is signed out, not to <body> (where a keyboard's
// next Tab starts over from the top). The button's busy state keeps the
// focus too (aria-disabled, not disabled: ui's TestBusyButtonsKeepTheFocus).
func TestSignOutKeepsTheKeyboardFocusOnThePage(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")

	tb.tabTo("signout", false) // past the skip link and the nav links
	tb.press("\r")
	tb.waitText("signout-notice", "signed out")
	tb.waitGone("signout")
	tb.pollJS("the focus to settle on the page", `document.activeElement && document.activeElement !== document.body ? "yes" : ""`)
	if id := evalJS[string](tb, `document.activeElement.id`); id != "pl-main" {
		t.Errorf("after signing out the focus is on %s, want the page's <main>", tb.focus())
	}
}
