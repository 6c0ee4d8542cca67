//go:build !js

package provider

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ReportPagePath is where the provider serves a report's page, as the sites do at
// /reports/CODE: the app links there (sites.Site.ReportURL).
const ReportPagePath = "/reports/"

// ReportURL is the address of a report's page with %s for its code, what
// sites.Custom.ReportURL takes.
func (p *Provider) ReportURL() string { return p.opts.BaseURL + ReportPagePath + "%s" }

type reportPageData struct {
	Code, Title, Visibility, Owner, Guild, Zone, Date, Duration string
	Fights                                                      []reportPageFight
	Players                                                     []actor
}

type reportPageFight struct {
	Name, Outcome, Duration string
}

// handleReportPage is a small stand-in for a site's report page: title, owner, fights and
// players. The local provider has no sign-in on its own pages, so it shows a private
// report to whoever opens it on this machine, and says so; the real sites show one only to
// people signed in who may see it.
func (p *Provider) handleReportPage(w http.ResponseWriter, r *http.Request) {
	code := strings.TrimPrefix(r.URL.Path, ReportPagePath)
	rep := p.users.reportByCode(code)
	if rep == nil {
		p.errorPage(w, http.StatusNotFound, pageError{Title: "Report not found", Message: "This report does not exist."})
		return
	}
	data := reportPageData{Code: rep.Code, Title: rep.Title, Visibility: rep.Visibility, Guild: "Personal logs", Zone: "Unknown zone",
		Date: rep.Start.UTC().Format("Mon 2 Jan 2006, 15:04 UTC"), Duration: clock(rep.End.Sub(rep.Start)), Players: p.users.playersOf(rep)}
	if u := p.users.byID(rep.Owner); u != nil {
		data.Owner = u.Name
	}
	if rep.Guild != nil {
		data.Guild = rep.Guild.Name
	}
	if rep.Zone != nil {
		data.Zone = rep.Zone.Name
	}
	for _, f := range p.users.fightsOf(rep) {
		outcome := "Kill"
		if !f.Kill {
			outcome = fmt.Sprintf("Wipe at %.1f %%", f.BossPercent)
		}
		data.Fights = append(data.Fights, reportPageFight{Name: f.Name, Outcome: outcome, Duration: clock(f.End - f.Start)})
	}
	p.render(w, http.StatusOK, "report.html", data)
}

// clock writes d as h:mm:ss, or m:ss under an hour.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
