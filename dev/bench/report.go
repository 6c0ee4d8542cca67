//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeReport writes docs/benchmarks.md: the table, how it was measured, the
// budgets, and the hand-written findings (dev/bench/notes.md).
func writeReport(path string, r *results, notes string) error {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	m := r.Machine
	w("# Benchmarks\n\n")
	w("Written by `%s` (`go run ./dev/bench` after `make build`) on %s.\n\n", r.Command, r.Date)
	w("Machine: %s, %d cores, %.1f GB, %s; load average at start %s (the machine is shared). %s, %s.\n\n",
		m.CPU, m.Cores, m.MemoryGB, m.Kernel, m.Load, m.Chromium, m.Go)
	w("Medians of %d runs per target, min–max in brackets. The targets alternate run by run; every run starts a fresh headless Chromium with a fresh profile. ", r.Runs)
	w("*Reference* is `dev/bench/ref/index.html`: the same PKCE sign-in and first screen in plain HTML and JavaScript (WebCrypto + fetch, no dependencies), against the same local provider.\n\n")

	w("| figure | pkcelogs | reference | ratio |\n|---|---|---|---|\n")
	p := r.Payload
	w("| app.wasm raw | %s | | |\n", mb(float64(p.WasmRaw)))
	w("| app.wasm gzip | %s | | |\n", mb(float64(p.WasmGzip)))
	w("| app.wasm brotli | %s | | |\n", mb(float64(p.WasmBrotli)))
	for _, sc := range p.Schemas {
		w("| schema %s, fetched by the console only (raw / brotli) | %s / %s | | |\n", sc.File, kb(float64(sc.Raw)), kb(float64(sc.Brotli)))
	}
	if p.LiteBrotli > 0 {
		w("| app-lite.wasm (signed-out build) raw | %s | | |\n", mb(float64(p.LiteRaw)))
		w("| app-lite.wasm brotli | %s | | |\n", mb(float64(p.LiteBrotli)))
	}
	w("| first load, bytes transferred | %s | %s | %s |\n", fig(r.App.FirstLoadBytes, mb), fig(r.Ref.FirstLoadBytes, kb), times(ratio(r.App.FirstLoadBytes.Median, r.Ref.FirstLoadBytes.Median)))
	w("| cold start (sign-in button usable) | %s | %s | %s |\n", fig(r.App.ColdMs, ms), fig(r.Ref.ColdMs, ms), times(r.Ratios["cold_start"]))
	w("| warm start (second visit) | %s | %s | %s |\n", fig(r.App.WarmMs, ms), fig(r.Ref.WarmMs, ms), times(r.Ratios["warm_start"]))
	w("| sign-in round trip (callback URL → profile) | %s | %s | %s |\n", fig(r.App.SignInMs, ms), fig(r.Ref.SignInMs, ms), times(r.Ratios["sign_in_round_trip"]))
	if r.App.SignInIdleMs.Median > 0 {
		w("| the same after %.0f s on the signed-out page (the full build warmed up meanwhile) | %s | %s | %s |\n", idleBeforeSignIn.Seconds(), fig(r.App.SignInIdleMs, ms), fig(r.Ref.SignInMs, ms), times(ratio(r.App.SignInIdleMs.Median, r.Ref.SignInMs.Median)))
	}
	if r.App.ConsoleMs.Median > 0 {
		w("| query console ready (signed in, first open: schema fetched and parsed) | %s | | |\n", fig(r.App.ConsoleMs, ms))
	}
	if len(r.App.DashboardWarmMs.Samples) > 0 && r.App.DashboardWarmMs.Median > 0 {
		w("| signed-in warm start → dashboard with data | %s | | |\n", fig(r.App.DashboardWarmMs, ms))
	}
	w("| cold start, 9 Mbit/s + 40 ms | %s | %s | %s |\n", fig(r.App.SlowColdMs, ms), fig(r.Ref.SlowColdMs, ms), times(r.Ratios["slow_network_cold"]))
	if len(r.SlowUncompressedMs.Samples) > 0 {
		w("| the same, app.wasm sent uncompressed (%d runs) | %s | | |\n", len(r.SlowUncompressedMs.Samples), fig(r.SlowUncompressedMs, ms))
	}
	w("| Go WASM memory, %d reports shown | %s | | |\n", r.App.ReportsShown, fig(r.App.WasmBytes, mb))
	if r.App.CalendarReports > 0 {
		w("| activity calendar, %d reports, cold cache (page load → calendar) | %s | | |\n", r.App.CalendarReports, fig(r.App.CalendarColdMs, ms))
		w("| activity calendar, %d reports, warm cache (page load → calendar) | %s | | |\n", r.App.CalendarReports, fig(r.App.CalendarWarmMs, ms))
		w("| Go WASM memory, %d reports in the calendar | %s | | |\n", r.App.CalendarReports, fig(r.App.CalendarWasmBytes, mb))
	}
	w("| JS heap in use, after GC | %s | %s | %s |\n", fig(r.App.JSHeapBytes, mb), fig(r.Ref.JSHeapBytes, mb), times(ratio(r.App.JSHeapBytes.Median, r.Ref.JSHeapBytes.Median)))
	w("| renderer RSS | %s | %s | %s |\n\n", fig(r.App.RSSBytes, mb), fig(r.Ref.RSSBytes, mb), times(ratio(r.App.RSSBytes.Median, r.Ref.RSSBytes.Median)))
	if len(r.Floors) > 0 {
		w("What go-app itself costs: `dev/bench/floor` (one component, one button marked ready as go-app mounts it) built with make build's size flags (not its inlining flags: the variants table has the floor with them too) and served exactly like the app, in the same runs:\n\n")
		w("| floor | app.wasm brotli | first load | cold start | ratio | warm start | ratio | slow-network cold start |\n|---|---|---|---|---|---|---|---|\n")
		for _, f := range r.Floors {
			slow := "—"
			if f.SlowColdMs.Median > 0 {
				slow = fig(f.SlowColdMs, ms)
			}
			first := "—"
			if f.FirstLoad.Median > 0 {
				first = mb(f.FirstLoad.Median)
			}
			w("| %s | %s | %s | %s | %s | %s | %s | %s |\n", f.Name, mb(float64(f.BrotliSize)), first, fig(f.ColdMs, ms), times(f.ColdRatio), fig(f.WarmMs, ms), times(f.WarmRatio), slow)
		}
		w("\n")
		if v := r.Ratios["cold_start_vs_floor_by_run"]; v > 0 {
			w("Cold start against the go-app floor run by run (the median of each run's ratio; the two start back to back, so it moves less with the machine than the ratio of the medians): the app %s", unit("ratio", v))
			if s := r.Ratios["sign_in_alone_vs_floor_by_run"]; s > 0 {
				w(", the app's sign-in button alone %s", unit("ratio", s))
			}
			w(".\n\n")
		}
	}

	w("## Budgets (issue 14)\n\nThe last column is what the stack itself scores on the same measure, in the same runs, where one is measured: a limit below it cannot be met by any app built on go-app with net/http's client. The signed-out cold start is judged on the larger of its two ratios to the go-app floor, the medians' and the run-by-run one, and so is its floor.\n\n")
	w("| budget | limit | measured | | the stack's floor |\n|---|---|---|---|---|\n")
	for _, bu := range r.Budgets {
		mark := "met"
		if !(bu.Actual > 0) {
			mark = "not measured"
		} else if !bu.Met {
			mark = "**missed by " + over(bu) + "**"
		}
		fl := ""
		if bu.Floor > 0 {
			fl = unit(bu.Unit, bu.Floor) + " (" + bu.FloorHow + ")"
		}
		w("| %s | %s | %s | %s | %s |\n", bu.Name, unit(bu.Unit, bu.Limit), unit(bu.Unit, bu.Actual), mark, fl)
	}
	if r.App.SignInPhases.TokenStart > 0 {
		w("\n## Where the sign-in round trip goes (medians, ms after the navigation to the callback URL)\n\n")
		w("| step | pkcelogs | reference |\n|---|---|---|\n")
		ph := func(v float64) string {
			if !(v > 0) {
				return "—"
			}
			return ms(v)
		}
		a, f := r.App.SignInPhases, r.Ref.SignInPhases
		w("| app.wasm fetched (service worker) | %s | %s |\n", ph(a.WasmFetched), ph(f.WasmFetched))
		w("| code exchange sent | %s | %s |\n", ph(a.TokenStart), ph(f.TokenStart))
		w("| token received | %s | %s |\n", ph(a.TokenEnd), ph(f.TokenEnd))
		w("| GraphQL request sent | %s | %s |\n", ph(a.APIStart), ph(f.APIStart))
		w("| GraphQL answer received | %s | %s |\n", ph(a.APIEnd), ph(f.APIEnd))
		w("| profile on screen | %s | %s |\n", ph(r.App.SignInMs.Median), ph(r.Ref.SignInMs.Median))
	}
	if len(r.Variants) > 0 {
		w("\n## What each build option buys (app.wasm, compressed as the export does)\n\n%s", variantsTable(r.Variants))
	}
	w("\n## How each figure is taken\n\n")
	w("- **payload**: the sizes of `web/app.wasm` and its `.gz`/`.br` copies in the static export; *first load* is the sum of `encodedDataLength` of every request the page made from navigation until 1 s after the sign-in button became usable (headers included, service-worker fetches excluded).\n")
	w("- **cold start**: fresh profile, navigation start (`performance.timeOrigin`) until the sign-in button carries `data-ready=\"true\"`, which the app sets when its own code has wired the button (a `MutationObserver` installed before any page script records `performance.now()`).\n")
	w("- **warm start**: the same page opened again in the same profile once the app's service worker is active (HTTP cache and service worker in play; files are served with `Cache-Control: no-cache`, so the reference revalidates).\n")
	w("- **sign-in round trip**: the sign-in button is clicked, the local provider (auto-approving alice) redirects to `/callback?code=…&state=…`; the harness holds that redirect (204), then navigates to the callback URL and times until the profile shows the user's name. This includes the code exchange, the first GraphQL request and rendering, in the warm profile.\n")
	w("- **slow network**: a cold start in a fresh profile with Chromium's network emulation (`Network.emulateNetworkConditionsByRule`: 40 ms latency, 9 Mbit/s down and up).\n")
	w("- **memory**: after the sign-in, 100 reports are brought on screen (the app shows 10 a page, so the harness pages through ten pages; the reference lists 100 at once), a garbage collection is forced, then: the byte length of every WebAssembly instance's memory (Go's linear memory, which never shrinks), V8's used heap (`Runtime.getHeapUsage`), and the largest resident set among the browser's renderer processes.\n")
	w("\nThe app is served exactly as `make static` writes it (`webapp.Export`), by a plain static file server that sends the precompressed `.br`/`.gz` copies with `Content-Encoding` and `.wasm` as `application/wasm`, on its own 127.0.0.1 origin; the provider and the reference page each have theirs.\n\n")
	if strings.TrimSpace(notes) != "" {
		w("%s\n", strings.TrimSpace(notes))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func fig(f figure, format func(float64) string) string {
	if len(f.Samples) == 0 {
		return "—"
	}
	return fmt.Sprintf("%s (%s–%s)", format(f.Median), format(f.Min), format(f.Max))
}

func ms(v float64) string { return fmt.Sprintf("%.0f ms", v) }
func mb(v float64) string { return fmt.Sprintf("%.2f MB", v/1e6) }
func kb(v float64) string { return fmt.Sprintf("%.1f kB", v/1e3) }

func times(v float64) string {
	if !(v > 0) {
		return ""
	}
	return fmt.Sprintf("%.1f×", v)
}

func unit(u string, v float64) string {
	switch u {
	case "bytes":
		return mb(v)
	case "ratio":
		return fmt.Sprintf("%.2f×", v) // budgets such as 1.15× need the second digit
	case "ms":
		return ms(v)
	}
	return fmt.Sprint(v)
}

func over(b budget) string {
	if b.Unit == "ratio" {
		return fmt.Sprintf("%.0f%%", (b.Actual/b.Limit-1)*100)
	}
	return fmt.Sprintf("%s (%.0f%% over)", unit(b.Unit, b.Actual-b.Limit), (b.Actual/b.Limit-1)*100)
}
