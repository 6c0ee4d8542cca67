//go:build !js

package ui

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

var calEpoch = time.Date(2026, 10, 30, 19, 30, 0, 0, time.UTC)

func rep(code string, at time.Time, vis string, guild int) logsapi.Report {
	r := logsapi.Report{Code: code, Title: "t", StartTime: at, EndTime: at.Add(time.Hour), Visibility: vis}
	if guild != 0 {
		r.Guild = &logsapi.Guild{ID: guild, Name: fmt.Sprintf("G%d", guild)}
	}
	return r
}

func TestCalendarDaysCountOnThePersonsClock(t *testing.T) {
	reports := []logsapi.Report{
		rep("a", calEpoch, "public", 1),
		rep("b", calEpoch.Add(-2*time.Hour), "private", 1),
		rep("c", calEpoch.Add(-3*time.Hour), "unlisted", 0),
		rep("d", calEpoch.Add(-24*time.Hour), "private", 0),
		rep("e", calEpoch.Add(-400*24*time.Hour), "public", 0), // before the year shown
		rep("f", time.Date(2026, 10, 29, 23, 30, 0, 0, time.UTC), "public", 0),
	}
	utc := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	days := calendarDays(reports, time.Time{}, 0, utc)
	if len(days) != 52*7+5 || days[0].Day != "2025-10-27" || days[len(days)-1].Day != "2026-10-30" {
		t.Fatalf("%d days from %s to %s; want 53 weeks from a Monday to Friday 30 October", len(days), days[0].Day, days[len(days)-1].Day)
	}
	last, prev := days[len(days)-1], days[len(days)-2]
	if last.Label() != "3 reports, 1 private, 1 unlisted" || prev.Label() != "2 reports, 1 private" {
		t.Fatalf("30 Oct %q, 29 Oct %q", last.Label(), prev.Label())
	}
	// In Berlin (UTC+1 on 29 October 2026) the 23:30 UTC report falls on the 30th.
	berlin := func(t time.Time) string { return t.In(time.FixedZone("", 3600)).Format(time.DateOnly) }
	days = calendarDays(reports, time.Time{}, 0, berlin)
	if got := days[len(days)-1].Reports; got != 4 {
		t.Fatalf("in UTC+1 the 30th has %d reports, want 4", got)
	}
	if (CalendarDay{}).Label() != "No reports" || (CalendarDay{Reports: 1}).Label() != "1 report" {
		t.Fatal("labels of empty and single days")
	}
}

func TestCalendarKeys(t *testing.T) {
	first, last := "2025-11-03", "2026-10-30"
	for _, c := range []struct{ from, key, want string }{
		{"2026-10-28", "ArrowUp", "2026-10-27"},
		{"2026-10-28", "ArrowDown", "2026-10-29"},
		{"2026-10-28", "ArrowLeft", "2026-10-21"},
		{"2026-10-28", "ArrowRight", last},
		{"2025-11-04", "ArrowLeft", first},
		{"2026-05-01", "Home", first},
		{"2026-05-01", "End", last},
	} {
		if got, ok := calendarMove(c.from, c.key, first, last); !ok || got != c.want {
			t.Errorf("%s from %s: %s, want %s", c.key, c.from, got, c.want)
		}
	}
	if _, ok := calendarMove("2026-05-01", "a", first, last); ok {
		t.Error("a letter moved the focus")
	}
}

func TestActivityCalendarRendersAccessibleCells(t *testing.T) {
	reports := []logsapi.Report{rep("a", calEpoch, "private", 1), rep("b", calEpoch.Add(-time.Hour), "public", 1), rep("c", calEpoch.Add(-2*time.Hour), "unlisted", 1)}
	c := &ActivityCalendar{Reports: reports, End: calEpoch, Weeks: 2}
	d := mount(t, c)
	defer d.Close()
	page := html(d)
	day := reportDay(calEpoch)
	mustContain(t, page, `role="grid"`, `role="gridcell"`, `data-day="`+day+`"`, "3 reports, 1 private, 1 unlisted",
		`data-total="3"`, `<path d="M`)
	if n := strings.Count(page, `tabindex="0"`); n != 1 {
		t.Errorf("%d cells hold the Tab stop, want 1", n)
	}
	if n := strings.Count(page, `role="gridcell"`); n < 8 || n > 14 {
		t.Errorf("%d cells for two weeks", n)
	}
}

func TestReportFilterRoundTrips(t *testing.T) {
	for _, f := range []ReportFilter{
		{},
		{Visibility: "private", Guild: GuildLeft},
		{Guild: GuildPersonal, Zone: 38, From: "2026-01-01", To: "2026-03-31", Query: "heroic farm", Page: 3},
		{Guild: "12", Query: "Ünïcode – dash & ?=#"},
	} {
		u := url.URL{Path: "/", RawQuery: f.Values().Encode()}
		back, err := url.Parse(u.String())
		if err != nil {
			t.Fatal(err)
		}
		if got := ParseReportFilter(back.Query()); !reflect.DeepEqual(got, f) {
			t.Errorf("%+v came back as %+v via %s", f, got, u.String())
		}
	}
	got := ParseReportFilter(url.Values{"vis": {"secret"}, "guild": {"-3"}, "zone": {"x"}, "from": {"2026-02-30"}, "to": {"yesterday"}, "page": {"0"}})
	if !got.IsZero() || got.Page != 0 {
		t.Errorf("nonsense parsed as %+v", got)
	}
}

func FuzzParseReportFilter(f *testing.F) {
	f.Add("vis=private&guild=left&zone=38&from=2026-01-01&to=2026-02-01&q=farm&page=2")
	f.Add("guild=personal&q=%E2%80%93")
	f.Add("page=99999999999999999999&zone=-1&from=0000-00-00")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		f1 := ParseReportFilter(v)
		f2 := ParseReportFilter(f1.Values())
		if !reflect.DeepEqual(f1, f2) {
			t.Fatalf("%q: %+v, then %+v", raw, f1, f2)
		}
		if len(f1.Query) > maxFilterQuery || !utf8Valid(f1.Query) {
			t.Fatalf("query %q", f1.Query)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestReportFilterMatches(t *testing.T) {
	r := rep("a", calEpoch, "private", 5)
	r.Title, r.Zone = "Old Guard – Heroic farm", &logsapi.Zone{ID: 38, Name: "Nerub-ar Palace"}
	member := func(id int) bool { return id != 5 }
	day := "2026-10-30"
	for _, c := range []struct {
		f    ReportFilter
		want bool
	}{
		{ReportFilter{}, true},
		{ReportFilter{Visibility: "private", Guild: GuildLeft}, true},
		{ReportFilter{Visibility: "public"}, false},
		{ReportFilter{Guild: GuildPersonal}, false},
		{ReportFilter{Guild: "5"}, true},
		{ReportFilter{Zone: 38, Query: "HEROIC nerub"}, true},
		{ReportFilter{Query: "mythic"}, false},
		{ReportFilter{From: day, To: day}, true},
		{ReportFilter{From: "2026-10-31"}, false},
		{ReportFilter{To: "2026-10-29"}, false},
	} {
		if got := c.f.Match(&r, day, member); got != c.want {
			t.Errorf("%+v: %v, want %v", c.f, got, c.want)
		}
	}
	if (ReportFilter{Guild: GuildLeft}).Match(&r, day, nil) {
		t.Error("a guild counted as left while membership is unknown")
	}
}

func TestPrivacyCounts(t *testing.T) {
	reports := []logsapi.Report{rep("a", calEpoch, "private", 5), rep("b", calEpoch, "public", 1), rep("c", calEpoch, "unlisted", 1),
		rep("d", calEpoch, "private", 0), rep("e", calEpoch, "private", 5)}
	got := PrivacyCounts(reports, func(id int) bool { return id == 1 })
	want := []PrivacyCount{{GuildID: 1, Name: "G1", Public: 1, Unlisted: 1}, {GuildID: 5, Name: "G5", Left: true, Private: 2}, {Name: "Personal logs", Private: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%+v\nwant %+v", got, want)
	}
}

func TestDisplayTitleAndDuration(t *testing.T) {
	r := rep("a", calEpoch, "public", 1)
	r.Guild.Name, r.Zone = "Stormchasers", &logsapi.Zone{ID: 38, Name: "Nerub-ar Palace"}
	for title, want := range map[string]string{
		"Stormchasers – Nerub-ar Palace": "Stormchasers – Nerub-ar Palace", // nothing but the columns: kept
		"Nerub-ar Palace - Heroic farm":  "Heroic farm",
		"Tuesday raid":                   "Tuesday raid",
		"stormchasers — Mythic prog":     "Mythic prog",
	} {
		r.Title = title
		if got := displayTitle(r); got != want {
			t.Errorf("%q shows %q, want %q", title, got, want)
		}
	}
	r.EndTime = r.StartTime.Add(2*time.Hour + 5*time.Minute)
	if got := reportDuration(r); got != "2 h 05 min" {
		t.Errorf("duration %q", got)
	}
	r.EndTime = r.StartTime.Add(45 * time.Minute)
	if got := reportDuration(r); got != "45 min" {
		t.Errorf("duration %q", got)
	}
	r.EndTime = time.Time{}
	if got := reportDuration(r); got != "—" {
		t.Errorf("duration without an end %q", got)
	}
}

// The date fields' message names each field that holds something that is not
// a date, and says what to write; nothing when both are fine.
func TestDateProblemNamesTheFields(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"", "", ""},
		{"2026-13-45", "", `From ("2026-13-45") is not a date, so the list ignores it. Write a day as YYYY-MM-DD, for example 2026-01-31.`},
		{"", "tomorrow", `To ("tomorrow") is not a date, so the list ignores it.`},
		{"31/01/2026", "x", `From ("31/01/2026") and To ("x") are not dates, so the list ignores them.`},
	} {
		got := dateProblem(c.from, c.to)
		if (c.want == "") != (got == "") || !strings.HasPrefix(got, c.want) {
			t.Errorf("dateProblem(%q, %q) = %q, want %q…", c.from, c.to, got, c.want)
		}
	}
}

// A date chosen elsewhere (a calendar day, Clear filters) replaces what a
// date field held that was not a date, and its message; another filter
// leaves it; Clear filters is available while such text is there.
func TestBadDateGoesWithAFilterThatSetsTheDate(t *testing.T) {
	s := testSession(t, nil)
	x := &ReportExplorer{Session: s}
	d := mount(t, x)
	defer d.Close()
	set := func(fn func(ctx app.Context)) {
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: x, Function: fn})
		d.Consume()
	}
	set(func(app.Context) { x.badFrom, x.badTo = "2026-13-45", "soon" })
	if !x.clearable() {
		t.Error("Clear filters is unavailable while the date fields hold text that is not a date")
	}
	set(func(ctx app.Context) { x.SetFilter(ctx, ReportFilter{Visibility: "private"}) })
	if x.badFrom == "" || x.badTo == "" {
		t.Errorf("a visibility filter dropped the bad dates: %q, %q", x.badFrom, x.badTo)
	}
	set(func(ctx app.Context) {
		x.SetFilter(ctx, ReportFilter{Visibility: "private", From: "2026-10-30", To: ""})
	})
	if x.badFrom != "" || x.badTo == "" {
		t.Errorf("a chosen From left %q, or dropped To's %q", x.badFrom, x.badTo)
	}
	set(func(ctx app.Context) { x.SetFilter(ctx, ReportFilter{}) })
	if x.badFrom != "" || x.badTo != "" || x.clearable() {
		t.Errorf("Clear filters left %q, %q (clearable %v)", x.badFrom, x.badTo, x.clearable())
	}
	if p := dateProblem(x.badFrom, x.badTo); p != "" {
		t.Errorf("the date message stays: %q", p)
	}
}
