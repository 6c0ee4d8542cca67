//go:build js && wasm

package ui

import (
	"strconv"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
)

// runJS runs src as a function body in the page.
func runJS(t *testing.T, src string) {
	t.Helper()
	fn, err := safejs.Global().Get("Function")
	if err == nil {
		var f safejs.Value
		if f, err = fn.New(src); err == nil {
			_, err = f.Invoke()
		}
	}
	if err != nil {
		t.Fatalf("running %q: %v", src, err)
	}
}

// replaceTimezoneOffset makes Date.prototype.getTimezoneOffset run body
// (this is the Date) until the test ends.
func replaceTimezoneOffset(t *testing.T, body string) {
	t.Helper()
	runJS(t, `globalThis.__tzo = globalThis.__tzo || Date.prototype.getTimezoneOffset;
Date.prototype.getTimezoneOffset = function() { `+body+` }`)
	t.Cleanup(func() { runJS(t, `Date.prototype.getTimezoneOffset = globalThis.__tzo; delete globalThis.__tzo`) })
}

// The browser is asked about each instant, so a summer time and a winter
// time each get their own offset; Go's time.Local would give both today's.
func TestLocalTimeAsksTheBrowserForTheInstantsOffset(t *testing.T) {
	cut := time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)
	replaceTimezoneOffset(t, `return this.getTime() < `+strconv.FormatInt(cut.UnixMilli(), 10)+` ? -120 : -60`)
	if got, want := localTime(cut.Add(-time.Hour)), "2026-10-25 02:00 UTC+2"; got != want {
		t.Errorf("summer: %q, want %q", got, want)
	}
	if got, want := localTime(cut.Add(time.Hour)), "2026-10-25 03:00 UTC+1"; got != want {
		t.Errorf("winter: %q, want %q", got, want)
	}
}

func TestLocalTimeHalfHourWest(t *testing.T) {
	replaceTimezoneOffset(t, `return 330`)
	if got, want := localTime(time.Date(2026, 10, 30, 19, 30, 0, 0, time.UTC)), "2026-10-30 14:00 UTC-5:30"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// Whatever goes wrong in JavaScript, the time shows as UTC and says so.
func TestLocalTimeFallsBackToUTC(t *testing.T) {
	at := time.Date(2026, 10, 30, 19, 30, 0, 0, time.UTC)
	for name, body := range map[string]string{
		"throws":       `throw new Error("no zone for you")`,
		"NaN":          `return NaN`,
		"not a number": `return "-60"`,
		"absurd":       `return -100000`,
	} {
		t.Run(name, func(t *testing.T) {
			replaceTimezoneOffset(t, body)
			if got, want := localTime(at), "2026-10-30 19:30 UTC"; got != want {
				t.Errorf("%q, want %q", got, want)
			}
		})
	}
	// An instant outside Date's range: new Date(ms) is an Invalid Date.
	far := time.Date(280000, 1, 1, 0, 0, 0, 0, time.UTC)
	if got, want := localTime(far), far.Format("2006-01-02 15:04")+" UTC"; got != want {
		t.Errorf("far future: %q, want %q", got, want)
	}
}
