//go:build !js

package provider

import (
	"testing"
	"time"
)

// FixtureReportsOf is one person's list as the API shows it under a cutoff,
// and FixtureDays counts every one of those reports once.
func TestFixtureReportsOfAndDays(t *testing.T) {
	all := FixtureReportsOf(GameWarcraft, UserAlice, time.Time{})
	cut := all[3].Start
	some := FixtureReportsOf(GameWarcraft, UserAlice, cut)
	if len(all) == 0 || len(some) != len(all)-3 || some[0].Code != all[3].Code {
		t.Fatalf("%d reports, %d under the cutoff (first %s, want %s)", len(all), len(some), some[0].Code, all[3].Code)
	}
	for i, r := range some {
		if r.Owner != UserAlice || r.Start.After(cut) || (i > 0 && r.Start.After(some[i-1].Start)) {
			t.Fatalf("report %d (%s, %s, %v) is not alice's, newest first, up to the cutoff", i, r.Code, r.Owner, r.Start)
		}
	}
	n, private := 0, 0
	for _, c := range FixtureDays(all, time.UTC) {
		n, private = n+c[0], private+c[1]
	}
	if n != len(all) {
		t.Errorf("the days count %d reports, want %d", n, len(all))
	}
	if in5 := FixturePrivateIn(all, 5); in5 == 0 || in5 > private {
		t.Errorf("%d private reports in guild 5, %d private in all", in5, private)
	}
}
