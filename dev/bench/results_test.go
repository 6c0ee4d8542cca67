//go:build !js

package main

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		samples          []float64
		median, min, max float64
	}{
		{[]float64{5, 1, 3}, 3, 1, 5},
		{[]float64{4, 1, 3, 2}, 2.5, 1, 4},
		{[]float64{7}, 7, 7, 7},
	} {
		in := slices.Clone(tc.samples)
		f := summarize(tc.samples)
		if f.Median != tc.median || f.Min != tc.min || f.Max != tc.max {
			t.Errorf("summarize(%v) = median %v, min %v, max %v; want %v, %v, %v", in, f.Median, f.Min, f.Max, tc.median, tc.min, tc.max)
		}
		if !slices.Equal(tc.samples, in) || !slices.Equal(f.Samples, in) {
			t.Errorf("summarize(%v) reordered the samples: %v, kept %v", in, tc.samples, f.Samples)
		}
	}
	if f := summarize(nil); f.Median != 0 || f.Samples != nil {
		t.Errorf("summarize(nil) = %+v, want the zero figure (reported as not measured)", f)
	}
}

func TestRatio(t *testing.T) {
	for _, tc := range []struct{ a, b, want float64 }{
		{500, 50, 10},
		{50, 500, 0.1},
		{0, 50, 0},
		{50, 0, 0},
		{-1, 50, 0},
		{math.NaN(), 50, 0},
	} {
		if got := ratio(tc.a, tc.b); got != tc.want {
			t.Errorf("ratio(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// compare checks every budget of issue 14 against the medians, the time
// budgets against the floors of the same runs: at the limit is met, over it
// is not, and a figure that was not measured is never met.
func TestCompareBudgets(t *testing.T) {
	fig := func(v float64) figure { return figure{Median: v} }
	r := &results{
		Payload: payload{WasmBrotli: 2_500_000},
		App: targetFigures{ColdMs: fig(345), WarmMs: fig(230), SignInMs: fig(210), SlowColdMs: fig(2000),
			FirstLoadBytes: fig(1_500_000), WasmBytes: fig(0), ReportsShown: 100},
		Ref:    targetFigures{ColdMs: fig(100), WarmMs: fig(40), SignInMs: fig(60)},
		Floors: []floorFigures{{ColdMs: fig(300), WarmMs: fig(150)}, {ColdMs: fig(450), WarmMs: fig(200)}},
	}
	r.compare()
	want := map[string]bool{
		"signed-out cold start vs the go-app floor":       true,  // exactly 1.15×
		"first load, bytes before the button works":       true,  // 1.5 MB
		"slow-network cold start":                         false, // 2000 ms
		"sign-in round trip vs reference":                 true,  // 3.5×
		"warm start vs the floor + http client":           false, // 1.15×
		"app.wasm brotli (the console's parser included)": true,  // exactly at the limit
		"Go WASM memory after showing 100 reports":        false, // not measured
	}
	if len(r.Budgets) != len(want) {
		t.Fatalf("%d budgets, want %d: %+v", len(r.Budgets), len(want), r.Budgets)
	}
	for _, b := range r.Budgets {
		met, ok := want[b.Name]
		if !ok {
			t.Errorf("unexpected budget %q", b.Name)
		} else if b.Met != met {
			t.Errorf("%s: met = %v at %v (limit %v), want %v", b.Name, b.Met, b.Actual, b.Limit, met)
		}
	}
	if r.Ratios["cold_start"] != 3.45 || r.Ratios["slow_network_cold"] != 0 {
		t.Errorf("ratios %v", r.Ratios)
	}

	// At the limit by the medians (345 / 300) but over it run by run
	// (1.1, 1.3, 1.2): the cold start is judged on the larger, so missed.
	r.App.ColdMs = figure{Median: 345, Samples: []float64{330, 390, 345}}
	r.Floors[0].ColdMs = figure{Median: 300, Samples: []float64{300, 300, 287.5}}
	r.compare()
	for _, b := range r.Budgets {
		if b.Name == "signed-out cold start vs the go-app floor" && (b.Met || b.Actual != 1.2) {
			t.Errorf("cold start judged %v (met %v), want the run-by-run 1.2, missed", b.Actual, b.Met)
		}
	}
}

// Each budget that has one carries the stack's own figure on the same
// measure: the go-app floor's first load and slow-link start, the floor +
// http client's app.wasm, and for the round trip that floor's warm start
// plus the reference's own time from its code exchange to the profile.
func TestCompareFloors(t *testing.T) {
	fig := func(v float64) figure { return figure{Median: v} }
	r := &results{
		Payload: payload{WasmBrotli: 2_700_000},
		App:     targetFigures{ColdMs: fig(500), WarmMs: fig(200), SignInMs: fig(600), SlowColdMs: fig(2400), FirstLoadBytes: fig(1_630_000)},
		Ref:     targetFigures{ColdMs: fig(40), WarmMs: fig(20), SignInMs: fig(80), SignInPhases: phases{TokenStart: 20}},
		Floors: []floorFigures{
			{ColdMs: fig(420), WarmMs: fig(180), FirstLoad: fig(1_450_000), SlowColdMs: fig(2100)},
			{ColdMs: fig(520), WarmMs: fig(220), BrotliSize: 2_150_000},
		},
	}
	r.compare()
	want := map[string]float64{
		"first load, bytes before the button works":       1_450_000,
		"slow-network cold start":                         2100,
		"sign-in round trip vs reference":                 (220 + 80 - 20) / 80.0,
		"app.wasm brotli (the console's parser included)": 2_150_000,
	}
	for _, b := range r.Budgets {
		if w := want[b.Name]; b.Floor != w || (w > 0) != (b.FloorHow != "") {
			t.Errorf("%s: floor %v (%q), want %v", b.Name, b.Floor, b.FloorHow, w)
		}
	}

	// With the app's sign-in button alone measured, it is the first
	// visit's floor: the cold start's, the first load's and the slow link's.
	r.Floors = append(r.Floors, floorFigures{ColdMs: fig(483), FirstLoad: fig(1_610_000), SlowColdMs: fig(2050)})
	r.compare()
	want["signed-out cold start vs the go-app floor"] = 483 / 420.0
	want["first load, bytes before the button works"] = 1_610_000
	want["slow-network cold start"] = 2050
	for _, b := range r.Budgets {
		if w := want[b.Name]; b.Floor != w || (w > 0) != (b.FloorHow != "") {
			t.Errorf("with the sign-in alone, %s: floor %v (%q), want %v", b.Name, b.Floor, b.FloorHow, w)
		}
	}
	if got := r.Ratios["sign_in_alone_vs_floor"]; got != 483/420.0 {
		t.Errorf("sign-in alone vs floor %v", got)
	}
}

// The run-by-run ratio pairs each run's samples, skips runs missing either,
// and takes the median.
func TestPairedRatio(t *testing.T) {
	got := pairedRatio([]float64{110, 300, 0, 240}, []float64{100, 200, 90, 200})
	if got != 1.2 { // 1.1, 1.5, 1.2: median 1.2
		t.Errorf("pairedRatio = %v, want 1.2", got)
	}
	if got := pairedRatio(nil, []float64{1}); got != 0 {
		t.Errorf("pairedRatio with nothing to pair = %v, want 0", got)
	}
}

func TestMemoryBudgetNameSaysWhenFewerReportsWereShown(t *testing.T) {
	if got := memoryBudgetName(100); got != "Go WASM memory after showing 100 reports" {
		t.Errorf("100 reports: %q", got)
	}
	if got := memoryBudgetName(90); !strings.Contains(got, "90") || !strings.Contains(got, "budget says 100") {
		t.Errorf("90 reports: %q does not say that fewer than the budget's 100 were shown", got)
	}
}

func TestOverSaysByHowMuch(t *testing.T) {
	for _, tc := range []struct {
		b    budget
		want string
	}{
		{budget{Unit: "ratio", Limit: 4, Actual: 9}, "125%"},
		{budget{Unit: "ms", Limit: 2500, Actual: 2909}, "409 ms (16% over)"},
		{budget{Unit: "bytes", Limit: 1.9e6, Actual: 2.4e6}, "0.50 MB (26% over)"},
	} {
		if got := over(tc.b); got != tc.want {
			t.Errorf("over(%+v) = %q, want %q", tc.b, got, tc.want)
		}
	}
}

// The variants table builds what make build ships only if it reads the
// Makefile's flags: two lines, the signed-out build's extending the full
// build's, each flag a -gcflags one with inlining off somewhere.
func TestMakeGCFlags(t *testing.T) {
	app, lite, err := makeGCFlags("../..")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(app, "-gcflags=all=-l") {
		t.Errorf("app flags %q do not turn inlining off", app)
	}
	if len(lite) <= len(app) || !slices.Equal(lite[:len(app)], app) {
		t.Errorf("lite flags %q do not extend the app's %q", lite, app)
	}
	for _, f := range lite {
		if !strings.HasPrefix(f, "-gcflags=") {
			t.Errorf("flag %q is not a -gcflags one (quotes in the Makefile?)", f)
		}
	}
}
