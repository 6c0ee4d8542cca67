//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// waitExplorer waits until the explorer's fetch has ended in state (done,
// rate-limited, error).
func (tb *tab) waitExplorer(state string) {
	tb.t.Helper()
	tb.pollJS("the explorer to be "+state, fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid="explorer"]');
		return e && e.dataset.state === %q ? "yes" : ""; })()`, state))
}

// calendarCells is every day of the calendar: day → [reports, private, unlisted].
func (tb *tab) calendarCells() map[string][3]int {
	tb.t.Helper()
	// The counts as a screen reader hears them: "…: 3 reports, 1 private, 1 unlisted".
	raw := evalJS[string](tb, `JSON.stringify([...document.querySelectorAll('[data-testid="calendar-grid"] [role="gridcell"]')]
		.map(c => { const m = /: (\d+) reports?(?:, (\d+) private)?(?:, (\d+) unlisted)?$/.exec(c.getAttribute("aria-label")) || [];
			return [c.dataset.day, +(m[1] || 0), +(m[2] || 0), +(m[3] || 0)]; }))`)
	var rows [][]any
	if err := json.Unmarshal([]byte(raw), &rows); err != nil {
		tb.t.Fatal(err)
	}
	out := map[string][3]int{}
	for _, r := range rows {
		out[r[0].(string)] = [3]int{int(r[1].(float64)), int(r[2].(float64)), int(r[3].(float64))}
	}
	return out
}

// fixtureDays counts alice's reports per day in loc, leaving out those
// after cut (when not zero).
func fixtureDays(loc *time.Location, cut time.Time) (map[string][3]int, int) {
	alice := provider.FixtureReportsOf(provider.GameWarcraft, provider.UserAlice, cut)
	return provider.FixtureDays(alice, loc), len(alice)
}

func (tb *tab) browserZone() *time.Location {
	tb.t.Helper()
	name := evalJS[string](tb, `Intl.DateTimeFormat().resolvedOptions().timeZone`)
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.t.Fatalf("the browser's zone %q: %v", name, err)
	}
	return loc
}

// The calendar shows alice's fixture reports day by day; its days take the
// arrow keys; the privacy view's one click lists her private reports in the
// guild she left and writes the filter in the address, which a reload keeps;
// the view is clean for axe-core and does not scroll sideways at 360 px.
func TestCalendarMatchesFixturesAndFilterSurvivesReload(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitExplorer("done")

	want, total := fixtureDays(tb.browserZone(), time.Time{})
	got := tb.calendarCells()
	if len(got) < 365 {
		t.Fatalf("the calendar has %d days", len(got))
	}
	shown := 0
	for day, c := range got {
		shown += c[0]
		if c != want[day] {
			t.Errorf("%s: the calendar shows %v, the provider holds %v", day, c, want[day])
		}
	}
	if shown != total {
		t.Errorf("the calendar shows %d reports, alice has %d", shown, total)
	}

	// The keyboard: the Tab stop is the last day; left goes a week back.
	last := evalJS[string](tb, `document.querySelector('[data-testid="calendar-grid"] [tabindex="0"]').dataset.day`)
	evalJS[bool](tb, `document.querySelector('[data-testid="calendar-grid"] [tabindex="0"]').focus(), true`)
	tb.press(kb.ArrowLeft)
	lastDay, _ := time.Parse(time.DateOnly, last)
	weekBefore := lastDay.AddDate(0, 0, -7).Format(time.DateOnly)
	focus := tb.pollJS("the focus to move a week back", fmt.Sprintf(`(() => { const e = document.activeElement;
		return e && e.dataset && e.dataset.day === %q ? e.getAttribute("aria-label") : ""; })()`, weekBefore))
	if c := want[weekBefore]; !strings.Contains(focus, strconv.Itoa(c[0])+" report") && !(c[0] == 0 && strings.Contains(focus, "No reports")) {
		t.Errorf("the day a week back is named %q; it has %v", focus, c)
	}
	tb.waitText("calendar-status", strings.SplitN(focus, ":", 2)[1])

	left := provider.FixturePrivateIn(provider.FixtureReportsOf(provider.GameWarcraft, provider.UserAlice, time.Time{}), 5) // Old Guard
	tb.waitText("privacy-left", fmt.Sprintf("%d private reports sit in guilds you no longer belong to", left))
	tb.click("privacy-show-left")
	count := fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid="explorer-count"]'); return e ? e.dataset.count : ""; })()`)
	tb.pollJS("the list to hold the private reports in Old Guard", fmt.Sprintf(`(%s) === "%d" ? "yes" : ""`, count, left))
	if loc := tb.location(); !regexp.MustCompile(`[?&]vis=private`).MatchString(loc) || !strings.Contains(loc, "guild=left") {
		t.Fatalf("the address does not carry the filter: %s", loc)
	}

	tb.reload()
	tb.waitExplorer("done")
	tb.pollJS("the filter to survive the reload", fmt.Sprintf(`(%s) === "%d" ? "yes" : ""`, count, left))
	if v := evalJS[string](tb, `document.querySelector('[data-testid="filter-visibility"]').value + "/" + document.querySelector('[data-testid="filter-guild"]').value`); v != "private/left" {
		t.Errorf("after the reload the filter controls show %q", v)
	}

	// Something that is not a date in From is said, marked and ignored: the
	// list keeps its filter; a date then clears the message.
	tb.typeInto("filter-from", "2026-13-45")
	tb.press(kb.Tab)
	tb.waitText("filter-date-error", `From ("2026-13-45") is not a date`)
	if v := evalJS[string](tb, `(() => { const e = document.querySelector('[data-testid="filter-from"]');
		return e.getAttribute("aria-invalid") + " " + e.getAttribute("aria-describedby") + " " + e.value; })()`); v != "true pl-f-date-error 2026-13-45" {
		t.Errorf("the From field with a bad date: aria-invalid, aria-describedby and value are %q", v)
	}
	tb.pollJS("the list to keep its filter", fmt.Sprintf(`(%s) === "%d" ? "yes" : ""`, count, left))
	for _, p := range tb.a11yProblems("dashboard with a bad date in From") {
		t.Error(p)
	}
	// (chromedp's Clear resets the value attribute, which a typed-in field
	// no longer follows.)
	evalJS[bool](tb, `(document.querySelector('[data-testid="filter-from"]').value = "", true)`)
	tb.typeInto("filter-from", "2000-01-01")
	tb.press(kb.Tab)
	tb.pollJS("the date error to go", `document.querySelector('[data-testid="filter-date-error"]').textContent === "" ? "gone" : ""`)
	if loc := tb.location(); !strings.Contains(loc, "from=2000-01-01") {
		t.Errorf("a good date did not reach the address: %s", loc)
	}
	for _, p := range tb.a11yProblems("dashboard with the calendar, filtered") {
		t.Error(p)
	}
}

// A 429 in the middle of the full fetch shows the countdown and the fetch
// resumes by itself; a return visit asks the site only for reports since the
// newest one it saved that the overview's page (the ten newest) did not
// bring (the provider's request log).
func TestCalendarResumesAfter429AndReturnVisitFetchesOnlyNew(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	alice := provider.FixtureReportsOf(provider.GameWarcraft, provider.UserAlice, time.Time{})
	cut := alice[15].Start // her fifteen newest are not uploaded yet
	s.provider.SetReportCutoff(cut)
	// The overview and the first page pass; the next request is refused.
	s.provider.SetFault(provider.EndpointAPI, provider.Fault{Status: 429, Skip: 2, Times: 1, RetryAfter: 4 * time.Second})

	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitExplorer("rate-limited")
	if c := tb.wait("explorer-countdown"); !regexp.MustCompile(`^\d+:\d\d$`).MatchString(c) {
		t.Errorf("the countdown shows %q", c)
	}
	tb.waitText("explorer-status", "rate limit paused loading")
	tb.waitExplorer("done")
	want, total := fixtureDays(tb.browserZone(), cut)
	shown := 0
	for day, c := range tb.calendarCells() {
		shown += c[0]
		if c != want[day] {
			t.Errorf("%s: %v after resuming, want %v", day, c, want[day])
		}
	}
	if shown != total {
		t.Errorf("after resuming the calendar shows %d reports, want %d", shown, total)
	}

	s.provider.SetReportCutoff(time.Time{})
	s.provider.ResetRequests()
	tb.reload()
	tb.waitExplorer("done")
	tb.waitText("explorer-status", "15 new")
	if n := evalJS[string](tb, `document.querySelector('[data-testid="calendar"]').dataset.total`); n != strconv.Itoa(total+15) {
		t.Errorf("the return visit shows %s reports, want %d", n, total+15)
	}
	since := `"startTime":` + strconv.FormatInt(cut.UnixMilli(), 10)
	until := `"endTime":` + strconv.FormatInt(alice[9].Start.UnixMilli(), 10)
	n := 0
	for _, r := range s.requests(provider.EndpointAPI) {
		if r.Method != "POST" || !strings.Contains(r.Body, "ReportsRange") {
			continue
		}
		n++
		if !strings.Contains(r.Body, since) || !strings.Contains(r.Body, until) {
			t.Errorf("the return visit asked for more than the new reports: %s", shorten(r.Body))
		}
	}
	if n != 1 {
		t.Errorf("the return visit sent %d report requests, want 1", n)
	}
}
