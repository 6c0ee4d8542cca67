package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
)

// PathReportPrefix is where report pages live, relative to the base path:
// PathReportPrefix + CODE (ReportPath).
const PathReportPrefix = "/report/"

// TitleReport is the report page's title until the report's own is known.
const TitleReport = "Report"

// ReportPath is the app's page of the report with the given code, relative to
// the base path (Options.Path adds it): "/report/aBcD1234".
func ReportPath(code string) string { return PathReportPrefix + code }

// reportCodeFromPath reads the code from a report page's address (the base
// path already removed or not): "/pkcelogs/report/aBc" gives "aBc".
func reportCodeFromPath(path, basePath string) string {
	path = strings.TrimPrefix(path, basePath)
	code, ok := strings.CutPrefix(path, PathReportPrefix)
	if !ok {
		return ""
	}
	return code
}

// ReportView shows one report: title, zone, guild, owner, date and duration,
// its fights as a timeline (kills and wipes told apart by shape, icon and
// words, with durations and the boss's health at each wipe), its players
// (name, class or job, server), and a link to the report on the site itself.
// It fetches the report (logsapi.Client.ReportDetail) when mounted signed in
// and whenever Code changes; a report the site refuses (private, not found)
// or a failed request is explained in plain words with the technical detail
// folded away.
type ReportView struct {
	app.Compo

	// Code is the report's code, as in the site's /reports/CODE address:
	// letters and digits. An invalid code is explained, and nothing is sent.
	Code string
	// Session is the session whose sign-in reads the report; nil: Default().
	Session *Session
	// OnLoad, when set, is called on the UI goroutine with each report shown
	// (a page sets its title with it).
	OnLoad func(app.Context, *logsapi.ReportDetail)

	w        watcher
	mounted  bool // false in the server's pre-render, which shows the loading state
	signedIn bool
	owner    string // whose session rd and err were fetched in (sessionOwner)
	shown    string // the code rd or err belong to
	loading  string // the code being fetched, "" = none
	rd       *logsapi.ReportDetail
	err      error
}

func (v *ReportView) OnMount(ctx app.Context) {
	s := orDefault(v.Session)
	v.mounted = true
	v.w.watch(ctx, s, func(ctx app.Context) {
		v.signedIn = s.SignedIn()
		if owner := sessionOwner(s); owner != v.owner {
			// Someone else signed in (in another tab, say), or at another
			// site, where the code names another report: what was shown
			// was fetched for the previous person and may be theirs alone.
			v.owner, v.shown, v.rd, v.err = owner, "", nil, nil
		}
		v.load(ctx, s, false)
	})
}

// sessionOwner names whose session s holds (site and subject), "" when signed
// out: what a view's data fetched for one person is checked against, the
// report page's and the explorer's alike. A refresh keeps the subject.
func sessionOwner(s *Session) string {
	t := s.Token()
	if t == nil {
		return ""
	}
	return t.SiteID + "\x00" + t.Subject
}

func (v *ReportView) OnDismount() { v.w.unwatch() }

// OnUpdate runs when the parent gives another Code: fetch that report.
func (v *ReportView) OnUpdate(ctx app.Context) { v.load(ctx, orDefault(v.Session), false) }

// Reload fetches the report again, as "Try again" does: for an embedder's own
// controls and for tests. Call it on the UI goroutine.
func (v *ReportView) Reload(ctx app.Context) { v.load(ctx, orDefault(v.Session), true) }

func (v *ReportView) load(ctx app.Context, s *Session, force bool) {
	code := v.Code
	if !v.signedIn || code == "" || v.loading == code || (!force && v.shown == code) {
		return
	}
	if err := logsapi.CheckReportCode(code); err != nil {
		v.shown, v.rd, v.err = code, nil, err
		return
	}
	v.loading = code
	owner := v.owner
	ctx.Async(func() {
		cctx, cancel := context.WithTimeout(context.Background(), session.QueryTimeout)
		defer cancel()
		var rd *logsapi.ReportDetail
		api, err := s.API()
		if err == nil {
			rd, err = api.ReportDetail(cctx, code)
		}
		var unavailable *logsapi.ReportUnavailableError
		if !errors.As(err, &unavailable) {
			s.NoteError(err) // a session that ended elsewhere is forgotten here too
		}
		ctx.Dispatch(func(ctx app.Context) {
			if v.loading == code {
				v.loading = ""
			}
			if v.Code != code || v.owner != owner {
				v.load(ctx, s, false) // the page or the person moved on meanwhile
				return
			}
			v.shown, v.rd, v.err = code, rd, err
			if rd != nil && v.OnLoad != nil {
				v.OnLoad(ctx, rd)
			}
		})
	})
}

func (v *ReportView) Render() app.UI {
	s := orDefault(v.Session)
	var body app.UI
	switch {
	case !v.signedIn && v.mounted:
		body = app.Div().Attr(testid, "report-signed-out").Body(
			app.P().Text("Sign in to see this report: your own private reports included."),
			&SignInButton{Session: v.Session},
		)
	case v.Code == "" && v.mounted:
		body = app.P().Class("pl-empty").Attr(testid, "report-no-code").Text("This address names no report. Open one from your reports on the dashboard.")
	case v.shown == v.Code && v.err != nil && v.rd == nil:
		body = v.failure(s)
	case v.shown == v.Code && v.rd != nil:
		body = v.report(s, v.rd)
	default:
		body = &Progress{Label: "Loading the report…"}
	}
	loaded := v.shown == v.Code && v.rd != nil
	// Until the report's title is known (it is then the heading), the
	// section says what it is.
	return app.Section().Class("pl-report").Attr(testid, "report-view").Attr("data-code", v.Code).
		Attr("aria-busy", v.loading != "").Body(app.If(!loaded, pageHeading(TitleReport)), body)
}

// failure explains why the report is not shown, with the way back.
func (v *ReportView) failure(s *Session) app.UI {
	return app.Div().Class("pl-card").Body(
		&ErrorView{Err: v.err, Session: v.Session, OnRetry: v.Reload},
		app.P().Body(app.A().Attr(testid, "report-back").Href(s.Options().Path(PathHome)).Text("Back to your reports")),
	)
}

func (v *ReportView) report(s *Session, rd *logsapi.ReportDetail) app.UI {
	owner := "—"
	if rd.Owner != nil && rd.Owner.Name != "" {
		owner = rd.Owner.Name
	}
	length := rd.EndTime.Sub(rd.StartTime)
	return app.Div().Class("pl-report-body").Body(
		app.Div().Class("pl-card pl-report-head").Body(
			app.H1().Class("pl-page-title").Attr(testid, "report-heading").Text(rd.Title),
			app.Dl().Class("pl-report-facts").Body(
				reportFact("Zone", "report-zone", app.Text(zoneName(rd.Zone))),
				reportFact(siteOf(s).Words().Guild, "report-guild", app.Text(guildName(rd.Guild))),
				reportFact("Owner", "report-owner", app.Text(owner)),
				reportFact("Date", "report-date", app.Time().DateTime("%s", rd.StartTime.UTC().Format(time.RFC3339)).Text(reportTime(rd.StartTime))),
				reportFact("Duration", "report-duration", app.Text(reportLength(length))),
				reportFact("Visibility", "report-visibility", visibilityBadge(rd.Visibility)),
			),
			v.siteLink(s, rd.Code),
		),
		reportFights(rd.Fights, length),
		reportPlayers(rd.Players, siteGame(s)),
	)
}

// siteGame is the game of the site the person is signed in to.
func siteGame(s *Session) string {
	if site, err := s.Site(s.SiteID()); err == nil {
		return site.Game
	}
	return s.Options().Site.Game
}

func reportFact(term, id string, value app.UI) app.UI {
	return app.Div().Class("pl-fact").Body(app.Dt().Text(term), app.Dd().Attr(testid, id).Body(value))
}

// siteLink leads to the report on the site itself, in a new tab, and says so.
func (v *ReportView) siteLink(s *Session, code string) app.UI {
	site, err := s.Site(s.SiteID())
	if err != nil {
		return app.Text("")
	}
	href := site.ReportPage(code)
	if href == "" {
		return app.Text("")
	}
	return app.P().Body(externalLink(href, "report-site-link", "View on "+site.Name, site.Name, "View on "+site.Name))
}

// externalLink is a link that leaves the app: it opens site in a new tab, and
// its accessible name says so ("… (opens Warcraft Logs)"), the arrow beside
// the visible text showing it to sighted people.
func externalLink(href, id, visible, site, name string) app.UI {
	class := "pl-external"
	if visible == "" {
		class += " pl-external-icon-only" // at least 24 px square (WCAG 2.5.8)
	}
	return app.A().Class(class).Attr(testid, id).Href(href).Target("_blank").Attr("rel", "noopener").
		Attr("aria-label", name+" (opens "+site+")").Title("Opens "+site+" in a new tab").Body(
		app.If(visible != "", app.Span().Text(visible)),
		app.Span().Class("pl-external-icon").Attr("aria-hidden", "true").Text("↗"),
	)
}

// fightsSection draws the boss pulls along the report's time axis: an SVG
// bar per pull (kills full height, wipes as high as the boss's health they
// took off), then the same pulls as a list in words.
func reportFights(all []logsapi.Fight, length time.Duration) app.UI {
	var pulls []logsapi.Fight
	for _, f := range all {
		if f.Boss() {
			pulls = append(pulls, f)
		}
	}
	trash := len(all) - len(pulls)
	kills := 0
	for _, f := range pulls {
		if f.Kill {
			kills++
		}
	}
	heading := app.H2().ID("pl-fights-heading").Text("Fights")
	if len(pulls) == 0 {
		return app.Section().Class("pl-card pl-fights").Attr(testid, "report-fights").Attr("aria-labelledby", "pl-fights-heading").Body(
			heading, app.P().Class("pl-empty").Attr(testid, "report-no-fights").Text(reportNoFights(trash)))
	}
	summary := fmt.Sprintf("%s over %s: %s, %s", reportPlural(len(pulls), "boss pull"), reportLength(length),
		reportPlural(kills, "kill"), reportPlural(len(pulls)-kills, "wipe"))
	return app.Section().Class("pl-card pl-fights").Attr(testid, "report-fights").Attr("aria-labelledby", "pl-fights-heading").Body(
		heading,
		app.P().Class("pl-muted").Attr(testid, "report-fights-summary").Text(summary+reportTrashNote(trash)+"."),
		reportTimeline(pulls, length, summary),
		app.Ol().Class("pl-fight-list").Body(app.Range(pulls).Slice(func(i int) app.UI { return reportFightItem(pulls[i]) })),
	)
}

func reportNoFights(trash int) string {
	if trash > 0 {
		return "No boss fights in this report, only " + reportPlural(trash, "trash fight") + "."
	}
	return "No boss fights in this report."
}

func reportTrashNote(trash int) string {
	if trash == 0 {
		return ""
	}
	return "; " + reportPlural(trash, "trash fight") + " not shown"
}

const reportSVGNS = "http://www.w3.org/2000/svg"

// reportSVG is an element in SVG's namespace. It takes no class: go-app sets
// classes through className, which SVG elements do not let a script set; the
// stylesheet finds them inside .pl-timeline by their data attributes.
func reportSVG(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(reportSVGNS) }

// timeline is the SVG of the pulls: x is time into the report, in percent of
// its length, so it fits any width without a style attribute (the page's
// Content-Security-Policy allows none).
func reportTimeline(pulls []logsapi.Fight, length time.Duration, summary string) app.UI {
	if length <= 0 {
		length = time.Second
		for _, f := range pulls {
			length = max(length, f.End)
		}
	}
	pct := func(d time.Duration) float64 { return min(max(float64(d)/float64(length)*100, 0), 100) }
	const height = 48.0
	bars := make([]app.UI, 0, len(pulls)+1)
	bars = append(bars, reportSVG("line").Attr("x1", "0").Attr("x2", "100%").
		Attr("y1", fmt.Sprint(height)).Attr("y2", fmt.Sprint(height)))
	for _, f := range pulls {
		x, w := pct(f.Start), max(pct(f.End)-pct(f.Start), 0.4)
		h := height
		outcome := "kill"
		if !f.Kill {
			outcome = "wipe"
			done := 100.0
			if f.BossPercentage != nil {
				done = 100 - *f.BossPercentage
			}
			h = max(height*done/100, 6)
		}
		bars = append(bars, reportSVG("rect").Attr("data-outcome", outcome).Attr("data-fight", f.ID).
			Attr("x", fmt.Sprintf("%.3f%%", x)).Attr("width", fmt.Sprintf("%.3f%%", w)).
			Attr("y", fmt.Sprintf("%.1f", height-h)).Attr("height", fmt.Sprintf("%.1f", h)).Body(
			reportSVG("title").Text(reportFightLine(f)),
		))
	}
	return app.Figure().Class("pl-timeline").Body(
		reportSVG("svg").Attr(testid, "report-timeline").Attr("role", "img").
			Attr("aria-label", "Timeline of the report: "+summary+". The list below names each pull.").
			Attr("width", "100%").Attr("height", fmt.Sprint(height+2)).Body(bars...),
		app.FigCaption().Class("pl-timeline-legend").Body(
			app.Span().Class("pl-legend pl-legend-kill").Text("Kill: full bar"),
			app.Span().Class("pl-legend pl-legend-wipe").Text("Wipe: bar as high as the boss's health taken off"),
		),
	)
}

// fightLine says a pull in words: "Sikran: wipe at 42.2 %, 3:01".
func reportFightLine(f logsapi.Fight) string {
	if f.Kill {
		return fmt.Sprintf("%s: kill, %s", f.Name, reportClock(f.Duration()))
	}
	return fmt.Sprintf("%s: wipe%s, %s", f.Name, reportBossLeft(f), reportClock(f.Duration()))
}

func reportBossLeft(f logsapi.Fight) string {
	if f.BossPercentage == nil {
		return ""
	}
	return fmt.Sprintf(" at %.1f %%", *f.BossPercentage)
}

func reportFightItem(f logsapi.Fight) app.UI {
	outcome, icon, class := "Kill", "✓", "pl-fight-kill"
	if !f.Kill {
		outcome, icon, class = "Wipe"+reportBossLeft(f), "✗", "pl-fight-wipe"
	}
	return app.Li().Class("pl-fight "+class).Attr(testid, "report-fight").Attr("data-fight", f.ID).
		Attr("data-kill", fmt.Sprint(f.Kill)).Attr("data-encounter", f.EncounterID).Body(
		app.Span().Class("pl-fight-icon").Attr("aria-hidden", "true").Text(icon),
		app.Span().Class("pl-fight-name").Attr(testid, "report-fight-name").Text(f.Name),
		app.Span().Class("pl-fight-outcome").Attr(testid, "report-fight-outcome").Text(outcome),
		app.Span().Class("pl-fight-duration").Attr(testid, "report-fight-duration").Body(
			app.Span().Class("pl-visually-hidden").Text("lasting "),
			app.Text(reportClock(f.Duration())),
		),
		app.Span().Class("pl-fight-at pl-muted").Text("at "+reportClock(f.Start)),
	)
}

func reportPlayers(players []logsapi.Player, game string) app.UI {
	what := "Class"
	if game == sites.GameFFXIV {
		what = "Job"
	}
	heading := app.H2().ID("pl-players-heading").Text(fmt.Sprintf("Players (%d)", len(players)))
	section := app.Section().Class("pl-card pl-players").Attr(testid, "report-players").Attr("aria-labelledby", "pl-players-heading")
	if len(players) == 0 {
		return section.Body(heading, app.P().Class("pl-empty").Text("The site lists no players in this report."))
	}
	return section.Body(
		heading,
		app.Ul().Class("pl-player-list").Body(app.Range(players).Slice(func(i int) app.UI {
			p := players[i]
			return app.Li().Class("pl-player").Attr(testid, "report-player").Body(
				app.Span().Class("pl-player-name").Attr(testid, "report-player-name").Text(p.Name),
				app.Span().Class("pl-player-class").Attr(testid, "report-player-class").Body(
					app.Span().Class("pl-visually-hidden").Text(what+": "),
					app.Text(classWords(p.Class)),
				),
				app.If(p.Server != "", app.Span().Class("pl-player-server pl-muted").Attr(testid, "report-player-server").Body(
					app.Span().Class("pl-visually-hidden").Text("Server: "),
					app.Text(p.Server),
				)),
			)
		})),
	)
}

// spacedName writes the API's class and job names as words: "DeathKnight" is
// "Death Knight", "WhiteMage" "White Mage".
func classWords(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "—"
	}
	return b.String()
}

// clock writes d as m:ss, or h:mm:ss from an hour.
func reportClock(d time.Duration) string {
	sec := int(d.Round(time.Second) / time.Second)
	if sec < 0 {
		sec = 0
	}
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
	}
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// longDuration writes a report's length as a person says it: "2 h 5 min",
// "45 min", "30 s".
func reportLength(d time.Duration) string {
	d = d.Round(time.Minute)
	if d <= 0 {
		return "under a minute"
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

func reportPlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// ReportPage is the page at PathReportPrefix + CODE: the report view for the
// code in the address, titled with the report's title once loaded.
type ReportPage struct {
	app.Compo
	Session *Session // nil: Default()

	code string
}

func (p *ReportPage) OnPreRender(ctx app.Context) { setTitle(ctx, TitleReport) }

// OnInit reads the code before the first render, so the page never shows
// itself without one while it loads.
func (p *ReportPage) OnInit() {
	if app.IsClient {
		p.code = reportCodeFromPath(app.Window().URL().Path, orDefault(p.Session).Options().BasePath)
	}
}

func (p *ReportPage) OnNav(ctx app.Context) {
	setTitle(ctx, TitleReport)
	p.code = reportCodeFromPath(ctx.Page().URL().Path, orDefault(p.Session).Options().BasePath)
}

func (p *ReportPage) Render() app.UI {
	return layout(p.Session, "report", nil, &ReportView{Code: p.code, Session: p.Session,
		OnLoad: func(ctx app.Context, rd *logsapi.ReportDetail) { setTitle(ctx, rd.Title) }})
}
