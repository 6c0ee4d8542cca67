//go:build !js

package ui

import (
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin and Asia/Kolkata wherever the tests run
)

func mustLoadLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// The host build answers with the tab's time zone, or time.Local: each
// instant at its own offset, summer or winter.
func TestHostUTCOffsetIsTheInstants(t *testing.T) {
	p := newHostPlatform("http://127.0.0.1:8000/")
	p.zone = mustLoadLocation(t, "Europe/Berlin")
	for _, tt := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), "2026-07-01 14:00 UTC+2"},
		{time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC), "2026-12-01 13:00 UTC+1"},
	} {
		if got := formatLocal(tt.at, p.UTCOffset); got != tt.want {
			t.Errorf("in Europe/Berlin %v = %q, want %q", tt.at, got, tt.want)
		}
		if got := formatLocal(tt.at, p.newTab("http://127.0.0.1:8000/").UTCOffset); got != tt.want {
			t.Errorf("another tab of the same browser: %v = %q, want %q", tt.at, got, tt.want)
		}
	}

	p.zone = nil
	at := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	if got, want := formatLocal(at, p.UTCOffset), at.Local().Format("2006-01-02 15:04"); got[:len(want)] != want {
		t.Errorf("without a zone the tab uses time.Local (%v): %q, want %q…", time.Local, got, want)
	}
}
