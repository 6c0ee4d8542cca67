//go:build !js

package main

import (
	"context"
	"fmt"
	"time"
)

// probeCold times only the signed-out cold start of the app, of the go-app
// floor and of the app's sign-in button alone, each run's three in a rotating
// order in fresh browsers, and prints the medians and their ratios to the
// floor: the first budget and its floor without the rest of make
// bench, for trying a change to the signed-out build in a few minutes. It
// also prints when each page's module was instantiated, which splits a
// start into fetching and compiling app.wasm and running it. make bench's
// table stays the figure of record.
func probeCold(ctx context.Context, chrome string, targets []*target, n int) error {
	cold := make([][]float64, len(targets))
	after := make([][]float64, len(targets)) // from the instantiated module to the usable button
	bytes := make([][]float64, len(targets))
	for i := 0; i < n; i++ {
		for k := range targets {
			j := (i + k) % len(targets)
			t := targets[j]
			r, inst, err := coldStart(ctx, chrome, t)
			if err != nil {
				return fmt.Errorf("run %d, %s: %w", i+1, t.name, err)
			}
			fmt.Printf("cold: run %d %s: cold %.0f ms (module instantiated at %.0f), %.0f kB\n", i+1, t.name, r.ColdMs, inst, r.FirstLoadBytes/1e3)
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
	}
	return nil
}

// coldStart is one cold start in a fresh browser, and when the page's
// WebAssembly module was instantiated (ms since navigation start).
func coldStart(ctx context.Context, chrome string, t *target) (r run, instantiated float64, err error) {
	b, err := newBrowser(ctx, chrome, nil)
	if err != nil {
		return r, 0, err
	}
	defer b.close()
	b.resetBytes()
	if err := b.navigate(t.home()); err != nil {
		return r, 0, err
	}
	if r.ColdMs, err = b.waitMark("ready"); err != nil {
		return r, 0, err
	}
	if instantiated, err = b.waitMark("instantiated"); err != nil {
		return r, 0, err
	}
	time.Sleep(time.Second) // what the page fetches right after it is usable counts too
	r.FirstLoadBytes = b.transferred()
	return r, instantiated, nil
}
