//go:build e2e

package e2e

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
)

// fixtureReport finds the first report of the fixtures owned by login with
// the visibility and at least one boss fight.
func fixtureReport(t *testing.T, s *stack, login, visibility string) provider.FixtureReport {
	t.Helper()
	for _, r := range s.provider.FixtureReports() {
		if r.Owner == login && r.Visibility == visibility && len(r.Fights) > 0 {
			return r
		}
	}
	t.Fatalf("the fixtures have no %s report of %s with fights", visibility, login)
	return provider.FixtureReport{}
}

// The report page (issue 15): from the dashboard, a private report's title
// opens the app's page of it, which shows its fights and players as the
// provider's fixtures hold them and links to the report on the site, marked
// as leaving the app; another person's private report, opened by its
// address, is refused in plain words. Both states pass axe-core at every
// size, light and dark, and nothing scrolls sideways at 360 px.
func TestReportPage(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := signInAlice(t, s)
	tb.wait("report")

	// The list: the title stays in the app, the arrow beside it leaves for the site.
	code := evalJS[string](tb, `document.querySelector('[data-testid="report"][data-visibility="private"]').dataset.code`)
	row := fmt.Sprintf(`[data-testid="report"][data-code=%q]`, code)
	type link struct{ Href, Target, Rel, Name string }
	readLink := func(sel string) link {
		return evalJS[link](tb, fmt.Sprintf(`(() => { const a = document.querySelector(%q);
			return a ? { Href: a.href, Target: a.target, Rel: a.rel, Name: a.getAttribute("aria-label") || a.innerText } : {}; })()`, sel))
	}
	siteURL := fmt.Sprintf(s.provider.ReportURL(), code)
	if l := readLink(row + ` [data-testid="report-title"]`); l.Href != s.url("/report/"+code) || l.Target != "" {
		t.Errorf("the title links to %+v, want the app's page %s in the same tab", l, s.url("/report/"+code))
	}
	if l := readLink(row + ` [data-testid="report-site-link"]`); l.Href != siteURL || l.Target != "_blank" || l.Rel != "noopener" ||
		!strings.HasSuffix(l.Name, "(opens Local provider)") {
		t.Errorf("the site link is %+v, want %s in a new tab, named \"… (opens Local provider)\"", l, siteURL)
	}

	tb.clickCSS(row + ` [data-testid="report-title"]`)
	want := fixtureReport(t, s, "alice", "private")
	for _, r := range s.provider.FixtureReports() {
		if r.Code == code {
			want = r
		}
	}
	if want.Code != code {
		t.Fatalf("report %s is not in the fixtures", code)
	}
	tb.waitText("report-heading", want.Title)
	if loc := tb.location(); loc != s.url("/report/"+code) {
		t.Errorf("the title led to %s", loc)
	}
	if title := evalJS[string](tb, `document.title`); title != want.Title+" – pkcelogs" {
		t.Errorf("the page's title is %q", title)
	}
	type fight struct{ Name, Outcome, Duration string }
	fights := evalJS[[]fight](tb, `[...document.querySelectorAll('[data-testid="report-fight"]')].map(f => ({
		Name: f.querySelector('[data-testid="report-fight-name"]').innerText,
		Outcome: f.querySelector('[data-testid="report-fight-outcome"]').innerText,
		Duration: f.querySelector('[data-testid="report-fight-duration"]').textContent.replace("lasting", "").trim() }))`)
	if len(fights) != len(want.Fights) {
		t.Fatalf("%d fights shown, the fixtures have %d", len(fights), len(want.Fights))
	}
	for i, f := range want.Fights {
		outcome := "Kill"
		if !f.Kill {
			outcome = fmt.Sprintf("Wipe at %.1f %%", f.BossPercentage)
		}
		sec := int((f.End - f.Start).Seconds() + 0.5)
		if got := fights[i]; got.Name != f.Name || got.Outcome != outcome || got.Duration != fmt.Sprintf("%d:%02d", sec/60, sec%60) {
			t.Errorf("fight %d shows %+v, want %s, %s, %d:%02d", i+1, got, f.Name, outcome, sec/60, sec%60)
		}
	}
	if bars := evalJS[int](tb, `document.querySelectorAll('[data-testid="report-timeline"] rect').length`); bars != len(want.Fights) {
		t.Errorf("the timeline has %d bars for %d fights", bars, len(want.Fights))
	}
	type player struct{ Name, Class, Server string }
	// What is shown, without the words only screen readers get ("Class: ").
	players := evalJS[[]player](tb, `(() => {
		const shown = e => [...e.childNodes].filter(n => !(n.classList && n.classList.contains("pl-visually-hidden")))
			.map(n => n.textContent).join("").trim();
		return [...document.querySelectorAll('[data-testid="report-player"]')].map(p => ({
			Name: shown(p.querySelector('[data-testid="report-player-name"]')),
			Class: shown(p.querySelector('[data-testid="report-player-class"]')),
			Server: shown(p.querySelector('[data-testid="report-player-server"]')) }));
	})()`)
	if len(players) != len(want.Players) {
		t.Fatalf("%d players shown, the fixtures have %d", len(players), len(want.Players))
	}
	for i, p := range want.Players {
		got := players[i]
		if got.Name != p.Name || strings.ReplaceAll(got.Class, " ", "") != p.SubType || got.Server != p.Server {
			t.Errorf("player %d shows %+v, want %+v", i+1, got, p)
		}
	}
	if l := readLink(`[data-testid="report-site-link"]`); l.Href != siteURL || l.Target != "_blank" || l.Rel != "noopener" ||
		!strings.HasSuffix(l.Name, "(opens Local provider)") {
		t.Errorf("the report's site link is %+v, want %s", l, siteURL)
	}
	// The site's page is there (the local provider's stand-in).
	resp, err := http.Get(siteURL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), html.EscapeString(want.Title)) {
		t.Errorf("the site's report page answered %d: %.200s", resp.StatusCode, body)
	}
	tb.emulate(smallPhone, "light")
	if sw := tb.sideways(); sw != "" {
		t.Errorf("the report page at 360 px: %s", sw)
	}
	problems := tb.a11yProblems("the report page")

	// Someone else's private report, opened by its address.
	bobs := fixtureReport(t, s, "bob", "private")
	tb.open(s.url("/report/" + bobs.Code))
	title, message := tb.expectError("report-private")
	if title != "This report is private" || !strings.Contains(message, "Only its owner") || strings.Contains(message, "logsapi") {
		t.Errorf("bob's private report: %q, %q", title, message)
	}
	if tb.visible("report-fights") || tb.visible("report-players") {
		t.Error("a refused report shows fights or players")
	}
	if !strings.Contains(evalJS[string](tb, `document.querySelector('[data-testid="error"] [data-testid="error-detail"]').textContent`),
		"You do not have permission to view this report.") {
		t.Error("the site's own words are not in the technical details")
	}
	problems = append(problems, tb.a11yProblems("another person's private report")...)
	for _, p := range problems {
		t.Error(p)
	}

	// A link to a report, opened signed out in a fresh browser: sign in, and
	// the report opens.
	fresh := newBrowser(t, "fresh")
	fresh.open(s.url("/report/" + code))
	fresh.wait("report-signed-out")
	fresh.clickSignIn()
	fresh.waitText("report-heading", want.Title)
	if loc := fresh.location(); loc != s.url("/report/"+code) {
		t.Errorf("after signing in from the report's link the page is %s", loc)
	}
}

// A report's address on a static host under a base path, as GitHub Pages
// serves it (no file: 404.html, which boots the app), opens the report page;
// the list's links carry the base path.
func TestReportPageOnAStaticHost(t *testing.T) {
	const base = "/pkcelogs/"
	s, ln, dist := staticExport(t, base)
	serve(t, ln, webapp.StaticSite(dist, base))

	tb := newBrowser(t, "main")
	tb.open(s.url(base))
	tb.clickSignIn()
	tb.wait("report")
	code := evalJS[string](tb, `document.querySelector('[data-testid="report"]').dataset.code`)
	if href := evalJS[string](tb, `document.querySelector('[data-testid="report-title"]').getAttribute("href")`); href != base+"report/"+code {
		t.Errorf("the title links to %q, want %q", href, base+"report/"+code)
	}
	var want provider.FixtureReport
	for _, r := range s.provider.FixtureReports() {
		if r.Code == code {
			want = r
		}
	}
	tb.open(s.url(base + "report/" + code))
	tb.waitText("report-heading", want.Title)
	if n := evalJS[int](tb, `document.querySelectorAll('[data-testid="report-player"]').length`); n != len(want.Players) {
		t.Errorf("%d players shown, want %d", n, len(want.Players))
	}
}
