//go:build !js

package ui

import (
	"strings"
	"testing"
)

// The signed-out home page names the site the deployer fixed (here the
// harness's custom provider, "Local Logs"), and the Logs sites only when the
// person chooses among them.
func TestHomePageNamesTheFixedSite(t *testing.T) {
	for _, tt := range []struct {
		fixed       bool
		want, never string
	}{
		{fixed: true, want: "Sign in to Local Logs to see", never: allLogsSites},
		{fixed: false, want: "Sign in to " + allLogsSites + " to see", never: "Local Logs to see"},
	} {
		s := testSession(t, func(o *Options) { o.FixedSite = tt.fixed })
		d := mount(t, &HomePage{Session: s})
		page := html(d)
		d.Close()
		mustContain(t, page, `data-testid="welcome-text"`, tt.want)
		if strings.Contains(page, tt.never) {
			t.Errorf("fixed site %v: the home page says %q", tt.fixed, tt.never)
		}
	}
}
