//go:build !js

package uitest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/ui"
)

// firstPrivate is the code of the first private report on the signed-in
// person's first page.
func firstPrivate(t *testing.T, h *harness) string {
	t.Helper()
	d := mount(t, &ui.Reports{Session: h.s})
	defer d.Close()
	html(d)
	for _, r := range h.s.Overview().Data.Reports.Data {
		if r.Visibility == "private" && r.Zone != nil {
			return r.Code
		}
	}
	t.Fatal("no private report with a zone on the first page")
	return ""
}

// The owner sees a private report with its fights and players as the API gives
// them; another person signed in is told, in plain words, that it is private.
func TestReportViewOwnerAndOthers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withGame(provider.GameFFXIV))
	h.signIn()
	code := firstPrivate(t, h)
	d := mount(t, &ui.ReportView{Code: code, Session: h.s})
	defer d.Close()
	page := html(d)

	api, err := h.s.API()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := api.ReportDetail(ctx(t), code)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, page, `data-testid="report-heading"`, rd.Title, `data-testid="report-timeline"`,
		fmt.Sprintf(`href="%s/reports/%s"`, h.prov.URL, code), "(opens Local Logs)", `target="_blank"`, `rel="noopener"`)
	if n := strings.Count(page, `data-testid="report-fight"`); n != countBoss(rd.Fights) || n == 0 {
		t.Errorf("%d fights shown, want %d", n, countBoss(rd.Fights))
	}
	if n := strings.Count(page, `<rect `); n != countBoss(rd.Fights) {
		t.Errorf("%d bars in the timeline, want %d", n, countBoss(rd.Fights))
	}
	for _, f := range rd.Fights {
		if !f.Kill && f.BossPercentage != nil {
			mustContain(t, page, fmt.Sprintf("Wipe at %.1f %%", *f.BossPercentage))
			break
		}
	}
	if !regexp.MustCompile(`report-fight-outcome"[^>]*>Kill<`).MatchString(page) { // a kill leaves no health to tell
		t.Error("no fight reads just Kill")
	}
	if n := strings.Count(page, `data-testid="report-player"`); n != len(rd.Players) || n != 8 {
		t.Errorf("%d players shown, want %d (a light party of 8 on FF Logs)", n, len(rd.Players))
	}
	for _, p := range rd.Players {
		mustContain(t, page, ">"+p.Name+"<", p.Server)
	}
	mustContain(t, page, "Job: ") // FF Logs says job, not class

	hb := newHarness(t, func(p *provider.Options, _ *ui.Options) {
		p.Game = provider.GameFFXIV
		p.AutoApprove = provider.UserBob
	})
	hb.signIn()
	db := mount(t, &ui.ReportView{Code: code, Session: hb.s})
	defer db.Close()
	page = html(db)
	mustContain(t, page, `data-error="report-private"`, "This report is private", "Only its owner",
		"Technical details", "You do not have permission to view this report.")
	mustNotContain(t, page, `data-testid="report-fight"`)
	if !hb.s.SignedIn() {
		t.Error("a refused report signed bob out")
	}
}

func countBoss(fs []logsapi.Fight) int {
	n := 0
	for _, f := range fs {
		if f.Boss() {
			n++
		}
	}
	return n
}

// The dashboard's report list links each title to the app's report page and,
// separately, to the site's page, marked as leaving the app.
func TestReportListLinks(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	d := h.signedIn(&ui.Reports{Session: h.s})
	page := html(d)
	code := h.s.Overview().Data.Reports.Data[0].Code
	mustContain(t, page, `href="/report/`+code+`"`, fmt.Sprintf(`href="%s/reports/%s"`, h.prov.URL, code), "(opens Local Logs)")
}

// Rate limited or cut off, the report view says so in plain words with the
// way on (the countdown, "Try again"), keeps the sign-in, and shows the report
// once the site answers again.
func TestReportViewFailuresAndRetry(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()
	code := firstPrivate(t, h)
	for _, tc := range []struct {
		name  string
		fault provider.Fault
		code  string
		words string
	}{
		{"rate limited", provider.Fault{Status: 429, Times: 1}, "rate-limited", "The budget resets in"},
		{"no connection", provider.Fault{Drop: true, Times: 1}, "network", "Could not reach the site"},
		{"site down", provider.Fault{Status: 503, Times: 1}, "server-error", "HTTP 503"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.prov.SetFault(provider.EndpointAPI, tc.fault)
			v := &ui.ReportView{Code: code, Session: h.s}
			d := mount(t, v)
			defer d.Close()
			page := html(d)
			mustContain(t, page, `data-error="`+tc.code+`"`, tc.words, `data-testid="error-action"`, "Technical details")
			mustNotContain(t, page, `data-testid="report-fight"`)
			// The library's own text is for the folded technical details only.
			if m := regexp.MustCompile(`(?s)error-message"[^>]*>(.*?)</p>`).FindStringSubmatch(page); m == nil || strings.Contains(m[1], "logsapi") {
				t.Errorf("the message in words: %v", m)
			}
			if !h.s.SignedIn() {
				t.Fatal("a failed report request signed the person out")
			}
			update(d, v, func(ctx app.Context) { v.Reload(ctx) })
			mustContain(t, html(d), `data-testid="report-heading"`, `data-testid="report-fight"`)
		})
	}
}

// A report page left open while its owner signs out and someone else signs in
// (in another tab) asks the site again for the new person instead of showing
// the owner's private report to them.
func TestReportViewFollowsThePerson(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()
	code := firstPrivate(t, h)
	d := mount(t, &ui.ReportView{Code: code, Session: h.s})
	defer d.Close()
	mustContain(t, html(d), `data-testid="report-heading"`)

	tab2, s2 := h.newTab()
	if _, err := s2.SignOut(ctx(t)); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the report page to hear of the sign-out", func() bool { return !h.s.SignedIn() })
	if err := h.prov.SetAutoApprove(provider.UserBob); err != nil {
		t.Fatal(err)
	}
	if err := s2.SignIn(h.site.ID, "/"); err != nil {
		t.Fatal(err)
	}
	tab2.Navigate(h.authorize(tab2))
	if _, err := s2.CallbackResult(ctx(t)); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the report page to take up bob's session", func() bool {
		tok := h.s.Token()
		return tok != nil && tok.Subject != "1"
	})
	var page string
	eventually(t, "the report page to ask again as bob", func() bool {
		page = html(d)
		return strings.Contains(page, `data-error="report-private"`)
	})
	mustNotContain(t, page, `data-testid="report-fight"`, `data-testid="report-heading"`)
}
