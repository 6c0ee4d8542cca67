//go:build !js

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/network"
)

// shownReports is how many reports the memory figure is taken after.
const shownReports = 100

// run is one pass over one target in one fresh browser.
type run struct {
	ColdMs, WarmMs, SignInMs float64
	// DashboardWarmMs: signed in, the app opened again until the profile
	// shows (the app only: the reference keeps no session).
	DashboardWarmMs float64
	FirstLoadBytes  float64
	FirstLoadDetail string // what those bytes were, for the log
	Memory          memory
	ReportsShown    int
	SignInPhases    phases
	ConsoleMs       float64     // the app: /console opened signed in, until its schema is ready (issue 16)
	Calendar        calendarRun // the app only (calendar.go)
}

// phases say where the sign-in round trip went, in milliseconds since the
// navigation to the callback URL started (Resource Timing of the page's own
// requests; 0 when the page made no such request).
type phases struct {
	WasmFetched float64 `json:"wasm_fetched"` // app.wasm response complete (from the service worker when warm)
	TokenStart  float64 `json:"token_start"`  // the code exchange sent
	TokenEnd    float64 `json:"token_end"`
	APIStart    float64 `json:"api_start"` // the first GraphQL request sent
	APIEnd      float64 `json:"api_end"`
}

const phasesJS = `(() => {
  const entries = performance.getEntriesByType("resource");
  const first = (part) => entries.find(e => e.name.includes(part)) || {startTime: 0, responseEnd: 0};
  const wasm = first("app.wasm"), token = first("/oauth/token"), api = first("/api/v2/user");
  return JSON.stringify({wasm_fetched: wasm.responseEnd, token_start: token.startTime, token_end: token.responseEnd,
    api_start: api.startTime, api_end: api.responseEnd});
})()`

// measure loads t cold (fresh profile), then warm (second visit: HTTP cache
// and, for the app, its service worker), signs in (timing the navigation to
// the callback URL until the profile shows), shows 100 reports and reads the
// memory.
func measure(ctx context.Context, chrome string, t *target) (run, error) {
	var r run
	b, err := newBrowser(ctx, chrome, nil)
	if err != nil {
		return r, err
	}
	defer b.close()

	if err := startTwice(b, t, &r); err != nil {
		return r, err
	}

	if r.SignInMs, err = signInRoundTrip(b, t); err != nil {
		return r, err
	}
	if text, err := b.eval(phasesJS); err == nil {
		_ = json.Unmarshal([]byte(text), &r.SignInPhases)
	}

	if r.ReportsShown, err = showReports(b, t); err != nil {
		return r, err
	}
	if r.Memory, err = b.memory(); err != nil {
		return r, fmt.Errorf("reading memory: %w", err)
	}
	if t.name == "app" {
		// Signed in, the app opened again: how soon the dashboard shows data.
		if err := b.navigate(t.home()); err != nil {
			return r, err
		}
		if r.DashboardWarmMs, err = b.waitMark("profile"); err != nil {
			return r, fmt.Errorf("signed-in warm start: %w", err)
		}
		// The first open of the console in this profile: the schema is fetched,
		// cached and parsed; milliseconds since the navigation started.
		if err := b.navigate(t.origin + "/console"); err != nil {
			return r, err
		}
		if r.ConsoleMs, err = b.waitMark("console"); err != nil {
			return r, fmt.Errorf("console time to ready: %w", err)
		}
		if r.Calendar, err = measureCalendar(b, t); err != nil {
			return r, fmt.Errorf("activity calendar: %w", err)
		}
	}
	return r, nil
}

// signInRoundTrip clicks sign in on t's page in b, holds the provider's
// redirect to the callback URL, then times a navigation to that URL until the
// profile shows.
func signInRoundTrip(b *browser, t *target) (float64, error) {
	caught := t.cb.arm()
	if _, err := b.eval(`document.querySelector('[data-testid="signin-button"]').click(), ""`); err != nil {
		return 0, fmt.Errorf("clicking sign in: %w", err)
	}
	var callbackURL string
	select {
	case callbackURL = <-caught:
	case <-time.After(waitLimit):
		text, _ := b.eval(`document.body ? document.body.innerText.slice(0, 300) : ""`)
		return 0, fmt.Errorf("sign-in: the provider never redirected to %s/callback; the page shows %q", t.origin, text)
	}
	time.Sleep(300 * time.Millisecond) // let the browser settle the answered navigation
	if err := b.navigate(callbackURL); err != nil {
		return 0, err
	}
	ms, err := b.waitMark("profile")
	if err != nil {
		return 0, fmt.Errorf("sign-in round trip: %w", err)
	}
	return ms, nil
}

// startTwice loads t cold in b (a fresh profile), counting the bytes of the
// first load, waits for its service worker to be active, and loads it again.
func startTwice(b *browser, t *target, r *run) (err error) {
	b.resetBytes()
	if err := b.navigate(t.home()); err != nil {
		return err
	}
	if r.ColdMs, err = b.waitMark("ready"); err != nil {
		return fmt.Errorf("cold start: %w", err)
	}
	time.Sleep(time.Second) // whatever the page fetches right after it is usable counts too
	r.FirstLoadBytes = b.transferred()
	r.FirstLoadDetail = b.transferredBy()
	// A returning visitor's service worker has finished installing.
	if _, err := b.evalNumber(`!navigator.serviceWorker ? 0 : Promise.race([
	    navigator.serviceWorker.getRegistration().then(reg => reg ? navigator.serviceWorker.ready.then(() => 1) : 0),
	    new Promise(done => setTimeout(() => done(0), 10000))])`); err != nil {
		return fmt.Errorf("waiting for the service worker: %w", err)
	}

	if err := b.navigate(t.home()); err != nil {
		return err
	}
	if r.WarmMs, err = b.waitMark("ready"); err != nil {
		return fmt.Errorf("warm start: %w", err)
	}
	return nil
}

// showReports brings up to 100 reports onto the screen: the reference lists
// them on one page; the app shows 10 a page, so it pages through them. It
// stops early when the user has fewer (the local provider's alice has 328).
func showReports(b *browser, t *target) (int, error) {
	const rows = `document.querySelectorAll('[data-testid="report"]').length`
	if err := b.waitFor("the first reports", rows+" > 0"); err != nil {
		return 0, err
	}
	shown, err := b.evalNumber(rows)
	if err != nil {
		return 0, err
	}
	for page := 2; shown < shownReports && page <= 2*shownReports; page++ {
		last, err := b.evalNumber(`(() => { const m = /^Page (\d+) of (\d+)/.exec((document.querySelector('[data-testid="reports-page"]') || {}).textContent || "");
		  return !document.querySelector('[data-testid="reports-next"]') || (m && m[1] === m[2]) ? 1 : 0; })()`)
		if err != nil {
			return int(shown), err
		}
		if last == 1 {
			break // the user has fewer reports than that: all of them are shown
		}
		if err := b.waitFor("the Older button", `document.querySelector('[data-testid="reports-next"]') && !document.querySelector('[data-testid="reports-next"]').disabled`); err != nil {
			return int(shown), err
		}
		if _, err := b.eval(`document.querySelector('[data-testid="reports-next"]').click(), ""`); err != nil {
			return int(shown), fmt.Errorf("%s: turning to report page %d: %w", t.name, page, err)
		}
		cond := fmt.Sprintf(`(document.querySelector('[data-testid="reports-page"]') || {}).textContent?.startsWith("Page %d ") && %s > 0`, page, rows)
		if err := b.waitFor(fmt.Sprintf("report page %d", page), cond); err != nil {
			text, _ := b.eval(`(document.querySelector('[data-testid="reports"]') || document.body).innerText.slice(-400)`)
			return int(shown), fmt.Errorf("%w; the reports show %q", err, text)
		}
		n, err := b.evalNumber(rows)
		if err != nil {
			return int(shown), err
		}
		shown += n
	}
	return int(shown), nil
}

// slowNetwork is Chromium's network emulation for the slow-network figure.
var slowNetwork = &network.Conditions{Latency: 40, DownloadThroughput: 9e6 / 8, UploadThroughput: 9e6 / 8}

// measureSlow is a cold start in a fresh browser over the emulated slow link.
func measureSlow(ctx context.Context, chrome string, t *target) (float64, error) {
	b, err := newBrowser(ctx, chrome, slowNetwork)
	if err != nil {
		return 0, err
	}
	defer b.close()
	if err := b.navigate(t.home()); err != nil {
		return 0, err
	}
	ms, err := b.waitMark("ready")
	if err != nil {
		return 0, fmt.Errorf("slow-network cold start: %w", err)
	}
	return ms, nil
}
