//go:build !js

package ui

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
)

// navOf is the <nav> element of a rendered page, each tag's attributes in
// name order (go-app writes them in map order).
func navOf(t *testing.T, page string) string {
	t.Helper()
	start := strings.Index(page, "<nav")
	end := strings.Index(page, "</nav>")
	if start < 0 || end < start {
		t.Fatalf("the page has no nav bar:\n%s", page)
	}
	return tagRE.ReplaceAllStringFunc(page[start:end+len("</nav>")], func(tag string) string {
		m := tagRE.FindStringSubmatch(tag) // live_test.go's
		attrs := attrRE.FindAllString(m[3], -1)
		if m[1] != "" || len(attrs) == 0 {
			return tag
		}
		sort.Strings(attrs)
		return "<" + m[2] + " " + strings.Join(attrs, " ") + ">"
	})
}

var attrRE = regexp.MustCompile(`[a-zA-Z-]+(="[^"]*")?`)

// The signed-out build's home page draws the nav bar as plain elements; it
// must be the bar the full build's Nav draws for someone signed out, with
// the home page's link marked current. (The tester's page has no path, so
// there the full build's Nav marks no link.)
func TestLiteHomePageNavIsTheSignedOutNav(t *testing.T) {
	t.Parallel()
	full := mount(t, &HomePage{Session: testSession(t, nil)})
	defer full.Close()
	lite := mount(t, &LiteHomePage{Session: testSession(t, nil)})
	defer lite.Close()
	want, got := navOf(t, html(full)), navOf(t, html(lite))
	current := strings.NewReplacer(`aria-current="page" `, "", " pl-nav-current", "")
	if current.Replace(got) != want {
		t.Errorf("the signed-out build's nav bar differs from the full build's:\n got %s\nwant %s", got, want)
	}
	mustContain(t, got, `<a aria-current="page" class="pl-nav-link pl-nav-current" data-testid="nav-home" href="/">`)
	mustNotContain(t, got, `data-testid="nav-user"`, "Sign out")
	if n := strings.Count(got, `aria-current`); n != 1 {
		t.Errorf("%d links are marked current, want 1:\n%s", n, got)
	}
}

// A notice's place on the home page is an empty element until there is one,
// then the error view in that same place, in both builds.
func TestHomeNoticeSlots(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		page func(*Session) app.Composer
	}{
		{"full", func(s *Session) app.Composer { return &HomePage{Session: s} }},
		{"signed-out build", func(s *Session) app.Composer { return &LiteHomePage{Session: s} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := mount(t, tt.page(testSession(t, nil)))
			page := html(d)
			d.Close()
			if n := strings.Count(page, `class="pl-error-none"`); n != 2 {
				t.Errorf("%d empty notice places, want 2:\n%s", n, page)
			}
			mustNotContain(t, page, "data-error=")

			tab := session.NewMemoryBrowser(testOrigin + "/")
			tab.SetStorage(true, false) // refused before the page starts
			d = mount(t, tt.page(session.New(testSession(t, nil).Options(), nil, tab)))
			defer d.Close()
			page = html(d)
			mustContain(t, page, `data-error="storage-disabled"`, `data-testid="signin-button"`)
			if n := strings.Count(page, `class="pl-error-none"`); n != 1 {
				t.Errorf("%d empty notice places beside the storage error, want 1:\n%s", n, page)
			}
		})
	}
}
