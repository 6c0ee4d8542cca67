package ui

import (
	"fmt"
	"time"
)

// localTime is t on the person's clock: the browser's time zone with the
// offset from UTC that applied at t (summer or winter time), not today's.
// Go's js/wasm runtime gives time.Local one fixed offset, today's, so a
// summer report read in winter would be an hour off; utcOffset asks
// the browser about t itself.
func localTime(t time.Time) string { return formatLocal(t, utcOffset) }

// formatLocal formats t at the offset (seconds east of UTC) that offset
// gives for it, and names that offset so the time stays unambiguous:
// "2026-10-30 20:30 UTC+1", "2026-10-30 13:00 UTC-5:30", "2026-10-30 19:30 UTC".
// An offset that cannot be had, or is no offset at all, shows UTC.
func formatLocal(t time.Time, offset func(time.Time) (int, error)) string {
	local, sec := inLocal(t, offset)
	return local.Format("2006-01-02 15:04") + " " + offsetLabel(sec)
}

// inLocal is t at the offset (seconds east of UTC) offset gives for it, and
// that offset; UTC when it cannot be had.
func inLocal(t time.Time, offset func(time.Time) (int, error)) (time.Time, int) {
	sec, err := offset(t)
	if err != nil || sec <= -24*3600 || sec >= 24*3600 {
		sec = 0
	}
	return t.In(time.FixedZone("", sec)), sec
}

// localDate is the day of t on the person's clock, short: "30 Oct 2026" (the
// report cards on phones).
func localDate(t time.Time) string { return formatLocalDate(t, utcOffset) }

func formatLocalDate(t time.Time, offset func(time.Time) (int, error)) string {
	local, _ := inLocal(t, offset)
	return local.Format("2 Jan 2006")
}

// offsetLabel names an offset east of UTC in seconds: "UTC", "UTC+2",
// "UTC-5:30", and with seconds for the odd historical zone ("UTC+0:53:28").
func offsetLabel(sec int) string {
	if sec == 0 {
		return "UTC"
	}
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	switch {
	case s != 0:
		return fmt.Sprintf("UTC%s%d:%02d:%02d", sign, h, m, s)
	case m != 0:
		return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
	}
	return fmt.Sprintf("UTC%s%d", sign, h)
}
