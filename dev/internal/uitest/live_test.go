//go:build !js

package uitest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

// The header's "Updated N min ago" ages every 20 s: as a live region it was
// read out on each tick. The status region beside it says "Dashboard
// updated." when fresh data arrives, and only then.
func TestDashboardHeaderAnnouncesFreshDataOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()
	hdr := &ui.DashboardHeader{Session: h.s}
	d := mount(t, hdr)
	defer d.Close()
	news := func() string {
		t.Helper()
		page := html(d)
		if tag := regexp.MustCompile(`<time[^>]*data-testid="dashboard-updated"[^>]*>`).FindString(page); tag == "" || strings.Contains(tag, "role=") || strings.Contains(tag, "aria-live") {
			t.Errorf("the ageing time is missing or a live region: %q", tag)
		}
		m := regexp.MustCompile(`<p([^>]*data-testid="dashboard-news"[^>]*)>([^<]*)<`).FindStringSubmatch(page)
		if m == nil || !strings.Contains(m[1], `role="status"`) {
			t.Fatalf("no status region for news:\n%s", page)
		}
		return m[2]
	}
	said := func(text string) string { return strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", " ")) }

	first := news()
	if first != "" && said(first) != "Dashboard updated." {
		t.Errorf("at mount the region says %q", first)
	}
	// A tick re-renders the ageing text: the region says nothing new.
	update(d, hdr, func(app.Context) {})
	if got := news(); got != first {
		t.Errorf("a re-render changed the region from %q to %q", first, got)
	}
	// Fresh data: said, and said again at the next refresh.
	prev := first
	for i := 0; i < 2; i++ {
		reloadOverview(t, d, h.s)
		got := news()
		if got == prev || said(got) != "Dashboard updated." {
			t.Errorf("refresh %d: the region went from %q to %q, want a change to \"Dashboard updated.\"", i+1, prev, got)
		}
		prev = got
	}
}

// The explorer says what its fetch did in one status region that stays on
// the page: "Loading your reports…" while it loads, then what it found, once;
// the visible status's shapes, which come and go, are no live regions.
func TestExplorerSaysItsStateInOneRegion(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	x := &ui.ReportExplorer{Session: h.s}
	d := h.signedIn(x)
	region := func(page string) string {
		t.Helper()
		m := regexp.MustCompile(`<p([^>]*data-testid="explorer-live"[^>]*)>([^<]*)<`).FindStringSubmatch(page)
		if m == nil || !strings.Contains(m[1], `role="status"`) {
			t.Fatalf("no status region for the explorer:\n%s", page)
		}
		return strings.TrimSpace(strings.ReplaceAll(m[2], "\u00a0", " "))
	}
	page := settle(t, d)
	done := region(page)
	if !strings.Contains(done, "reports, all of them.") {
		t.Errorf("once done the region says %q", done)
	}
	if tag := regexp.MustCompile(`<[a-z]+ [^>]*data-testid="explorer-status"[^>]*>`).FindString(page); strings.Contains(tag, "role=") || strings.Contains(tag, "aria-live") {
		t.Errorf("the visible status is a live region of its own: %q", tag)
	}
	if strings.Contains(page, `data-testid="progress"`) {
		t.Errorf("a progress indicator is left once done:\n%s", page)
	}
	update(d, x, func(app.Context) {})
	if got := region(html(d)); got != done {
		t.Errorf("a re-render changed the region from %q to %q", done, got)
	}
}
