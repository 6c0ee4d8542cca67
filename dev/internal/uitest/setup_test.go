//go:build !js

package uitest

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/ui"
)

// withGame runs the harness's provider as game's site (provider.GameFFXIV,
// provider.GameESO; Warcraft Logs without it).
func withGame(game string) harnessOption {
	return func(p *provider.Options, _ *ui.Options) { p.Game = game }
}

// signedIn runs a whole sign-in in the tab and mounts c (built with
// Session: h.s), closed when the test ends: the set-up of every test of a
// signed-in view.
func (h *harness) signedIn(c app.UI) app.ClientDispatcher {
	h.t.Helper()
	h.signIn()
	d := mount(h.t, c)
	h.t.Cleanup(d.Close)
	return d
}

// returnVisit is the person coming back once the reports the provider's
// cutoff hid are uploaded: the provider shows them all and forgets the
// requests so far, and the tab loads the page again with view (given the
// new page's session); it returns the page once the explorer has finished.
func (h *harness) returnVisit(view func(*ui.Session) app.UI) string {
	h.t.Helper()
	h.prov.SetReportCutoff(time.Time{})
	h.prov.ResetRequests()
	h.reload()
	d := mount(h.t, view(h.s))
	h.t.Cleanup(d.Close)
	return settle(h.t, d)
}
