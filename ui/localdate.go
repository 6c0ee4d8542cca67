package ui

import "time"

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
