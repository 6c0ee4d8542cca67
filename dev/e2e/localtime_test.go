//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin wherever the tests run

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The reports' start times show in the browser's locale and time zone
// (Intl), and the token's expiry in its time zone with the offset that
// applied at that instant named ("UTC+2"), whatever the zone of the machine
// running the tests.
func TestReportAndSettingsTimesAreLocal(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.wait("report")

	// The report list shows dates in the person's locale and zone
	// (Intl.DateTimeFormat, issue 13 item 9): each start time is what
	// Chromium's own Intl gives for that instant, in its own zone and, below,
	// in Europe/Berlin, where alice's first page spans the end of summer time
	// on 25 October 2026 (the hours written out here rather than with the
	// app's code).
	intlJS := func(at time.Time) string {
		return evalJS[string](tb, fmt.Sprintf(`new Intl.DateTimeFormat(undefined, {dateStyle: "medium", timeStyle: "short"}).format(%d)`, at.UnixMilli()))
	}
	for _, st := range tb.reportStarts() {
		if want := intlJS(st.at); st.text != want {
			t.Errorf("report started %v shows %q; Chromium's Intl makes it %q", st.at, st.text, want)
		}
	}
	const zone = "Europe/Berlin"
	berlin, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	tb.emulateTimezone(zone)
	tb.reload()
	tb.wait("report")
	offsets := map[int]bool{}
	for _, st := range tb.reportStarts() {
		local := st.at.In(berlin)
		_, off := local.Zone()
		offsets[off] = true
		if want := intlJS(st.at); st.text != want {
			t.Errorf("in %s the report started %v shows %q, want %q", zone, st.at, st.text, want)
		}
		h12 := local.Hour() % 12
		if h12 == 0 {
			h12 = 12
		}
		if !strings.Contains(st.text, local.Format("15:04")) && !strings.Contains(st.text, fmt.Sprintf("%d:%02d", h12, local.Minute())) {
			t.Errorf("in %s the report started %v shows %q, not the local time %s", zone, st.at, st.text, local.Format("15:04"))
		}
	}
	if !offsets[3600] || !offsets[7200] {
		t.Errorf("alice's first page of reports no longer spans a change of offset in %s (%v): the test proves less; pick another zone", zone, offsets)
	}

	tb.click("nav-settings")
	session := tb.waitText("settings-session", "good until")
	expiry, err := time.Parse(time.RFC3339, tb.storedToken().Expiry)
	if err != nil {
		t.Fatal(err)
	}
	if want := "good until " + expectLocal(expiry, berlin) + "."; !strings.Contains(session, want) {
		t.Errorf("settings say %q, want %q", session, want)
	}
}

// expectLocal is at as the page should show it in zone, written out here
// rather than with the app's code.
func expectLocal(at time.Time, zone *time.Location) string {
	local := at.In(zone)
	_, off := local.Zone()
	label := "UTC"
	if off != 0 {
		sign := "+"
		if off < 0 {
			sign, off = "-", -off
		}
		label += sign + fmt.Sprint(off/3600)
		if off%3600 != 0 {
			label += fmt.Sprintf(":%02d", off%3600/60)
		}
	}
	return local.Format("2006-01-02 15:04") + " " + label
}

type reportStart struct {
	at   time.Time // the instant, from the element's datetime attribute
	text string    // what the page shows
}

// reportStarts reads the start column of the report table.
func (tb *tab) reportStarts() []reportStart {
	tb.t.Helper()
	raw := evalJS[[][]string](tb, `[...document.querySelectorAll('[data-testid="report-start"]')].map(e => [e.getAttribute("datetime") || "", e.innerText || ""])`)
	if len(raw) == 0 {
		tb.t.Fatal("the reports show no start times")
	}
	var out []reportStart
	for _, r := range raw {
		at, err := time.Parse(time.RFC3339, r[0])
		if err != nil {
			tb.t.Fatalf("report start %q has datetime %q: %v", r[1], r[0], err)
		}
		out = append(out, reportStart{at, strings.TrimSpace(r[1])})
	}
	return out
}

// emulateTimezone puts the tab in the IANA time zone id, as if the machine
// were there.
func (tb *tab) emulateTimezone(id string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: id}); err != nil {
		tb.t.Fatalf("%s: emulating the time zone %s: %v", tb.name, id, err)
	}
}
