//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin wherever the tests run

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The reports' start times and the token's expiry show in the browser's
// time zone, each with the offset that applied at that instant and named
// ("UTC+2"), whatever the zone of the machine running the tests.
func TestReportAndSettingsTimesAreLocal(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.wait("report")

	// In the browser's own zone (often UTC here): the offset shown is the
	// one Chromium gives for that instant.
	shown := regexp.MustCompile(`^(\d{4}-\d\d-\d\d \d\d:\d\d) (UTC(?:[+-]\d{1,2}(?::\d\d){0,2})?)$`)
	for _, st := range tb.reportStarts() {
		m := shown.FindStringSubmatch(st.text)
		if m == nil {
			t.Errorf("report started %v shows %q, not a time and its offset", st.at, st.text)
			continue
		}
		minutesWest := evalJS[float64](tb, fmt.Sprintf("new Date(%d).getTimezoneOffset()", st.at.UnixMilli()))
		if want := expectLocal(st.at, time.FixedZone("", int(-minutesWest*60))); st.text != want {
			t.Errorf("report started %v shows %q; Chromium's zone makes it %q", st.at, st.text, want)
		}
	}

	// In Europe/Berlin: alice's first page of reports spans the end of
	// summer time on 25 October 2026, so it shows both offsets.
	const zone = "Europe/Berlin"
	berlin, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	tb.emulateTimezone(zone)
	tb.reload()
	tb.wait("report")
	offsets := map[string]bool{}
	for _, st := range tb.reportStarts() {
		want := expectLocal(st.at, berlin)
		offsets[want[strings.LastIndex(want, " ")+1:]] = true
		if st.text != want {
			t.Errorf("in %s the report started %v shows %q, want %q", zone, st.at, st.text, want)
		}
	}
	if !offsets["UTC+1"] || !offsets["UTC+2"] {
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
