//go:build !js

package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
)

// testSession is a session over a fresh in-memory browser, configured for a
// custom site named "Local Logs" on loopback.
func testSession(t *testing.T, edit func(*Options)) *Session {
	t.Helper()
	site, err := sites.Custom{ID: "custom", Name: "Local Logs", AuthorizeURL: "http://127.0.0.1:8001/oauth/authorize",
		TokenURL: "http://127.0.0.1:8001/oauth/token", APIURL: "http://127.0.0.1:8001/api/v2/user"}.Site()
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Site: site, ClientID: "pkcelogs-local", Storage: StorageLocal}
	if edit != nil {
		edit(&opts)
	}
	return session.New(opts, nil, session.NewMemoryBrowser("http://127.0.0.1:8000/"))
}

// mount renders c with go-app's client tester and runs its async work to the end.
func mount(t *testing.T, c app.UI) app.ClientDispatcher {
	t.Helper()
	d := app.NewClientTester(c)
	d.Consume()
	return d
}

// html is the rendered page, for assertions on what a person sees. The
// tester's Consume stops after a frame, and components mounted by that frame
// queue their OnMount for the next: consume until the page stops changing,
// as the browser's engine loop would.
func html(d app.ClientDispatcher) string {
	page := ""
	for i := 0; i < 10; i++ {
		d.Consume()
		next := app.HTMLString(d.Context().Src())
		if next == page {
			break
		}
		page = next
	}
	return page
}

func mustContain(t *testing.T, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q:\n%s", w, page)
		}
	}
}

func mustNotContain(t *testing.T, page string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(page, w) {
			t.Errorf("page has %q:\n%s", w, page)
		}
	}
}
