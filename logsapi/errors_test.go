package logsapi

import (
	"strings"
	"testing"
	"time"
)

func TestRateLimitedErrorSaysTheWaitInWords(t *testing.T) {
	for wait, want := range map[time.Duration]string{
		time.Hour:                       "try again in 1 hour,",
		90 * time.Second:                "try again in 1 minute 30 seconds,",
		2*time.Hour + 1*time.Second:     "try again in 2 hours 1 second,",
		300 * time.Millisecond:          "try again in 1 second,",
		59*time.Minute + 59*time.Second: "try again in 59 minutes 59 seconds,",
	} {
		if got := (&RateLimitedError{RetryAfter: wait}).Error(); !strings.Contains(got, want) {
			t.Errorf("RetryAfter %v: %q, want it to contain %q", wait, got, want)
		}
	}
}

// The typed fields a page builds its own words from.
func TestErrorFieldsForAPage(t *testing.T) {
	if got := (&RateLimitedError{RetryAfter: 90 * time.Second}).RetryIn(); got != "1 minute 30 seconds" {
		t.Errorf("RetryIn = %q", got)
	}
	if got := (&RateLimitedError{}).RetryIn(); got != "" {
		t.Errorf("RetryIn without Retry-After = %q, want empty", got)
	}
	for status, want := range map[int]string{503: "Service Unavailable", 522: "unknown status"} {
		if got := (&ServerError{Status: status}).StatusText(); got != want {
			t.Errorf("StatusText(%d) = %q, want %q", status, got, want)
		}
	}
}
