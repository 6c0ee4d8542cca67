package ui

import "time"

// DateTimeOptions are the Intl.DateTimeFormat options of reportTime: a medium
// date and a short time, in the browser's locale and zone. The page's loader
// makes one formatter with them while app.wasm compiles
// (dev/internal/webapp/appjs.go): V8's first formatter for a locale builds
// ICU's date pattern generator, which took 120 ms of the main thread between
// the first screen's data and its rows (docs/benchmarks.md, seventh round);
// later ones reuse it.
func DateTimeOptions() map[string]any {
	return map[string]any{"dateStyle": "medium", "timeStyle": "short"}
}

// reportTime is when a report started as the person reads dates: in the
// browser, Intl.DateTimeFormat with the browser's locale and time zone
// ("30 Oct 2026, 20:30", "Oct 30, 2026, 8:30 PM"); where Intl is missing
// (the host's pre-render, tests), localTime's "2026-10-30 20:30 UTC+1".
// Issue 13 item 9: the report lists show local dates in the person's locale.
func reportTime(t time.Time) string {
	if s, ok := intlDateTime(t); ok {
		return s
	}
	return localTime(t)
}
