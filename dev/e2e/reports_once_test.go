//go:build e2e

package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// One dashboard load in the browser asks the site for each report once: the
// explorer starts from the first screen's page (the Reports card's ten
// newest) and asks only for older ones; a return visit with nothing new
// sends no request for reports but the overview, and shows the saved list
// while that request is under way. The points the rate-limit card shows add
// up to every request's.
func TestDashboardAsksForReportsOnce(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	alice := provider.FixtureReportsOf(provider.GameWarcraft, provider.UserAlice, time.Time{})
	tb := signInAlice(t, s)
	tb.waitExplorer("done")

	asked := graphQLRequests(s, "reports(")
	end := `"endTime":` + strconv.FormatInt(alice[9].Start.UnixMilli(), 10)
	if len(asked) < 2 || !strings.Contains(asked[0].Body, "query Overview") {
		t.Fatalf("the first visit asked for reports %d times, want the overview first", len(asked))
	}
	for _, r := range asked[1:] {
		if !strings.Contains(r.Body, "query ReportsRange") || !strings.Contains(r.Body, end) || strings.Contains(r.Body, `"startTime"`) {
			t.Errorf("the explorer asked %s, want only reports older than the overview's page (%s)", shorten(r.Body), end)
		}
	}
	status := func() (requests int, text string) {
		n, _ := strconv.Atoi(evalJS[string](tb, `document.querySelector('[data-testid="explorer-status"]').dataset.requests || "-1"`))
		return n, evalJS[string](tb, `document.querySelector('[data-testid="explorer-status"]').innerText`)
	}
	if n, text := status(); n != len(asked)-1 || !strings.Contains(text, "first request and "+strconv.Itoa(n)+" more") {
		t.Errorf("the explorer says %q (%d requests), want its %d", text, n, len(asked)-1)
	}
	spent := func() int { n, _ := strconv.Atoi(tb.wait("ratelimit-spent")); return n }
	api := len(s.requests(provider.EndpointAPI))
	tb.pollJS("the rate-limit card to count every request", `document.querySelector('[data-testid="ratelimit-spent"]').innerText === `+jsString(strconv.Itoa(api))+` ? "yes" : ""`)

	// The return visit: the overview is held 3 s; the saved list shows
	// meanwhile, and the overview's page then says nothing is new.
	s.provider.ResetRequests()
	s.provider.SetFault(provider.EndpointAPI, provider.Fault{Delay: 3 * time.Second, Times: 1})
	tb.reload()
	tb.pollJS("the saved list while the overview is under way", `(() => {
		const e = document.querySelector('[data-testid="explorer"]'), c = document.querySelector('[data-testid="calendar"]');
		return e && e.dataset.state === "fetching" && c && c.dataset.total === `+jsString(strconv.Itoa(len(alice)))+` ? "yes" : ""; })()`)
	tb.waitExplorer("done")
	if asked := graphQLRequests(s, "reports("); len(asked) != 1 || !strings.Contains(asked[0].Body, "query Overview") {
		t.Errorf("the return visit asked for reports %d times, want once (the overview)", len(asked))
	}
	if n, text := status(); n != 0 || !strings.Contains(text, "no further cost") {
		t.Errorf("after the return visit the explorer says %q (%d requests), want none of its own", text, n)
	}
	if got := spent(); got != api+1 {
		t.Errorf("the rate-limit card shows %d points spent, want %d", got, api+1)
	}
}
