//go:build !js

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are what -probe-trace records: V8's WebAssembly pipeline
// (streaming, code cache, lazy and top-tier compilation), the page's
// loading, script and rendering work, and the service worker.
var traceCategories = []string{
	"v8.wasm", "disabled-by-default-v8.wasm.detailed", "devtools.timeline", "v8", "blink",
	"loading", "ServiceWorker", "blink.user_timing",
}

// traceStarts records Chromium traces of the app's cold start, its warm start
// (second visit, service worker active), the sign-in round trip, and a reload
// of the signed-in dashboard five seconds later (by when V8 has re-cached the
// module with what the sign-in compiled) into prefix-cold.json,
// prefix-warm.json, prefix-signin.json and prefix-reload.json (Chrome's JSON
// trace format, for Perfetto or chrome://tracing), and prints where each
// one's time goes.
//
// visits names which of the four to record, in that order (the go-app floor
// has no sign-in: -probe-floor records its cold and warm starts).
func traceStarts(ctx context.Context, chrome string, t *target, prefix string, visits ...string) error {
	if len(visits) == 0 {
		visits = []string{"cold", "warm", "signin", "reload"}
	}
	b, err := newBrowser(ctx, chrome, nil)
	if err != nil {
		return err
	}
	defer b.close()
	for _, visit := range visits {
		url, mark := t.home(), "ready"
		switch visit {
		case "warm":
			b.evalNumber(`navigator.serviceWorker.ready.then(() => 1)`)
			time.Sleep(time.Second)
		case "signin":
			if probeIdle > 0 {
				// A person reading the signed-out page before the click.
				time.Sleep(probeIdle)
				marks, _ := b.eval(`JSON.stringify(performance.getEntriesByType("mark").filter(m => m.name.includes("full-build")).map(m => [m.name, Math.round(m.startTime), m.detail]))`)
				fmt.Printf("trace: signed-out page after %v: %s\n", probeIdle, marks)
			}
			caught := t.cb.arm()
			b.eval(`document.querySelector('[data-testid="signin-button"]').click(), ""`)
			select {
			case url = <-caught:
			case <-time.After(waitLimit):
				return fmt.Errorf("the provider never redirected to the callback")
			}
			time.Sleep(300 * time.Millisecond)
			mark = "profile"
		case "reload":
			time.Sleep(5 * time.Second) // V8 writes its code cache a few seconds after compiling
			mark = "profile"
		}
		events, ready, err := traceLoad(b, url, mark)
		if err != nil {
			return fmt.Errorf("%s start: %w", visit, err)
		}
		file := prefix + "-" + visit + ".json"
		out, _ := json.Marshal(map[string]any{"traceEvents": events})
		if err := os.WriteFile(file, out, 0o644); err != nil {
			return err
		}
		fmt.Printf("trace: %s %.0f ms, %d events in %s\n", visit, ready, len(events), file)
		summarizeTrace(events)
	}
	return nil
}

// traceLoad navigates to url with tracing on until the page sets mark.
func traceLoad(b *browser, url, mark string) ([]json.RawMessage, float64, error) {
	var mu sync.Mutex
	var events []json.RawMessage
	done := make(chan struct{})
	ctx, stop := context.WithCancel(b.ctx)
	defer stop()
	chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range ev.Value {
				raw, _ := json.Marshal(v)
				events = append(events, raw)
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	})
	if _, err := chromedp.Call(b.ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig:  &tracing.TraceConfig{IncludedCategories: traceCategories},
	}); err != nil {
		return nil, 0, fmt.Errorf("starting the trace: %w", err)
	}
	if err := b.navigate(url); err != nil {
		return nil, 0, err
	}
	ready, err := b.waitMark(mark)
	if err != nil {
		return nil, 0, err
	}
	if _, err := chromedp.Call(b.ctx, tracing.End, cdp.Empty{}); err != nil {
		return nil, 0, err
	}
	select {
	case <-done:
	case <-time.After(waitLimit):
		return nil, 0, fmt.Errorf("the trace never completed")
	}
	mu.Lock()
	defer mu.Unlock()
	return events, ready, nil
}

// summarizeTrace prints the page's milestones and, per WebAssembly step,
// how often it ran and for how long, on the renderer's main thread and off it.
func summarizeTrace(events []json.RawMessage) {
	type event struct {
		Name string  `json:"name"`
		Cat  string  `json:"cat"`
		Ph   string  `json:"ph"`
		Ts   float64 `json:"ts"`
		Dur  float64 `json:"dur"`
		Tid  int     `json:"tid"`
	}
	var all []event
	var navStart float64
	mainTid := 0
	for _, raw := range events {
		var e event
		if json.Unmarshal(raw, &e) != nil {
			continue
		}
		all = append(all, e)
		if e.Name == "navigationStart" && navStart == 0 {
			navStart = e.Ts
		}
		if e.Name == "ParseHTML" {
			mainTid = e.Tid
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Ts < all[j].Ts })
	type total struct {
		n           int
		main, other float64
		first       float64
	}
	totals := map[string]*total{}
	for _, e := range all {
		if e.Ts < navStart {
			continue
		}
		at := (e.Ts - navStart) / 1000
		switch {
		case strings.HasPrefix(e.Name, "pkcelogs:"), e.Name == "wasm.StartStreamingCompilation", e.Name == "wasm.FinishStreaming",
			e.Name == "CacheHit", e.Name == "wasm.AsyncInstantiate", e.Name == "ParseHTML", e.Name == "wasm.GetNativeModuleFromCache":
			fmt.Printf("trace:   %7.1f ms  %-40s %6.1f ms\n", at, e.Name, e.Dur/1000)
		}
		if !strings.Contains(e.Cat, "wasm") || e.Ph != "X" {
			continue
		}
		tt := totals[e.Name]
		if tt == nil {
			tt = &total{first: at}
			totals[e.Name] = tt
		}
		tt.n++
		if e.Tid == mainTid {
			tt.main += e.Dur / 1000
		} else {
			tt.other += e.Dur / 1000
		}
	}
	names := make([]string, 0, len(totals))
	for n := range totals {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		return totals[names[i]].main+totals[names[i]].other > totals[names[j]].main+totals[names[j]].other
	})
	for _, n := range names {
		tt := totals[n]
		if tt.main+tt.other >= 1 {
			fmt.Printf("trace:   %-40s ×%-5d main %7.1f ms, other threads %7.1f ms (first at %.0f ms)\n", n, tt.n, tt.main, tt.other, tt.first)
		}
	}
}

// probeIdle is -probe-idle: how long -probe-trace stays on the warm
// signed-out page before it clicks sign in.
var probeIdle time.Duration
