//go:build !js

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// probeCold times only the signed-out cold start of the app, of the go-app
// floor and of the app's sign-in button alone (and of another build of the
// app, with -probe-cold-other), each run's targets in a rotating order in
// fresh browsers, and prints the medians and their ratios to the floor
// (targets[1]): the first budget and its floor without the rest of
// make bench, for trying a change to the signed-out build in a few minutes.
// It also prints when each page's module was instantiated, which splits a
// start into fetching and compiling app.wasm and running it, and the page's
// own marks (ui.PerfMark: from main to the usable button is the app's own
// start, less noisy than the whole). make bench's table stays the figure of
// record.
func probeCold(ctx context.Context, chrome string, targets []*target, n int) error {
	cold := make([][]float64, len(targets))
	after := make([][]float64, len(targets)) // from the instantiated module to the usable button
	bytes := make([][]float64, len(targets))
	marks := make([]map[string][]float64, len(targets)) // the page's own pkcelogs: marks
	fromMain := make([][]float64, len(targets))         // from Go's main to the usable button
	for i := 0; i < n; i++ {
		for k := range targets {
			j := (i + k) % len(targets)
			t := targets[j]
			r, inst, own, err := coldStart(ctx, chrome, t)
			if err != nil {
				return fmt.Errorf("run %d, %s: %w", i+1, t.name, err)
			}
			fmt.Printf("cold: run %d %s: cold %.0f ms (module instantiated at %.0f), %.0f kB%s\n", i+1, t.name, r.ColdMs, inst, r.FirstLoadBytes/1e3, marksLine(own))
			if marks[j] == nil {
				marks[j] = map[string][]float64{}
			}
			for name, at := range own {
				marks[j][name] = append(marks[j][name], at)
			}
			if at, ok := own["main"]; ok {
				fromMain[j] = append(fromMain[j], r.ColdMs-at)
			}
			cold[j] = append(cold[j], r.ColdMs)
			after[j] = append(after[j], r.ColdMs-inst)
			bytes[j] = append(bytes[j], r.FirstLoadBytes)
		}
	}
	floor := summarize(cold[1]).Median
	for j, t := range targets {
		c := summarize(cold[j])
		fmt.Printf("cold: %s: %.0f ms (%.0f–%.0f), %.2f× the floor (run by run %.2f×); %.0f ms of it after the module was instantiated; first load %.2f MB\n",
			t.name, c.Median, c.Min, c.Max, ratio(c.Median, floor), pairedRatio(cold[j], cold[1]), summarize(after[j]).Median, summarize(bytes[j]).Median/1e6)
		names := make([]string, 0, len(marks[j]))
		for name := range marks[j] {
			names = append(names, name)
		}
		sort.Slice(names, func(a, b int) bool {
			return summarize(marks[j][names[a]]).Median < summarize(marks[j][names[b]]).Median
		})
		for _, name := range names {
			fmt.Printf("cold:   %s at %.0f ms (median of %d)\n", name, summarize(marks[j][name]).Median, len(marks[j][name]))
		}
		if len(fromMain[j]) > 0 {
			m := summarize(fromMain[j])
			fmt.Printf("cold:   from main to the usable button %.0f ms (%.0f–%.0f)\n", m.Median, m.Min, m.Max)
		}
	}
	return nil
}

// coldStart is one cold start in a fresh browser, when the page's
// WebAssembly module was instantiated, and the page's own User Timing marks
// (ui.PerfMark's, without their "pkcelogs:" prefix), all in ms since
// navigation start.
func coldStart(ctx context.Context, chrome string, t *target) (r run, instantiated float64, marks map[string]float64, err error) {
	b, err := newBrowser(ctx, chrome, nil)
	if err != nil {
		return r, 0, nil, err
	}
	defer b.close()
	b.resetBytes()
	if err := b.navigate(t.home()); err != nil {
		return r, 0, nil, err
	}
	if r.ColdMs, err = b.waitMark("ready"); err != nil {
		return r, 0, nil, err
	}
	if instantiated, err = b.waitMark("instantiated"); err != nil {
		return r, 0, nil, err
	}
	time.Sleep(time.Second) // what the page fetches right after it is usable counts too
	r.FirstLoadBytes = b.transferred()
	// A mark made again is named with its count ("render #2").
	own, err := b.eval(`(() => { const seen = {}, out = {};
		for (const m of performance.getEntriesByType("mark")) {
			if (!m.name.startsWith("pkcelogs:")) continue;
			const name = m.name.slice(9), n = (seen[name] || 0) + 1;
			seen[name] = n;
			out[n > 1 ? name + " #" + n : name] = m.startTime;
		}
		return JSON.stringify(out); })()`)
	if err == nil {
		err = json.Unmarshal([]byte(own), &marks)
	}
	if err != nil {
		return r, 0, nil, fmt.Errorf("reading the page's marks: %w", err)
	}
	return r, instantiated, marks, nil
}

// marksLine lists a run's own marks in time order, for the run's line.
func marksLine(marks map[string]float64) string {
	names := make([]string, 0, len(marks))
	for name := range marks {
		names = append(names, name)
	}
	sort.Slice(names, func(a, b int) bool { return marks[names[a]] < marks[names[b]] })
	line := ""
	for _, name := range names {
		line += fmt.Sprintf("; %s %.0f", name, marks[name])
	}
	return line
}
