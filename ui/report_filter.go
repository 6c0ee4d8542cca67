package ui

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// ReportFilter narrows a person's reports. Its zero value keeps them all. It
// travels in the page's query string (Values, ParseReportFilter), so a view
// can be bookmarked, shared and survives a reload:
//
//	vis=private        visibility: public, unlisted or private
//	guild=12           a guild's id; "personal" for personal logs; "left" for
//	                   guilds the person no longer belongs to
//	zone=38            a zone's id
//	from=2026-01-01    first day, on the person's clock (inclusive)
//	to=2026-03-31      last day (inclusive)
//	q=farm             words the title, zone or guild must contain (any case)
//	page=2             the page of the filtered list
type ReportFilter struct {
	Visibility string
	Guild      string
	Zone       int
	From, To   string // YYYY-MM-DD
	Query      string
	Page       int // 0 or 1: the first
}

// Guild filter values besides a guild's id.
const (
	GuildPersonal = "personal"
	GuildLeft     = "left"
)

// maxFilterQuery bounds the title search, in bytes.
const maxFilterQuery = 200

// ParseReportFilter reads a filter from a query string. What it cannot read
// it drops, never fails: a hand-edited or old bookmark still opens.
func ParseReportFilter(v url.Values) ReportFilter {
	var f ReportFilter
	switch vis := v.Get("vis"); vis {
	case "public", "unlisted", "private":
		f.Visibility = vis
	}
	switch g := v.Get("guild"); {
	case g == GuildPersonal || g == GuildLeft:
		f.Guild = g
	case g != "":
		if id, err := strconv.Atoi(g); err == nil && id > 0 {
			f.Guild = strconv.Itoa(id)
		}
	}
	if z, err := strconv.Atoi(v.Get("zone")); err == nil && z > 0 {
		f.Zone = z
	}
	f.From, f.To = parseDay(v.Get("from")), parseDay(v.Get("to"))
	q := strings.TrimSpace(strings.ToValidUTF8(v.Get("q"), ""))
	if len(q) > maxFilterQuery {
		q = q[:maxFilterQuery]
		for !utf8.ValidString(q) {
			q = q[:len(q)-1]
		}
		q = strings.TrimSpace(q)
	}
	f.Query = q
	if p, err := strconv.Atoi(v.Get("page")); err == nil && p > 1 && p < 1e6 {
		f.Page = p
	}
	return f
}

// parseDay is s when it is a real date as YYYY-MM-DD, else "".
func parseDay(s string) string {
	if _, err := time.Parse(time.DateOnly, s); err != nil || len(s) != len(time.DateOnly) {
		return ""
	}
	return s
}

// Values is the filter as a query string's values; a zero filter has none.
func (f ReportFilter) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("vis", f.Visibility)
	set("guild", f.Guild)
	if f.Zone > 0 {
		set("zone", strconv.Itoa(f.Zone))
	}
	set("from", f.From)
	set("to", f.To)
	set("q", f.Query)
	if f.Page > 1 {
		set("page", strconv.Itoa(f.Page))
	}
	return v
}

// IsZero reports whether the filter keeps every report (paging aside).
func (f ReportFilter) IsZero() bool {
	f.Page = 0
	return f == ReportFilter{}
}

// Match reports whether r passes the filter. member says whether the person
// belongs to a guild now (for GuildLeft); nil means not known, and then no
// guild counts as left. day is r's day on the person's clock (YYYY-MM-DD).
func (f ReportFilter) Match(r *logsapi.Report, day string, member func(guildID int) bool) bool {
	if f.Visibility != "" && r.Visibility != f.Visibility {
		return false
	}
	switch f.Guild {
	case "":
	case GuildPersonal:
		if r.Guild != nil {
			return false
		}
	case GuildLeft:
		if r.Guild == nil || member == nil || member(r.Guild.ID) {
			return false
		}
	default:
		if r.Guild == nil || strconv.Itoa(r.Guild.ID) != f.Guild {
			return false
		}
	}
	if f.Zone != 0 && (r.Zone == nil || r.Zone.ID != f.Zone) {
		return false
	}
	if (f.From != "" && day < f.From) || (f.To != "" && day > f.To) {
		return false
	}
	if f.Query != "" {
		hay := strings.ToLower(r.Title + " " + zoneName(r.Zone) + " " + guildName(r.Guild))
		for _, w := range strings.Fields(strings.ToLower(f.Query)) {
			if !strings.Contains(hay, w) {
				return false
			}
		}
	}
	return true
}
