//go:build js && wasm

package ui

import (
	"strings"
	"testing"
	"time"
)

// The report lists format with the runtime's own Intl.DateTimeFormat, and
// fall back to the offset form only without one.
func TestReportTimeUsesIntl(t *testing.T) {
	at := time.Date(2026, 10, 30, 19, 30, 0, 0, time.UTC)
	got, ok := intlDateTime(at)
	if !ok || !strings.Contains(got, "2026") || strings.Contains(got, "UTC") {
		t.Fatalf("intlDateTime = %q, %v; want Intl's medium date and short time", got, ok)
	}
	if reportTime(at) != got {
		t.Fatalf("reportTime = %q, want Intl's %q", reportTime(at), got)
	}
}
