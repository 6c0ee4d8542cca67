package ui

import (
	"errors"
	"testing"
	"time"
)

// fixedOffset is a time zone that is always sec east of UTC.
func fixedOffset(sec int) func(time.Time) (int, error) {
	return func(time.Time) (int, error) { return sec, nil }
}

func TestFormatLocal(t *testing.T) {
	at := time.Date(2026, 10, 30, 19, 30, 0, 0, time.UTC)
	// A zone with summer time until cut and winter time after, as in Europe.
	cut := time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)
	summerWinter := func(t time.Time) (int, error) {
		if t.Before(cut) {
			return 2 * 3600, nil
		}
		return 3600, nil
	}
	for _, tt := range []struct {
		name   string
		at     time.Time
		offset func(time.Time) (int, error)
		want   string
	}{
		{"utc", at, fixedOffset(0), "2026-10-30 19:30 UTC"},
		{"east whole hours", at, fixedOffset(2 * 3600), "2026-10-30 21:30 UTC+2"},
		{"west whole hours", at, fixedOffset(-5 * 3600), "2026-10-30 14:30 UTC-5"},
		{"east half hour, next day", at, fixedOffset(5*3600 + 30*60), "2026-10-31 01:00 UTC+5:30"},
		{"west half hour", at, fixedOffset(-(5*3600 + 30*60)), "2026-10-30 14:00 UTC-5:30"},
		{"west half hour, Newfoundland", at, fixedOffset(-(3*3600 + 30*60)), "2026-10-30 16:00 UTC-3:30"},
		{"quarter hour", at, fixedOffset(13*3600 + 45*60), "2026-10-31 09:15 UTC+13:45"},
		{"seconds, an old local mean time", at, fixedOffset(53*60 + 28), "2026-10-30 20:23 UTC+0:53:28"},
		{"the offset of a summer instant", cut.Add(-time.Hour), summerWinter, "2026-10-25 02:00 UTC+2"},
		{"the offset of a winter instant", cut.Add(time.Hour), summerWinter, "2026-10-25 03:00 UTC+1"},
		{"no offset to be had is UTC", at, func(time.Time) (int, error) { return 3600, errors.New("no Date") }, "2026-10-30 19:30 UTC"},
		{"a day or more is no offset", at, fixedOffset(24 * 3600), "2026-10-30 19:30 UTC"},
		{"nor minus a day", at, fixedOffset(-24 * 3600), "2026-10-30 19:30 UTC"},
		{"the instant's own zone does not matter", at.In(time.FixedZone("X", -7*3600)), fixedOffset(3600), "2026-10-30 20:30 UTC+1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatLocal(tt.at, tt.offset); got != tt.want {
				t.Errorf("formatLocal(%v) = %q, want %q", tt.at, got, tt.want)
			}
		})
	}
}

// The short date of the report cards is the person's day, not UTC's.
func TestFormatLocalDate(t *testing.T) {
	at := time.Date(2026, 10, 30, 23, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		offset func(time.Time) (int, error)
		want   string
	}{
		{fixedOffset(0), "30 Oct 2026"},
		{fixedOffset(3600), "31 Oct 2026"},
		{func(time.Time) (int, error) { return 0, errors.New("no Date") }, "30 Oct 2026"},
	} {
		if got := formatLocalDate(at, tt.offset); got != tt.want {
			t.Errorf("formatLocalDate = %q, want %q", got, tt.want)
		}
	}
}
