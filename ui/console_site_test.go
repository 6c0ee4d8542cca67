//go:build !pkcelogs_lite && !js

package ui

import (
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/gqlwork"
)

// Signing in to another site (in another tab) moves the console to it: the
// previous site's schema, marks and saved queries go, and the new site's
// saved queries come; the query typed stays.
func TestConsoleFollowsTheSite(t *testing.T) {
	s := testSession(t, nil)
	a := s.SiteID()
	var b string
	for _, site := range s.Sites() {
		if site.ID != a {
			b = site.ID
			break
		}
	}
	if err := storeSaved(s, a, []saved{{Name: "from " + a, Query: "{ a }"}}); err != nil {
		t.Fatal(err)
	}
	if err := storeSaved(s, b, []saved{{Name: "from " + b, Query: "{ b }"}}); err != nil {
		t.Fatal(err)
	}
	c := &Console{Session: s, Query: "{ typed }"}
	d := mount(t, c)
	defer d.Close()
	if len(c.saved) != 1 || c.saved[0].Name != "from "+a {
		t.Fatalf("on %s the console holds the saved queries %+v", a, c.saved)
	}
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(app.Context) {
		c.schema, c.schemaNote, c.marks = &gqlwork.Schema{}, "Checked against "+a+".", []mark{{}}
	}})
	d.Consume()

	if err := s.ChooseSite(b); err != nil { // what a sign-in to b in another tab changes
		t.Fatal(err)
	}
	d.Consume()
	if c.site != b || len(c.saved) != 1 || c.saved[0].Name != "from "+b {
		t.Errorf("after the move to %s the console is on %q with the saved queries %+v", b, c.site, c.saved)
	}
	if c.schema != nil || c.schemaNote != "" || c.marks != nil {
		t.Errorf("after the move to %s the console keeps %s's schema (%q) or marks (%d)", b, a, c.schemaNote, len(c.marks))
	}
	if c.query != "{ typed }" {
		t.Errorf("the move dropped the query typed: %q", c.query)
	}
}
