//go:build !js

package ui

import (
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// ErrorView shows the plain words and folds the technical detail away in a
// closed <details>: the site's "access_denied" and its description are
// there for whoever opens it, not in the message.
func TestErrorViewFoldsTheDetailAway(t *testing.T) {
	err := &pkce.OAuthError{Code: "access_denied", Description: "The resource owner or authorization server denied the request",
		Hint: "The resource owner denied the request", Endpoint: pkce.EndpointAuthorize, Site: "Local Logs"}
	d := mount(t, &ErrorView{Err: err, Session: testSession(t, nil)})
	defer d.Close()
	page := html(d)
	mustContain(t, page, "You chose not to give pkcelogs access", `data-testid="error-details"`, "Technical details")
	msg := page[strings.Index(page, `data-testid="error-message"`):]
	msg = msg[:strings.Index(msg, "</p>")]
	if strings.Contains(msg, "access_denied") || strings.Contains(msg, "resource owner") {
		t.Errorf("the message shows the site's OAuth words: %s", msg)
	}
	details := page[strings.Index(page, "<details"):]
	details = details[:strings.Index(details, "</details>")]
	if strings.Contains(details, " open") {
		t.Errorf("the detail is not folded away: %s", details)
	}
	for _, want := range []string{"access_denied", "The resource owner or authorization server denied the request"} {
		if !strings.Contains(details, want) {
			t.Errorf("the folded detail lacks %q: %s", want, details)
		}
	}
	// An error whose message is all there is has nothing to fold.
	d2 := mount(t, &ErrorView{Err: pkce.ErrNotSignedIn, Session: testSession(t, nil)})
	defer d2.Close()
	mustNotContain(t, html(d2), "<details")
}
