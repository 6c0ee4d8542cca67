//go:build !js

package provider

import (
	"sync/atomic"
	"time"
)

// reportCutoff hides the reports that start after a moment, as if they had not been
// uploaded yet: a test shows the app the older reports, then lifts the cutoff and checks
// that a return visit fetches only the new ones.
type reportCutoff struct {
	after atomic.Int64 // UNIX ms; 0: none hidden
}

// SetReportCutoff hides every report that starts after t from the API (listings and
// report(code)); the zero time shows them all again.
func (p *Provider) SetReportCutoff(t time.Time) {
	if t.IsZero() {
		p.users.cutoff.after.Store(0)
		return
	}
	p.users.cutoff.after.Store(t.UnixMilli())
}

// hidden reports whether the cutoff hides rep.
func (d *userDirectory) hidden(rep *report) bool {
	after := d.cutoff.after.Load()
	return after != 0 && rep.Start.UnixMilli() > after
}
