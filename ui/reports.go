package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// Reports lists the signed-in person's reports, newest first, marking private
// and unlisted ones, with paging. Page 1 comes with the first screen's single
// request; other pages are fetched when asked for.
type Reports struct {
	app.Compo

	Session    *Session // nil: Default()
	HideErrors bool     // the page shows the first screen's error once, elsewhere

	overviewView
	page     *logsapi.ReportPage // a page other than the first screen's, when turned to
	pageOf   *logsapi.Overview   // the first screen page was turned from; a new one (another sign-in) drops page
	pageErr  error
	fetching int       // the page being fetched, 0 = none
	said     announcer // says a page turn's progress and end (always on the page: live.go)
}

func (r *Reports) OnMount(ctx app.Context) { r.mount(ctx, orDefault(r.Session)) }
func (r *Reports) OnDismount()             { r.w.unwatch() }

func (r *Reports) current() *logsapi.ReportPage {
	if r.page != nil && r.pageOf == r.st.Data {
		return r.page
	}
	if r.st.Data != nil {
		return r.st.Data.Reports
	}
	return nil
}

func (r *Reports) Render() app.UI {
	s := orDefault(r.Session)
	body := r.placeholder(s, "reports", "Loading your reports…", r.HideErrors)
	if body == nil {
		body = r.list(s)
	}
	// The heading takes the focus after "Older" or "Newer" (the buttons are
	// disabled while the page loads, which would drop the focus to the page's
	// body); aria-busy tells assistive technology the list is being replaced.
	return app.Section().Class("pl-card pl-reports").Attr(testid, "reports").Attr("aria-busy", r.fetching != 0).
		Attr("aria-labelledby", reportsHeadingID).Body(
		app.H2().ID(reportsHeadingID).Attr("tabindex", "-1").Attr(testid, "reports-heading").Text("Reports, newest first"),
		r.said.view("status", "reports-live"),
		body,
	)
}

// reportsHeadingID is the id of the reports' heading, which paging focuses.
const reportsHeadingID = "pl-reports-heading"

// focusReportsHeading moves the keyboard focus to the reports' heading once
// the page has rendered.
func focusReportsHeading(ctx app.Context) {
	ctx.Defer(func(ctx app.Context) {
		if h := app.Window().GetElementByID(reportsHeadingID); h.Truthy() {
			h.Call("focus")
		}
	})
}

func (r *Reports) list(s *Session) app.UI {
	p := r.current()
	if p == nil {
		return app.P().Class("pl-empty").Attr(testid, "reports-empty").Text("The site did not return your reports.")
	}
	if len(p.Data) == 0 && p.CurrentPage <= 1 {
		return app.P().Class("pl-empty").Attr(testid, "reports-empty").Text("You have not uploaded any reports on this site.")
	}
	last := p.LastPage
	if last < p.CurrentPage {
		last = p.CurrentPage
	}
	return app.Div().Body(
		// Below about 600 px (app.css) each row is a card: the title with the
		// visibility badge beside it, then a short date, zone and guild.
		reportTable(s, p.Data, "report").Class(loadingClass(r.fetching != 0)),
		// go-app keeps the first handler it mounted (it compares handlers by code
		// pointer), so the handlers read the current page rather than capture p.
		app.Div().Class("pl-pager").Body(
			app.Button().Class("pl-button").Attr(testid, "reports-prev").Disabled(p.CurrentPage <= 1 || r.fetching != 0).
				Text("Newer").OnClick(func(ctx app.Context, e app.Event) { r.turn(ctx, s, r.currentPageNumber()-1) }),
			app.Span().Attr(testid, "reports-page").Text(fmt.Sprintf("Page %d of %d (%d reports)", p.CurrentPage, last, p.Total)),
			app.Button().Class("pl-button").Attr(testid, "reports-next").Disabled(!p.HasMorePages || r.fetching != 0).
				Text("Older").OnClick(func(ctx app.Context, e app.Event) { r.turn(ctx, s, r.currentPageNumber()+1) }),
		),
		app.If(r.fetching != 0, &Progress{Label: loadingPage(r.fetching), Quiet: true}), // r.said says it
		app.If(r.pageErr != nil, &ErrorView{Err: r.pageErr, Session: r.Session, Compact: true,
			OnRetry: func(ctx app.Context) { r.turn(ctx, s, r.currentPageNumber()+1) }}),
	)
}

func (r *Reports) currentPageNumber() int {
	if p := r.current(); p != nil {
		return p.CurrentPage
	}
	return 1
}

// Turn shows page (1 = the newest reports, the first screen's), fetching it
// if need be, as the Newer and Older buttons do: for an embedder's own
// controls and for tests, which cannot click. Call it on the UI goroutine.
func (r *Reports) Turn(ctx app.Context, page int) { r.turn(ctx, orDefault(r.Session), page) }

// turn fetches a page of reports; page 1 is the first screen's.
func (r *Reports) turn(ctx app.Context, s *Session, page int) {
	if page < 1 || r.fetching != 0 {
		return
	}
	r.pageErr = nil
	focusReportsHeading(ctx)
	if page == 1 && r.st.Data != nil && r.st.Data.Reports != nil {
		r.page = nil
		r.said.say("Page 1 of your reports shown.")
		return
	}
	t := s.Token()
	if t == nil {
		return
	}
	userID, _ := t.UserID()
	perPage := session.ReportsPerPage
	if cur := r.current(); cur != nil && cur.PerPage > 0 {
		perPage = cur.PerPage
	}
	r.fetching = page
	r.said.say(loadingPage(page))
	ctx.Async(func() {
		cctx, cancel := context.WithTimeout(context.Background(), session.QueryTimeout)
		defer cancel()
		var p *logsapi.ReportPage
		api, err := s.API()
		if err == nil {
			p, err = api.Reports(cctx, userID, page, perPage)
		}
		s.NoteError(err) // a session that ended elsewhere is forgotten here too
		ctx.Dispatch(func(ctx app.Context) {
			r.fetching = 0
			if err != nil {
				r.pageErr = err
				r.said.clear() // its ErrorView is an alert
				return
			}
			r.page, r.pageOf = p, r.st.Data
			r.said.say(fmt.Sprintf("Page %d of your reports shown.", p.CurrentPage))
		})
	})
}

// loadingPage is what the Reports card says while a page loads.
func loadingPage(page int) string { return fmt.Sprintf("Loading page %d of your reports…", page) }

// loadingClass dims what is being replaced while its successor loads.
func loadingClass(loading bool) string {
	if loading {
		return "pl-loading"
	}
	return ""
}

func visibilityBadge(v string) app.UI {
	switch v {
	case "private":
		return app.Span().Class("pl-badge pl-badge-private").Attr(testid, "report-visibility").Text("Private")
	case "unlisted":
		return app.Span().Class("pl-badge pl-badge-unlisted").Attr(testid, "report-visibility").Text("Unlisted")
	}
	return app.Span().Class("pl-badge-public").Attr(testid, "report-visibility").Text("Public")
}

func zoneName(z *logsapi.Zone) string {
	if z == nil || z.Name == "" {
		return "—"
	}
	return z.Name
}

func guildName(g *logsapi.Guild) string {
	if g == nil {
		return "Personal logs"
	}
	return g.Name
}

// siteReportLink leads to the report on the site itself, beside the title
// (which opens the app's own report page); nothing when the site's report
// pages are not known.
func siteReportLink(s *Session, code, title string) app.UI {
	site, err := s.Site(s.SiteID())
	if err != nil || site.ReportPage(code) == "" {
		return app.Text("")
	}
	return externalLink(site.ReportPage(code), "report-site-link", "", site.Name, title+" on "+site.Name)
}

// reportTable lists reports, one row each (data-testid rowTestID): the title
// opening the app's report page with a separate link to the site's, zone,
// guild (in the site's words), local date (a short one on phones), duration
// and visibility. Below about 600 px (app.css) each row is a card: the title
// with the visibility badge beside it, then a short date, zone and guild. It
// is the one row layout of the dashboard's latest reports and the explorer.
func reportTable(s *Session, reports []logsapi.Report, rowTestID string) app.HTMLTable {
	return app.Table().Class("pl-table pl-cards").Body(
		app.THead().Body(app.Tr().Body(app.Th().Text("Report"), app.Th().Text("Zone"), app.Th().Text(siteOf(s).Words().Guild),
			app.Th().Text("Date"), app.Th().Text("Duration"), app.Th().Text("Visibility"))),
		app.TBody().Body(app.Range(reports).Slice(func(i int) app.UI {
			rep := reports[i]
			return app.Tr().Class("pl-row-card").Attr(testid, rowTestID).Attr("data-visibility", rep.Visibility).Attr("data-code", rep.Code).Body(
				app.Td().Class("pl-card-title").Body(
					app.A().Attr(testid, "report-title").Href(s.Options().Path(ReportPath(rep.Code))).Text(displayTitle(rep)),
					siteReportLink(s, rep.Code, rep.Title),
				),
				app.Td().Class("pl-card-detail").Text(zoneName(rep.Zone)),
				app.Td().Class("pl-card-detail").Text(guildName(rep.Guild)),
				app.Td().Class("pl-card-detail pl-card-first").Body(app.Time().Attr(testid, "report-start").DateTime("%s", rep.StartTime.UTC().Format(time.RFC3339)).Body(
					app.Span().Class("pl-date-long").Text(reportTime(rep.StartTime)),
					app.Span().Class("pl-date-short").Attr(testid, "report-date-short").Text(localDate(rep.StartTime)),
				)),
				app.Td().Class("pl-card-detail").Attr(testid, "report-duration").Text(reportDuration(rep)),
				app.Td().Class("pl-card-aside").Body(visibilityBadge(rep.Visibility)),
			)
		})),
	)
}
