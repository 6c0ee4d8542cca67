package ui

import (
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

func TestShareFragmentRoundTrip(t *testing.T) {
	for _, tc := range []struct{ q, v string }{
		{"{ userData { currentUser { id } } }", ""},
		{"query($id: Int) {\n  userData { user(id: $id) { name } }\n} # ünïcode ✓ &=#?", `{"id": 2}`},
	} {
		f := shareFragment(tc.q, tc.v)
		if strings.ContainsAny(f, "#?/ {}\n") {
			t.Errorf("fragment %q has characters a link would mangle", f)
		}
		q, v, ok := sharedQuery(f)
		if !ok || q != tc.q || v != tc.v {
			t.Errorf("sharedQuery(shareFragment(%q, %q)) = %q, %q, %v", tc.q, tc.v, q, v, ok)
		}
	}
	for _, f := range []string{"", "x=1", "q=%%%", "q=!!!", "q=e30&v=!!"} {
		if _, _, ok := sharedQuery(f); ok {
			t.Errorf("sharedQuery(%q) read a query", f)
		}
	}
}

func TestCostText(t *testing.T) {
	before := &logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 10}
	after := &logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 12.5}
	if got, want := costText(before, after), "This query cost 2.5 points; 3587.5 of 3600 points left this hour."; got != want {
		t.Errorf("costText = %q, want %q", got, want)
	}
	if got, want := costText(nil, after), "3587.5 of 3600 points left this hour."; got != want {
		t.Errorf("costText without a reading before = %q, want %q", got, want)
	}
	if got := costText(before, nil); got != "" {
		t.Errorf("costText without a reading after = %q, want nothing", got)
	}
	// The hour reset in between: the cost is unknown.
	if got := costText(&logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 100}, after); strings.Contains(got, "cost") {
		t.Errorf("costText across a reset = %q, claims a cost", got)
	}
}

func TestUTF16Offsets(t *testing.T) {
	s := "a😀b\nç{"
	for runes, units := range map[int]int{0: 0, 1: 1, 2: 3, 3: 4, 5: 6, 6: 7} {
		if got := unitOffset(s, runes); got != units {
			t.Errorf("unitOffset(%d) = %d, want %d", runes, got, units)
		}
		if got := runeOffset(s, units); got != runes {
			t.Errorf("runeOffset(%d) = %d, want %d", units, got, runes)
		}
	}
}

func TestFailedHasNoResult(t *testing.T) {
	for _, tc := range []struct {
		res  logsapi.RawResult
		want bool
	}{
		{logsapi.RawResult{Data: []byte("null"), Errors: []logsapi.GraphQLError{{Message: "Syntax Error"}}}, true},
		{logsapi.RawResult{Data: []byte(`{"a":1}`), Errors: []logsapi.GraphQLError{{Message: "partial"}}}, false},
		{logsapi.RawResult{Data: []byte("null")}, false},
	} {
		if got := failed(&tc.res); got != tc.want {
			t.Errorf("failed(%s, %d errors) = %v", tc.res.Data, len(tc.res.Errors), got)
		}
	}
}
