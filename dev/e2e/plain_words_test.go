//go:build e2e

package e2e

import (
	"strings"
	"testing"
)

// Declining at the site reads in plain words ("You chose not to give
// pkcelogs access"), with "Try again" as the main action; the site's OAuth
// words (access_denied and its description) are folded away in a closed
// <details> that opens on request.
func TestDeclinedSignInInPlainWords(t *testing.T) {
	_, tb := declinedSignIn(t)
	msg := tb.wait("error-message")
	if !strings.Contains(msg, "You chose not to give pkcelogs access") {
		t.Errorf("the message is not in plain words: %q", msg)
	}
	if strings.Contains(msg, "access_denied") || strings.Contains(msg, "resource owner") {
		t.Errorf("the message shows the site's OAuth words: %q", msg)
	}
	if label, _ := tb.errorAction("access-denied"); label != "Try again" {
		t.Errorf("the main action is %q, want Try again", label)
	}
	if tb.visible("error-detail") {
		t.Errorf("the technical detail is not folded away: %q", tb.textNow("error-detail"))
	}
	tb.clickCSS(`[data-testid="error-details"] summary`)
	if detail := tb.wait("error-detail"); !strings.Contains(detail, "access_denied") {
		t.Errorf("the technical detail lacks the site's words: %q", detail)
	}
}
