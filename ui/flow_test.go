//go:build ignore

// TODO(lead): rewritten with the session package

package ui

import (
	"strings"
	"testing"
)

func TestSignInShowsDashboard(t *testing.T) {
	h := newHarness(t)
	h.signIn()

	// The address bar lost code and state before anything else.
	if len(h.tab.replaced) == 0 || strings.Contains(h.tab.url, "code=") || strings.Contains(h.tab.url, "state=") {
		t.Fatalf("address bar still holds the callback: %q (replaced %q)", h.tab.url, h.tab.replaced)
	}
	d := mount(t, &HomePage{Session: h.s})
	defer d.Close()
	page := html(d)
	mustContain(t, page, `data-state="signed-in"`, `data-testid="profile-name"`, "alice", `data-testid="guild"`,
		`data-testid="character"`, `data-visibility="private"`, `data-testid="ratelimit-spent"`)
	if n := tokenRequests(h.prov); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
}
