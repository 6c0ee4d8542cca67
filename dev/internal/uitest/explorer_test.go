//go:build !js

package uitest

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/ui"
)

// aliceDays counts alice's fixture reports per day in the tests' zone (Berlin).
func aliceDays(cut time.Time) (map[string][3]int, int) {
	alice := aliceReports(cut)
	return provider.FixtureDays(alice, berlin), len(alice)
}

// aliceReports are alice's fixture reports that start at or before cut (all
// when cut is zero), newest first, as the API lists them.
func aliceReports(cut time.Time) []provider.FixtureReport {
	return provider.FixtureReportsOf(provider.GameWarcraft, provider.UserAlice, cut)
}

var cellRE = regexp.MustCompile(`<rect [^>]*role="gridcell"[^>]*>`)

func attr(tag, name string) string {
	m := regexp.MustCompile(` ` + name + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return m[1]
}

// settle renders until the explorer's fetch has finished.
func settle(t *testing.T, d app.ClientDispatcher) string {
	t.Helper()
	var page string
	eventually(t, "the explorer to finish", func() bool {
		page = html(d)
		return strings.Contains(page, `data-testid="explorer" data-state="done"`) || strings.Contains(page, `data-state="done" data-testid="explorer"`) ||
			regexp.MustCompile(`data-state="(done|error|rate-limited)"`).MatchString(page)
	})
	return page
}

// The calendar counts what the provider holds, day by day, and the privacy
// view's one click lists exactly the private reports in the guild alice left.
func TestExplorerCountsMatchFixtures(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	x := &ui.ReportExplorer{Session: h.s}
	d := h.signedIn(x)
	page := settle(t, d)
	mustContain(t, page, `data-state="done"`)
	want, total := aliceDays(time.Time{})
	cells := cellRE.FindAllString(page, -1)
	if len(cells) < 365 {
		t.Fatalf("%d days in the calendar", len(cells))
	}
	seen := 0
	for _, c := range cells {
		day := attr(c, "data-day")
		w := want[day]
		got := dayCounts(attr(c, "aria-label"))
		if got != w {
			t.Errorf("%s: calendar %v, fixtures %v (%s)", day, got, w, attr(c, "aria-label"))
		}
		seen += got[0]
	}
	if seen != total || !strings.Contains(page, `data-total="`+strconv.Itoa(total)+`"`) {
		t.Errorf("calendar shows %d reports, alice has %d", seen, total)
	}

	left := provider.FixturePrivateIn(aliceReports(time.Time{}), 5) // Old Guard
	mustContain(t, page, `data-testid="privacy-show-left"`, strconv.Itoa(left)+" private reports sit in guilds you no longer belong to (Old Guard)")
	update(d, x, func(ctx app.Context) { x.SetFilter(ctx, ui.ReportFilter{Visibility: "private", Guild: ui.GuildLeft}) })
	page = html(d)
	// (go-app writes attributes in no fixed order: the tag is found by its
	// test id, then its count read.)
	if tag := regexp.MustCompile(`<p [^>]*data-testid="explorer-count"[^>]*>`).FindString(page); attr(tag, "data-count") != strconv.Itoa(left) {
		t.Errorf("the list counts %q, want %d:\n%s", attr(tag, "data-count"), left, page)
	}
	if loc := h.tab.Location(); !strings.Contains(loc, "vis=private") || !strings.Contains(loc, "guild=left") {
		t.Errorf("the address does not carry the filter: %s", loc)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

var labelRE = regexp.MustCompile(`: (\d+) reports?(?:, (\d+) private)?(?:, (\d+) unlisted)?$`)

// dayCounts reads a day's [reports, private, unlisted] from its label, as a
// screen reader says it: "Friday 30 October 2026: 3 reports, 1 private".
func dayCounts(label string) [3]int {
	m := labelRE.FindStringSubmatch(label)
	if m == nil {
		return [3]int{}
	}
	return [3]int{atoi(m[1]), atoi(m[2]), atoi(m[3])}
}

// A return visit reads the cache and asks the site only for reports since
// the newest cached one that the first screen's page (the ten newest) did
// not bring: here 15 are new, so one request for those between.
func TestExplorerReturnVisitFetchesOnlyNew(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	newest := aliceReports(time.Time{})
	h.prov.SetReportCutoff(newest[15].Start)
	h.signIn()
	d := mount(t, &ui.ReportExplorer{Session: h.s})
	page := settle(t, d)
	d.Close()
	_, total := aliceDays(newest[15].Start)
	mustContain(t, page, `data-total="`+strconv.Itoa(total)+`"`)

	page = h.returnVisit(func(s *ui.Session) app.UI { return &ui.ReportExplorer{Session: s} })
	mustContain(t, page, `data-total="`+strconv.Itoa(total+15)+`"`, `data-new="15"`, `data-requests="1"`)
	since := `"startTime":` + strconv.FormatInt(newest[15].Start.UnixMilli(), 10)
	until := `"endTime":` + strconv.FormatInt(newest[9].Start.UnixMilli(), 10)
	n := 0
	for _, r := range h.prov.RequestsTo(provider.EndpointAPI) {
		if !strings.Contains(r.Body, "ReportsRange") {
			continue
		}
		n++
		if !strings.Contains(r.Body, since) || !strings.Contains(r.Body, until) {
			t.Errorf("the return visit asked %s, want %s and %s", r.Body, since, until)
		}
	}
	if n != 1 {
		t.Errorf("%d report requests on the return visit, want 1", n)
	}
}
