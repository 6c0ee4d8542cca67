//go:build !js

// Command bench measures pkcelogs in headless Chromium against a plain
// JavaScript reference page doing the same PKCE sign-in and first query:
// payload, cold and warm start, sign-in round trip, cold start on a slow
// network, and memory after showing 100 reports. `make bench` builds the app
// first (make build) and runs it from the repository root; it writes
// docs/benchmarks.md and dev/bench/results.json.
//
// Each figure is the median, with min–max, of -runs runs per target; the
// targets alternate run by run so drift on a shared machine hits both alike.
// Every run uses a fresh browser profile.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/headless"
)

func main() {
	if err := benchMain(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	runs     int
	webDir   string
	outDir   string
	docPath  string
	jsonOut  string
	chrome   string
	notes    string
	variants bool
	floors   bool

	identityRuns int
	reportOnly   bool
	probe        int
	probeProfile bool
	probeTrace   string
	probeFloor   bool
	probeCold    int
	probeOther   string
}

func benchMain() error {
	var o options
	flag.IntVar(&o.runs, "runs", 7, "runs per target and figure (at least 7 for the published table)")
	flag.StringVar(&o.webDir, "web", "web", "directory holding the built app.wasm and wasm_exec.js (make build)")
	flag.StringVar(&o.outDir, "out", "dev/bench/out", "scratch directory for the exported site")
	flag.StringVar(&o.docPath, "doc", "docs/benchmarks.md", "Markdown report to write")
	flag.StringVar(&o.jsonOut, "json", "dev/bench/results.json", "JSON results to write")
	flag.StringVar(&o.notes, "notes", "dev/bench/notes.md", "hand-written findings appended to the report")
	flag.StringVar(&o.chrome, "chrome", os.Getenv("CHROME"), "Chromium to drive (default: $CHROME, else /usr/bin/chromium or chromium on PATH)")
	flag.BoolVar(&o.variants, "variants", true, "also build app.wasm other ways and report their sizes")
	flag.BoolVar(&o.floors, "floors", true, "also time the start-up of dev/bench/floor (go-app alone, and with net/http's client) served the same way")
	flag.IntVar(&o.identityRuns, "identity-runs", 3, "slow-network cold starts of the app with precompression off (0: skip)")
	flag.BoolVar(&o.reportOnly, "report-only", false, "rewrite the Markdown report and the budgets from the JSON results (after editing dev/bench/notes.md or how a budget is judged) without measuring")
	flag.IntVar(&o.probe, "probe", 0, "only profile the app's sign-in round trip this many times and print where the time goes (see probe.go)")
	flag.BoolVar(&o.probeProfile, "probe-profile", true, "with -probe: run V8's sampling profiler during the sign-in")
	flag.DurationVar(&probeIdle, "probe-idle", 0, "with -probe-trace: stay this long on the signed-out page before the sign-in click (a person reading it; the full build's warm-up runs while the page is idle)")
	flag.BoolVar(&o.probeFloor, "probe-floor", false, "with -probe-trace: record the go-app floor's cold and warm starts instead of the app's, for a side-by-side reading")
	flag.IntVar(&o.probeCold, "probe-cold", 0, "only time the signed-out cold start of the app, the go-app floor and the app's sign-in button alone, this many times each, and print their ratios (see probe_cold.go)")
	flag.StringVar(&o.probeOther, "probe-cold-other", "", "with -probe-cold: also time the app built in this web directory (another checkout's make build), in the same runs: a change's before → after")
	flag.StringVar(&o.probeTrace, "probe-trace", "", "only record Chromium traces of the app's cold and warm start, sign-in and a signed-in reload into PREFIX-{cold,warm,signin,reload}.json and print where the time goes")
	flag.Parse()
	if o.reportOnly {
		return rewriteReport(o)
	}
	if o.runs < 1 {
		return fmt.Errorf("-runs must be at least 1")
	}
	chrome, err := headless.Find(o.chrome)
	if err != nil {
		return err
	}
	for _, f := range []string{"app.wasm", "wasm_exec.js"} {
		if _, err := os.Stat(filepath.Join(o.webDir, f)); err != nil {
			return fmt.Errorf("%s is missing: run `make build` first (`make bench` does)", filepath.Join(o.webDir, f))
		}
	}

	s, err := startStack(o.webDir, o.outDir)
	if err != nil {
		return err
	}
	defer s.close()
	if o.probeCold > 0 {
		floors, _, err := s.addFloors(o.outDir)
		if err != nil {
			return err
		}
		targets := []*target{s.app, floors[0], floors[2]}
		if o.probeOther != "" {
			other, err := startStack(o.probeOther, filepath.Join(o.outDir, "other"))
			if err != nil {
				return fmt.Errorf("the build in %s: %w", o.probeOther, err)
			}
			defer other.close()
			other.app.name = "app built in " + o.probeOther
			targets = append(targets, other.app)
		}
		return probeCold(context.Background(), chrome, targets, o.probeCold)
	}
	if o.probeTrace != "" && o.probeFloor {
		floors, _, err := s.addFloors(o.outDir)
		if err != nil {
			return err
		}
		return traceStarts(context.Background(), chrome, floors[0], o.probeTrace, "cold", "warm")
	}
	if o.probeTrace != "" {
		return traceStarts(context.Background(), chrome, s.app, o.probeTrace)
	}
	if o.probe > 0 {
		return probe(context.Background(), chrome, s.app, o.probe, o.probeProfile)
	}
	fmt.Printf("bench: app %s, reference %s, provider %s; %d runs per target\n", s.app.origin, s.ref.origin, s.provider.URL, o.runs)

	res := &results{
		Date:    time.Now().UTC().Format(time.RFC3339),
		Command: "make bench",
		Runs:    o.runs,
		Machine: describeMachine(),
	}
	if res.Payload, err = measurePayload(s.siteDir); err != nil {
		return err
	}
	if o.variants {
		if res.Variants, err = measureVariants(filepath.Join(o.outDir, "variants")); err != nil {
			return err
		}
	}
	ctx := context.Background()
	res.Machine.Chromium = chromiumVersion(ctx, chrome)

	var floors []*target
	var floorSizes []int64
	if o.floors {
		if floors, floorSizes, err = s.addFloors(o.outDir); err != nil {
			return err
		}
	}
	runs := map[string][]run{}
	slow := map[string][]float64{}
	var idleSignIns []float64
	floorCold := make([][]float64, len(floors))
	floorWarm := make([][]float64, len(floors))
	floorBytes := make([][]float64, len(floors))
	floorSlow := make([][]float64, len(floors)) // those built with Slow
	for i := 0; i < o.runs; i++ {
		order := []*target{s.app, s.ref}
		if i%2 == 1 {
			order = []*target{s.ref, s.app}
		}
		for _, t := range order {
			r, err := measure(ctx, chrome, t)
			if err != nil {
				return fmt.Errorf("run %d, %s: %w", i+1, t.name, err)
			}
			fmt.Printf("bench: run %d %s: cold %.0f ms, warm %.0f ms, sign-in %.0f ms, %.0f kB, wasm %.1f MB, heap %.1f MB, rss %.0f MB (%d reports)\n",
				i+1, t.name, r.ColdMs, r.WarmMs, r.SignInMs, r.FirstLoadBytes/1e3, r.Memory.WasmBytes/1e6, r.Memory.JSHeapBytes/1e6, r.Memory.RSSBytes/1e6, r.ReportsShown)
			if i == 0 {
				fmt.Printf("bench: run 1 %s: first load: %s\n", t.name, r.FirstLoadDetail)
			}
			runs[t.name] = append(runs[t.name], r)
		}
		idle, err := measureIdleSignIn(ctx, chrome, s.app)
		if err != nil {
			return fmt.Errorf("run %d, app, sign-in after %v on the signed-out page: %w", i+1, idleBeforeSignIn, err)
		}
		fmt.Printf("bench: run %d app: sign-in after %v on the signed-out page %.0f ms\n", i+1, idleBeforeSignIn, idle)
		idleSignIns = append(idleSignIns, idle)
		for j, t := range floors {
			fr, err := measureStarts(ctx, chrome, t)
			if err != nil {
				return fmt.Errorf("run %d, %s: %w", i+1, t.name, err)
			}
			fmt.Printf("bench: run %d %s: cold %.0f ms, warm %.0f ms, %.0f kB\n", i+1, t.name, fr.ColdMs, fr.WarmMs, fr.FirstLoadBytes/1e3)
			floorCold[j] = append(floorCold[j], fr.ColdMs)
			floorWarm[j] = append(floorWarm[j], fr.WarmMs)
			floorBytes[j] = append(floorBytes[j], fr.FirstLoadBytes)
		}
	}
	for i := 0; i < o.runs; i++ {
		order := []*target{s.ref, s.app}
		if i%2 == 1 {
			order = []*target{s.app, s.ref}
		}
		for _, t := range order {
			ms, err := measureSlow(ctx, chrome, t)
			if err != nil {
				return fmt.Errorf("slow run %d, %s: %w", i+1, t.name, err)
			}
			fmt.Printf("bench: slow-network run %d %s: cold %.0f ms\n", i+1, t.name, ms)
			slow[t.name] = append(slow[t.name], ms)
		}
		// The stack's own floors on the same link: go-app with one button,
		// and the app's sign-in alone, served like the app (its page,
		// scripts and stylesheets).
		for j, t := range floors {
			if !floorBuilds[j].Slow {
				continue
			}
			ms, err := measureSlow(ctx, chrome, t)
			if err != nil {
				return fmt.Errorf("slow run %d, %s: %w", i+1, t.name, err)
			}
			fmt.Printf("bench: slow-network run %d %s: cold %.0f ms\n", i+1, t.name, ms)
			floorSlow[j] = append(floorSlow[j], ms)
		}
	}
	// What precompression buys on the slow link: the same cold start with the
	// raw files sent (fewer runs: each moves the whole uncompressed app.wasm).
	s.identity.Store(true)
	var raw []float64
	for i := 0; i < o.identityRuns; i++ {
		ms, err := measureSlow(ctx, chrome, s.app)
		if err != nil {
			// A side figure: a 13 MB download that times out on a loaded
			// machine is reported by its run count, not a lost benchmark.
			fmt.Printf("bench: slow-network run %d app, uncompressed: %v (left out)\n", i+1, err)
			continue
		}
		fmt.Printf("bench: slow-network run %d app, uncompressed: cold %.0f ms\n", i+1, ms)
		raw = append(raw, ms)
	}
	s.identity.Store(false)
	res.App = summarizeTarget(runs["app"], slow["app"])
	res.App.SignInIdleMs = summarize(idleSignIns)
	res.SlowUncompressedMs = summarize(raw)
	res.Ref = summarizeTarget(runs["ref"], slow["ref"])
	for j, t := range floors {
		f := floorFigures{Name: t.name, BrotliSize: floorSizes[j],
			ColdMs: summarize(floorCold[j]), WarmMs: summarize(floorWarm[j]), FirstLoad: summarize(floorBytes[j]),
			SlowColdMs: summarize(floorSlow[j])}
		res.Floors = append(res.Floors, f)
	}
	res.compare()

	notes, _ := os.ReadFile(o.notes)
	if err := writeReport(o.docPath, res, string(notes)); err != nil {
		return err
	}
	if err := writeJSON(o.jsonOut, res); err != nil {
		return err
	}
	fmt.Printf("bench: wrote %s and %s\n", o.docPath, o.jsonOut)
	return nil
}

// rewriteReport regenerates the Markdown report from the last JSON results.
func rewriteReport(o options) error {
	b, err := os.ReadFile(o.jsonOut)
	if err != nil {
		return fmt.Errorf("no results to report (run make bench first): %w", err)
	}
	var res results
	if err := json.Unmarshal(b, &res); err != nil {
		return fmt.Errorf("%s: %w", o.jsonOut, err)
	}
	// The budgets are judged again from the stored samples, so a change to
	// how one is judged reaches the report without measuring again.
	res.compare()
	if err := writeJSON(o.jsonOut, &res); err != nil {
		return err
	}
	notes, _ := os.ReadFile(o.notes)
	return writeReport(o.docPath, &res, string(notes))
}
