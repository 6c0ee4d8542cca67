//go:build e2e

package e2e

import (
	"net/url"
	"strings"
	"testing"
)

// callbackEntries are the history entries of the app's callback page: the
// pages Back could return to that finish a sign-in.
func (tb *tab) callbackEntries(s *stack) []string {
	tb.t.Helper()
	var out []string
	for _, h := range tb.history() {
		if u, err := url.Parse(h); err == nil && strings.HasPrefix(h, s.origin) && u.Path == "/callback" {
			out = append(out, h)
		}
	}
	return out
}

// clickInPage clicks the element with the data-testid from the page's own
// script: it works on a page restored from the back-forward cache, where
// chromedp's queries wait for a load event that never comes.
func (tb *tab) clickInPage(id string) {
	tb.t.Helper()
	tb.pollJS("["+id+"] to be clicked", `(() => { const e = document.querySelector(`+jsString("[data-testid=\""+id+"\"]")+`); if (!e) return ""; e.click(); return "clicked"; })()`)
}

// The callback leaves no history entry once it has finished: after signing
// in, the entry is the page the sign-in returns to, and Back goes to where
// the person was before (the site's consent page, then the home page), never
// to a callback with nothing left to finish.
func TestSignInLeavesNoCallbackInHistory(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.startSignIn()
	tb.approveAs("alice")
	tb.waitText("profile-name", "Alice")
	if got := tb.callbackEntries(s); len(got) > 0 {
		t.Errorf("the history keeps the callback %v; whole history %v", got, tb.history())
	}
	entries := tb.history()
	if last := entries[len(entries)-1]; last != s.url("/") {
		t.Errorf("the current history entry is %s, want the dashboard %s (history %v)", last, s.url("/"), entries)
	}

	tb.back()
	tb.pollJS("the page after going back to show something", `document.body && document.body.innerText.trim() ? "yes" : ""`)
	if u, err := url.Parse(tb.location()); err != nil || (strings.HasPrefix(tb.location(), s.origin) && u.Path == "/callback") {
		t.Errorf("Back after signing in landed on the callback %s", tb.location())
	}
	if codes := tb.errorCodes(); len(codes) > 0 {
		t.Errorf("Back after signing in shows errors %v", codes)
	}
}

// A failed sign-in (here: declined at the consent page) keeps its message on
// screen, but its history entry is the home page: a reload or Back from a
// later page does not come back to a callback with nothing to finish.
func TestFailedCallbackLeavesNoCallbackInHistory(t *testing.T) {
	s, tb := declinedSignIn(t)
	if got := tb.location(); got != s.url("/") {
		t.Errorf("after the declined sign-in the address is %s, want %s", got, s.url("/"))
	}
	if got := tb.callbackEntries(s); len(got) > 0 {
		t.Errorf("the history keeps the callback %v", got)
	}
	// Trying again and going Back from the consent page never shows a
	// callback page.
	tb.clickErrorAction("access-denied")
	tb.wait("consent-page")
	tb.back()
	tb.pollJS("the app's page after going back", `location.origin === `+jsString(s.origin)+` && document.body && document.body.innerText.trim() ? "yes" : ""`)
	if u, _ := url.Parse(tb.location()); u.Path == "/callback" {
		t.Errorf("Back from the consent page landed on the callback %s", tb.location())
	}
}
