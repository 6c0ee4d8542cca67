//go:build !js

package uitest

import (
	"fmt"
	htmltext "html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/reportsync"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/ui"
)

// reportQueries are the API requests whose GraphQL document asks for
// reports (the overview, ReportsRange, Reports), oldest first.
func reportQueries(p *provider.Server) []provider.Recorded {
	var out []provider.Recorded
	for _, r := range p.RequestsTo(provider.EndpointAPI) {
		if strings.Contains(r.Body, "reports(") {
			out = append(out, r)
		}
	}
	return out
}

var (
	spentRE    = regexp.MustCompile(`data-testid="ratelimit-spent">([0-9.]+)<`)
	requestsRE = regexp.MustCompile(`data-requests="(\d+)"`)
)

// shownSpent is the rate-limit card's "N of M points used".
func shownSpent(t *testing.T, page string) float64 {
	t.Helper()
	m := spentRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no points spent on the page:\n%s", page)
	}
	f, _ := strconv.ParseFloat(m[1], 64)
	return f
}

// One dashboard load asks the site for each report once: the Reports card
// and the explorer share the first screen's request, whose page of the ten
// newest reports is the explorer's first part. On a first visit the
// explorer asks only for what is older than that page; on a return visit
// with a few new reports, for nothing at all. The points the rate-limit card
// shows are every request's, and the explorer's own are what it says it
// spent.
func TestDashboardAsksForEachReportOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	all := aliceReports(time.Time{})
	cut := all[3].Start // her three newest are not uploaded yet
	visible := aliceReports(cut)
	h.prov.SetReportCutoff(cut)
	h.signIn()

	d := mount(t, &ui.HomePage{Session: h.s})
	page := settle(t, d)
	d.Close()
	mustContain(t, page, `data-state="done"`, `data-total="`+strconv.Itoa(len(visible))+`"`,
		fmt.Sprintf("Page 1 of %d (%d reports)", (len(visible)+session.ReportsPerPage-1)/session.ReportsPerPage, len(visible)))
	// The explorer continues where the card's page ends: endTime at its
	// oldest report (inclusive), never the newest reports again.
	boundary := visible[session.ReportsPerPage-1].Start
	older := 0
	for _, r := range visible {
		if !r.Start.After(boundary) {
			older++
		}
	}
	asked := reportQueries(h.prov)
	wantPages := (older + reportsync.PageSize - 1) / reportsync.PageSize
	if len(asked) != 1+wantPages || !strings.Contains(asked[0].Body, "query Overview") {
		t.Fatalf("the first visit asked for reports %d times, want the overview and %d pages:\n%s", len(asked), wantPages, bodies(asked))
	}
	end := `"endTime":` + strconv.FormatInt(boundary.UnixMilli(), 10)
	for _, r := range asked[1:] {
		if !strings.Contains(r.Body, "query ReportsRange") || !strings.Contains(r.Body, end) || strings.Contains(r.Body, `"startTime"`) {
			t.Errorf("the explorer asked %.300s, want only reports older than the overview's page (%s)", r.Body, end)
		}
	}
	api := len(h.prov.RequestsTo(provider.EndpointAPI))
	if got, want := shownSpent(t, page), float64(api)*provider.PointsPerRequest; got != want {
		t.Errorf("the rate-limit card shows %v points spent, want %v (%d requests)", got, want, api)
	}
	mustContain(t, page, htmltext.EscapeString(fmt.Sprintf("Checked with the page's first request and %d more, %d points of the site's rate limit.", wantPages, wantPages)))

	// A return visit: three reports are new, all on the overview's page.
	page = h.returnVisit(func(s *ui.Session) app.UI { return &ui.HomePage{Session: s} })
	mustContain(t, page, `data-total="`+strconv.Itoa(len(all))+`"`, `data-new="3"`, "3 new.",
		htmltext.EscapeString("Checked with the page's first request, at no further cost."))
	if m := requestsRE.FindStringSubmatch(page); m == nil || m[1] != "0" {
		t.Errorf("the explorer says it sent %v requests, want none of its own", m)
	}
	if asked := reportQueries(h.prov); len(asked) != 1 || !strings.Contains(asked[0].Body, "query Overview") {
		t.Errorf("the return visit asked for reports %d times, want once (the overview):\n%s", len(asked), bodies(asked))
	}
	if got, want := shownSpent(t, page), float64(api+1)*provider.PointsPerRequest; got != want {
		t.Errorf("after the return visit the rate-limit card shows %v points spent, want %v", got, want)
	}
	// Both lists start with the same, newest report.
	if n := strings.Count(page, `data-code="`+all[0].Code+`"`); n != 2 {
		t.Errorf("the newest report %s is listed %d times, want once in the card and once in the explorer", all[0].Code, n)
	}
}

func bodies(rs []provider.Recorded) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "  %.200s\n", strings.ReplaceAll(r.Body, "\n", " "))
	}
	return b.String()
}

// When the first screen's request fails, the explorer does not ask the
// failing site again at once (nor spend another refresh on a 401): it says
// its reports could not be loaded either, and fetches once that request
// succeeds.
func TestExplorerWaitsOutAFailedOverview(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()
	h.prov.SetFault(provider.EndpointAPI, provider.Fault{Status: 503})
	d := mount(t, &ui.HomePage{Session: h.s})
	defer d.Close()
	page := html(d)
	mustContain(t, page, `data-error="server-error"`, "could not be loaded either", `data-testid="explorer-retry"`)
	ranges := func() (n int) {
		for _, r := range reportQueries(h.prov) {
			if strings.Contains(r.Body, "query ReportsRange") {
				n++
			}
		}
		return n
	}
	if n := ranges(); n != 0 {
		t.Errorf("the explorer asked the failing site %d times", n)
	}
	h.prov.ClearFaults()
	reloadOverview(t, d, h.s)
	page = settle(t, d)
	mustContain(t, page, `data-state="done"`, `data-total="`+strconv.Itoa(len(aliceReports(time.Time{})))+`"`)
	if n := ranges(); n == 0 {
		t.Error("the explorer did not fetch once the first screen's request succeeded")
	}
}

// A fetch still under way when the person signs out does not write their
// list back after the sign-out cleared it: the explorer's page answer is
// held until the sign-out is done. The site cannot revoke tokens (as the
// Logs sites), so the held request still succeeds.
func TestSignOutDuringTheFetchKeepsNoList(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.site.RevokeURL = ""
	h.opts.Site = h.site
	h.reload()
	h.signIn()
	key := reportsync.Key{Site: h.site.ID, UserID: 1}
	cache := reportsync.SharedCache{Store: h.tab.Shared()} // what SignOut clears
	// The overview passes; the explorer's first page answers after 1.5 s.
	h.prov.SetFault(provider.EndpointAPI, provider.Fault{Delay: 1500 * time.Millisecond, Skip: 1, Times: 1})
	signedOut := make(chan error, 1)
	go func() {
		eventually(t, "the explorer to ask for a page", func() bool {
			for _, r := range reportQueries(h.prov) {
				if strings.Contains(r.Body, "query ReportsRange") {
					return true
				}
			}
			return false
		})
		_, err := h.s.SignOut(ctx(t))
		signedOut <- err
	}()
	d := mount(t, &ui.ReportExplorer{Session: h.s})
	defer d.Close()
	if err := <-signedOut; err != nil {
		t.Fatal(err)
	}
	// The held page is answered 1.5 s after it was asked (the explorer
	// cancels it at the sign-out, so it may never be recorded as answered):
	// by then its save, had it been made, is done.
	time.Sleep(2 * time.Second)
	html(d)
	if snap, _ := cache.Load(ctx(t), key); snap != nil {
		t.Errorf("after the sign-out the cache holds %d of the person's reports", len(snap.Reports))
	}
}
