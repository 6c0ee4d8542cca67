package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// ActivityCalendar shows a year of reports as a heatmap: one square a day,
// a column a week (Monday at the top), darker for more reports, with a dot
// on days that hold a private report and a corner mark on days with an
// unlisted one, so neither rests on colour alone. It is SVG made of go-app
// elements, no charting script, and scales to its container's width (a
// year fits a 360 px phone).
//
// It is a grid for assistive technology: each day is a focusable cell named
// like "Friday 30 October 2026: 3 reports, 1 private"; one day holds the Tab
// stop, the arrow keys move a day (up, down) or a week (left, right), Home
// and End go to the first and last day, and Enter, Space or a click choose
// the day (OnSelect).
//
// Its cells are drawn one paint after it is mounted (afterPaint): building
// them is the page's largest piece of rendering, and the rest of the page
// (the profile, right after the sign-in) shows first. Until then it holds
// its place with an empty box of the same size.
//
// Inputs:
//   - Reports: the reports to count, in any order. Days are the person's
//     (the browser's time zone, at each report's own date).
//   - End: the last day shown; zero means the newest report's day, or today
//     without reports.
//   - Weeks: how many weeks to show; 0 means 53 (a year).
//   - Selected: the chosen day (YYYY-MM-DD), marked; "" for none.
//   - OnSelect: called with the day (YYYY-MM-DD) a person chooses; nil makes
//     the days focusable but not choosable.
type ActivityCalendar struct {
	app.Compo

	Reports  []logsapi.Report
	End      time.Time
	Weeks    int
	Selected string
	OnSelect func(ctx app.Context, day string)

	focus string // the day holding the Tab stop; "" = the last one
	drawn bool   // the cells are drawn (after the first paint: OnMount)
}

func (c *ActivityCalendar) OnMount(ctx app.Context) {
	afterPaint(ctx, func(ctx app.Context) { c.drawn = true })
}

// CalendarDay is one day's counts.
type CalendarDay struct {
	Day                      string // YYYY-MM-DD on the person's clock
	Reports, Private, Unlist int
}

// Label names the day's counts as the calendar says them: "No reports",
// "1 report", "3 reports, 1 private, 1 unlisted".
func (d CalendarDay) Label() string {
	if d.Reports == 0 {
		return "No reports"
	}
	s := plural(d.Reports, "report", "reports")
	if d.Private > 0 {
		s += fmt.Sprintf(", %d private", d.Private)
	}
	if d.Unlist > 0 {
		s += fmt.Sprintf(", %d unlisted", d.Unlist)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// reportDay is the day a report started on the person's clock, YYYY-MM-DD.
func reportDay(t time.Time) string {
	local, _ := inLocal(t, utcOffset)
	return local.Format(time.DateOnly)
}

// CalendarDays counts reports per day for the weeks ending with the week of
// end (the person's clock), first day first: whole weeks from Monday, the
// last one cut at end. The counting the calendar shows, for embedders and
// tests.
func CalendarDays(reports []logsapi.Report, end time.Time, weeks int) []CalendarDay {
	return calendarDays(reports, end, weeks, reportDay)
}

func calendarDays(reports []logsapi.Report, end time.Time, weeks int, dayOf func(time.Time) string) []CalendarDay {
	if weeks <= 0 {
		weeks = 53
	}
	if end.IsZero() {
		end = time.Now()
		if len(reports) > 0 {
			end = reports[0].StartTime
			for _, r := range reports {
				if r.StartTime.After(end) {
					end = r.StartTime
				}
			}
		}
	}
	last, err := time.Parse(time.DateOnly, dayOf(end))
	if err != nil {
		return nil
	}
	monday := last.AddDate(0, 0, -((int(last.Weekday()) + 6) % 7))
	first := monday.AddDate(0, 0, -7*(weeks-1))
	n := int(last.Sub(first).Hours()/24+0.5) + 1
	days := make([]CalendarDay, n)
	index := make(map[string]int, n)
	for i := range days {
		d := first.AddDate(0, 0, i).Format(time.DateOnly)
		days[i].Day = d
		index[d] = i
	}
	for i := range reports {
		r := &reports[i]
		k, ok := index[dayOf(r.StartTime)]
		if !ok {
			continue
		}
		days[k].Reports++
		switch r.Visibility {
		case "private":
			days[k].Private++
		case "unlisted":
			days[k].Unlist++
		}
	}
	return days
}

// Calendar geometry, in SVG user units.
const (
	calCell  = 11
	calPitch = 13
	calLeft  = 30 // weekday labels
	calTop   = 16 // month labels
	svgNS    = "http://www.w3.org/2000/svg"
)

// calendarPlaceholder holds the place of a calendar of the viewBox's size
// while it is not drawn: an empty, busy box, so nothing below it moves.
func calendarPlaceholder(viewBox string) app.UI {
	return app.Div().Class("pl-calendar").Attr(testid, "calendar").Attr("aria-busy", "true").Body(
		svg("svg").Attr("viewBox", viewBox).Attr("aria-hidden", "true"))
}

// calendarYearBox is the viewBox of a calendar of 53 weeks, the default.
var calendarYearBox = fmt.Sprintf("0 0 %d %d", calLeft+53*calPitch, calTop+7*calPitch)

func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

func (c *ActivityCalendar) days() []CalendarDay { return CalendarDays(c.Reports, c.End, c.Weeks) }

func (c *ActivityCalendar) Render() app.UI {
	days := c.days()
	if len(days) == 0 {
		return app.Div().Attr(testid, "calendar")
	}
	focus := c.focus
	if focus == "" || focus < days[0].Day || focus > days[len(days)-1].Day {
		focus = days[len(days)-1].Day
		if c.Selected != "" && c.Selected >= days[0].Day && c.Selected <= days[len(days)-1].Day {
			focus = c.Selected
		}
	}
	weeks := (len(days) + 6) / 7
	width, height := calLeft+weeks*calPitch, calTop+7*calPitch
	viewBox := fmt.Sprintf("0 0 %d %d", width, height)
	if !c.drawn {
		return calendarPlaceholder(viewBox)
	}
	rows := make([][]app.UI, 7)
	var months []app.UI
	// Two paths draw every mark (a dot for private, a corner for unlisted):
	// a few hundred small elements less for go-app to keep and compare.
	var dots, corners strings.Builder
	var focused CalendarDay
	total := 0
	for i, d := range days {
		col, row := i/7, i%7
		x, y := calLeft+col*calPitch, calTop+row*calPitch
		tab := "-1"
		if d.Day == focus {
			tab, focused = "0", d
		}
		total += d.Reports
		// Size and corners come from app.css (SVG 2 geometry properties):
		// fewer attributes on each of the 371 cells go-app keeps.
		cell := svg("rect").Attr("data-level", min(d.Reports, 3)).Attr("x", x).Attr("y", y).
			Attr("role", "gridcell").Attr("tabindex", tab).Attr("aria-label", longDay(d.Day)+": "+d.Label()).Attr("data-day", d.Day)
		if d.Day == c.Selected {
			cell = cell.Attr("aria-selected", true)
		}
		rows[row] = append(rows[row], cell)
		if d.Private > 0 {
			fmt.Fprintf(&dots, "M%d %dh3v3h-3z", x+4, y+4)
		}
		if d.Unlist > 0 {
			fmt.Fprintf(&corners, "M%d %dh5v5z", x+calCell-5, y)
		}
		if row == 0 {
			if t, err := time.Parse(time.DateOnly, d.Day); err == nil && t.Day() <= 7 {
				months = append(months, svg("text").Attr("x", x).Attr("y", calTop-5).Text(t.Format("Jan")))
			}
		}
	}
	marks := []app.UI{svg("path").Attr("d", dots.String()), svg("path").Attr("d", corners.String())}
	grid := make([]app.UI, 0, 7)
	for _, r := range rows {
		grid = append(grid, svg("g").Attr("role", "row").Body(r...))
	}
	labels := []app.UI{
		svg("text").Attr("x", 0).Attr("y", calTop+calPitch+9).Text("Tue"),
		svg("text").Attr("x", 0).Attr("y", calTop+3*calPitch+9).Text("Thu"),
		svg("text").Attr("x", 0).Attr("y", calTop+5*calPitch+9).Text("Sat"),
	}
	return app.Div().Class("pl-calendar").Attr(testid, "calendar").Attr("data-total", total).Body(
		svg("svg").Attr("viewBox", viewBox).
			Attr("role", "grid").Attr("aria-label", fmt.Sprintf("Reports per day, %s to %s: %s. Arrow keys move between days.",
			longDay(days[0].Day), longDay(days[len(days)-1].Day), plural(total, "report", "reports"))).
			Attr(testid, "calendar-grid").
			On("keydown", c.onKey).On("click", c.onClick).On("focusin", c.onFocus).
			Body(
				svg("g").Attr("aria-hidden", "true").Body(append(months, labels...)...),
				svg("g").Attr("role", "rowgroup").Body(grid...),
				svg("g").Attr("aria-hidden", "true").Attr("data-marks", "").Body(marks...),
			),
		app.P().Class("pl-cal-status").Attr(testid, "calendar-status").Text(longDay(focused.Day)+": "+focused.Label()),
		app.Div().Class("pl-cal-legend").Attr("aria-hidden", "true").Body(
			app.Span().Text("Fewer"),
			legendSwatch(0, ""), legendSwatch(1, ""), legendSwatch(2, ""), legendSwatch(3, ""),
			app.Span().Text("More"),
			legendSwatch(1, "dot"), app.Span().Text("private"),
			legendSwatch(1, "corner"), app.Span().Text("unlisted"),
		),
	)
}

// legendSwatch is a cell of the legend. go-app sets classes through
// className, which SVG elements ignore, so the calendar's SVG is styled by
// attributes (data-level, data-marks) and the element names.
func legendSwatch(level int, mark string) app.UI {
	body := []app.UI{svg("rect").Attr("data-level", level).Attr("x", 0).Attr("y", 0)}
	switch mark {
	case "dot":
		body = append(body, svg("g").Attr("data-marks", "").Body(svg("path").Attr("d", "M4 4h3v3h-3z")))
	case "corner":
		body = append(body, svg("g").Attr("data-marks", "").Body(svg("path").Attr("d", fmt.Sprintf("M%d 0h5v5z", calCell-5))))
	}
	return app.Span().Class("pl-cal-swatch").Body(svg("svg").Attr("viewBox", fmt.Sprintf("0 0 %d %d", calCell, calCell)).Body(body...))
}

// longDay is "Friday 30 October 2026" for "2026-10-30".
func longDay(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.Format("Monday 2 January 2006")
}

// calendarMove is where a key takes the focus from day, within [first, last];
// ok is false for keys the calendar does not handle.
func calendarMove(day, key, first, last string) (string, bool) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day, false
	}
	switch key {
	case "ArrowUp":
		t = t.AddDate(0, 0, -1)
	case "ArrowDown":
		t = t.AddDate(0, 0, 1)
	case "ArrowLeft":
		t = t.AddDate(0, 0, -7)
	case "ArrowRight":
		t = t.AddDate(0, 0, 7)
	case "Home":
		return first, true
	case "End":
		return last, true
	default:
		return day, false
	}
	d := t.Format(time.DateOnly)
	if d < first {
		d = first
	}
	if d > last {
		d = last
	}
	return d, true
}

func targetDay(e app.Event) string {
	t := e.Get("target")
	if !t.Truthy() {
		return ""
	}
	d := t.Call("getAttribute", "data-day")
	if !d.Truthy() {
		return ""
	}
	return d.String()
}

func (c *ActivityCalendar) onFocus(ctx app.Context, e app.Event) {
	if d := targetDay(e); d != "" && d != c.focus {
		c.focus = d
	}
}

func (c *ActivityCalendar) onClick(ctx app.Context, e app.Event) {
	d := targetDay(e)
	if d == "" {
		return
	}
	c.focus = d
	if c.OnSelect != nil {
		c.OnSelect(ctx, d)
	}
}

func (c *ActivityCalendar) onKey(ctx app.Context, e app.Event) {
	day := targetDay(e)
	if day == "" {
		return
	}
	key := e.Get("key").String()
	if key == "Enter" || key == " " {
		e.PreventDefault()
		if c.OnSelect != nil {
			c.OnSelect(ctx, day)
		}
		return
	}
	days := c.days()
	if len(days) == 0 {
		return
	}
	next, ok := calendarMove(day, key, days[0].Day, days[len(days)-1].Day)
	if !ok {
		return
	}
	e.PreventDefault()
	c.Focus(ctx, next)
}

// Focus moves the Tab stop and the keyboard focus to day (YYYY-MM-DD), as the
// arrow keys do. Call it on the UI goroutine.
func (c *ActivityCalendar) Focus(ctx app.Context, day string) {
	c.focus = day
	ctx.Defer(func(ctx app.Context) {
		if el := app.Window().Get("document").Call("querySelector", `[data-testid="calendar-grid"] [data-day="`+day+`"]`); el.Truthy() {
			el.Call("focus")
		}
	})
}
