//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// A signed-in person reopening the app sees the dashboard's last data at
// once, with its age, and the fresh data when it arrives (issue 14): here
// the API holds its answer for seconds, and the kept profile shows anyway.
func TestReopenedAppShowsTheLastDataAtOnce(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.expectAliceDashboard()

	s.provider.SetFault(provider.EndpointAPI, provider.Fault{Delay: 6 * time.Second})
	tb.open(s.url("/"))
	start := time.Now()
	tb.waitText("profile-name", "Alice")
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("the kept profile showed after %v: the page waited for the API (held 6 s)", took)
	}
	age := tb.pollJS("the data's age", `(() => { const e = document.querySelector('[data-testid="dashboard-updated"][data-cached="true"]'); return e ? e.textContent : ""; })()`)
	if !strings.HasPrefix(age, "Updated ") || !strings.Contains(age, "refreshing") {
		t.Errorf("the kept data says %q, want its age and that it is refreshing", age)
	}
	// The fresh answer (held 6 s) replaces it.
	s.provider.ClearFaults()
	tb.pollJS("the fresh data", `(() => { const e = document.querySelector('[data-testid="dashboard-updated"]'); return e && e.getAttribute("data-cached") === "false" && e.textContent === "Updated just now" ? "fresh" : ""; })()`)
}
