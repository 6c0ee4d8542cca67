//go:build !js

package main

// -probe N: a narrow look at the app's sign-in round trip for performance
// work. It runs only the app's cold → warm → sign-in sequence N times, with
// V8's sampling profiler on from the navigation to the callback URL until
// the profile shows, and prints the figures, the phases and where the CPU
// time went (self and inclusive time per function, summed over the runs).
// -probe-profile=false leaves the profiler off (it slows the page down).
// Build the app without -s -w (WASM_FLAGS="-trimpath -tags nethttpomithttp2"
// make build) to see Go function names rather than wasm indices.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// timelineJS lists, in ms after navigation start, the page's response and
// DOMContentLoaded, every resource's start and end, and every User Timing mark.
const timelineJS = `JSON.stringify([["nav", Math.round(performance.getEntriesByType("navigation")[0].responseEnd), Math.round(performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd)]].concat(
  performance.getEntriesByType("resource").map(e => [e.name.replace(location.origin, ""), Math.round(e.startTime), Math.round(e.responseEnd)]),
  performance.getEntriesByType("mark").map(m => [m.name, Math.round(m.startTime)])))`

func probe(ctx context.Context, chrome string, t *target, n int, profile bool) error {
	self := map[string]float64{}
	incl := map[string]float64{}
	var signIns, warms []float64
	for i := 0; i < n; i++ {
		b, err := newBrowser(ctx, chrome, nil)
		if err != nil {
			return err
		}
		if err := b.navigate(t.home()); err != nil {
			b.close()
			return err
		}
		if _, err := b.waitMark("ready"); err != nil {
			b.close()
			return err
		}
		timeline, _ := b.eval(timelineJS)
		fmt.Printf("probe %d cold timeline: %s\n", i+1, timeline)
		b.evalNumber(`navigator.serviceWorker.ready.then(() => 1)`)
		if err := b.navigate(t.home()); err != nil {
			b.close()
			return err
		}
		warm, err := b.waitMark("ready")
		if err != nil {
			b.close()
			return err
		}
		warms = append(warms, warm)
		timeline, _ = b.eval(timelineJS)
		fmt.Printf("probe %d warm timeline: %s\n", i+1, timeline)
		caught := t.cb.arm()
		b.eval(`document.querySelector('[data-testid="signin-button"]').click(), ""`)
		var cbURL string
		select {
		case cbURL = <-caught:
		case <-time.After(waitLimit):
			b.close()
			return fmt.Errorf("no callback")
		}
		time.Sleep(300 * time.Millisecond)
		if profile {
			if err := startProfiler(b.ctx); err != nil {
				b.close()
				return err
			}
		}
		if err := b.navigate(cbURL); err != nil {
			b.close()
			return err
		}
		ms, err := b.waitMark("profile")
		if err != nil {
			b.close()
			return err
		}
		var prof *profiler.Profile
		if profile {
			stopped, err := chromedp.Call(b.ctx, profiler.Stop, cdp.Empty{})
			if err != nil {
				b.close()
				return err
			}
			prof = stopped.Profile
		}
		var ph phases
		if text, err := b.eval(phasesJS); err == nil {
			_ = json.Unmarshal([]byte(text), &ph)
		}
		goMarks, _ := b.eval(`JSON.stringify(performance.getEntriesByType("mark").map(m => [m.name, Math.round(m.startTime)]))`)
		fmt.Printf("probe %d: warm %.0f ms, sign-in %.0f ms; wasm %.0f, token %.0f–%.0f, api %.0f–%.0f; marks %s\n",
			i+1, warm, ms, ph.WasmFetched, ph.TokenStart, ph.TokenEnd, ph.APIStart, ph.APIEnd, goMarks)
		signIns = append(signIns, ms)
		addProfile(prof, self, incl)
		b.close()
	}
	for i := 0; i < n; i++ {
		b, err := newBrowser(ctx, chrome, slowNetwork)
		if err != nil {
			return err
		}
		err = b.navigate(t.home())
		if err == nil {
			_, err = b.waitMark("ready")
		}
		if err != nil {
			b.close()
			return fmt.Errorf("slow-network cold start: %w", err)
		}
		timeline, _ := b.eval(timelineJS)
		fmt.Printf("probe %d slow-network cold timeline: %s\n", i+1, timeline)
		b.close()
	}
	fmt.Printf("probe: warm median %.0f ms, sign-in median %.0f ms\n", summarize(warms).Median, summarize(signIns).Median)
	printTop("self", self, n, 40)
	printTop("inclusive", incl, n, 60)
	return nil
}

func startProfiler(ctx context.Context) error {
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{})
	return err
}

// addProfile adds a profile's self and inclusive time (ms) per function.
func addProfile(p *profiler.Profile, self, incl map[string]float64) {
	if p == nil {
		return
	}
	byID := map[int64]*profiler.ProfileNode{}
	parent := map[int64]int64{}
	for _, n := range p.Nodes {
		byID[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	name := func(n *profiler.ProfileNode) string {
		f := n.CallFrame.FunctionName
		if f == "" {
			f = "(anonymous)"
		}
		return f
	}
	for i, id := range p.Samples {
		if i >= len(p.TimeDeltas) {
			break
		}
		// The delta before the next sample is the time this one stood for.
		dt := 0.0
		if i+1 < len(p.TimeDeltas) {
			dt = float64(p.TimeDeltas[i+1]) / 1000
		}
		n := byID[id]
		if n == nil {
			continue
		}
		self[name(n)] += dt
		seen := map[string]bool{}
		for cur, ok := id, true; ok; cur, ok = parent[cur] {
			nm := name(byID[cur])
			if !seen[nm] {
				incl[nm] += dt
				seen[nm] = true
			}
		}
	}
}

func printTop(what string, m map[string]float64, runs, k int) {
	type kv struct {
		k string
		v float64
	}
	var all []kv
	for name, v := range m {
		all = append(all, kv{name, v})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v })
	fmt.Printf("probe: %s time per run (ms), top %d\n", what, k)
	for i := 0; i < len(all) && i < k; i++ {
		fmt.Printf("  %8.1f  %s\n", all[i].v/float64(runs), all[i].k)
	}
}
