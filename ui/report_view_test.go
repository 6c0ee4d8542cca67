//go:build !js

package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

func TestReportCodeFromPath(t *testing.T) {
	for _, tc := range []struct{ path, base, want string }{
		{"/report/aBc123", "", "aBc123"},
		{"/pkcelogs/report/aBc123", "/pkcelogs", "aBc123"},
		{"/report/", "", ""},
		{"/console", "", ""},
		{"/pkcelogs/console", "/pkcelogs", ""},
	} {
		if got := reportCodeFromPath(tc.path, tc.base); got != tc.want {
			t.Errorf("reportCodeFromPath(%q, %q) = %q, want %q", tc.path, tc.base, got, tc.want)
		}
	}
}

func TestReportWords(t *testing.T) {
	for in, want := range map[string]string{"DeathKnight": "Death Knight", "WhiteMage": "White Mage", "Dragonknight": "Dragonknight", "": "—"} {
		if got := classWords(in); got != want {
			t.Errorf("classWords(%q) = %q, want %q", in, got, want)
		}
	}
	for d, want := range map[time.Duration]string{181 * time.Second: "3:01", 0: "0:00", 3723 * time.Second: "1:02:03", -time.Second: "0:00"} {
		if got := reportClock(d); got != want {
			t.Errorf("reportClock(%v) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[time.Duration]string{135 * time.Minute: "2 h 15 min", 45 * time.Minute: "45 min", 2 * time.Hour: "2 h", 10 * time.Second: "under a minute"} {
		if got := reportLength(d); got != want {
			t.Errorf("reportLength(%v) = %q, want %q", d, got, want)
		}
	}
}

// The report page's failures read as plain words, each with its own code; the
// site's own words stay in the technical detail.
func TestExplainReportFailures(t *testing.T) {
	site := logsapi.GraphQLErrors{{Message: "You do not have permission to view this report."}}
	for _, tc := range []struct {
		err        error
		code, word string
	}{
		{&logsapi.ReportUnavailableError{Code: "abc", Reason: logsapi.ReportForbidden, Errs: site}, "report-private", "Only its owner"},
		{&logsapi.ReportUnavailableError{Code: "abc", Reason: logsapi.ReportNotFound}, "report-not-found", "no report abc"},
		{&logsapi.ReportUnavailableError{Code: "abc", Reason: logsapi.ReportRefused, Errs: logsapi.GraphQLErrors{{Message: "Odd."}}}, "report-refused", "Odd."},
		{logsapi.ErrInvalidReportCode, "report-code", "letters and digits"},
		{&logsapi.RateLimitedError{RetryAfter: time.Minute}, "rate-limited", "1 minute"},
	} {
		ex := Explain(tc.err)
		if ex.Code != tc.code || !strings.Contains(ex.Message, tc.word) || strings.Contains(ex.Message, "logsapi:") {
			t.Errorf("%v: %+v", tc.err, ex)
		}
	}
	var g logsapi.GraphQLErrors
	if !errors.As(error(&logsapi.ReportUnavailableError{Errs: site}), &g) || g[0].Message != site[0].Message {
		t.Error("the site's errors are not reachable")
	}
}

// Signed out, the report view offers the sign-in and sends nothing; a code no
// site could issue is explained without a request.
func TestReportViewSignedOutAndBadCode(t *testing.T) {
	s := testSession(t, nil)
	d := mount(t, &ReportView{Code: "aBc", Session: s})
	defer d.Close()
	page := html(d)
	mustContain(t, page, `data-testid="report-signed-out"`, "Sign in to see this report")
	mustNotContain(t, page, "pl-fight")
}
