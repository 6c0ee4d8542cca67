package reportsync

import (
	"context"
	"errors"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// PageSize is how many reports each request asks for: the most the API serves.
const PageSize = 100

// maxPages bounds one fetch, so a site that keeps answering has_more_pages
// cannot keep it going forever (100 000 reports).
const maxPages = 1000

// API is what a fetch needs from the site: logsapi.Client has it.
type API interface {
	ReportsRange(ctx context.Context, userID, page, limit int, start, end time.Time) (*logsapi.ReportPage, *logsapi.RateLimit, error)
}

// Progress is reported once the cache is read (Requests 0, when it held
// reports) and after every page.
type Progress struct {
	Requests  int                // requests answered so far in this fetch
	Loaded    int                // reports known so far, cached ones included
	Total     int                // reports the site says are left to fetch in this phase, plus Loaded before it; 0 until the first answer
	Older     bool               // fetching older reports (a full fetch, or its resumption), not new ones
	RateLimit *logsapi.RateLimit // after the last request
	// Reports is everything known so far, newest first: a slice the fetch
	// never changes afterwards, so another goroutine may show it.
	Reports []logsapi.Report
}

// Result is what a fetch did.
type Result struct {
	Snapshot   *Snapshot          // everything known now (also saved in the cache); never nil
	FromCache  int                // reports the cache held before the fetch
	New        int                // reports the fetch added
	Requests   int                // requests sent and answered
	PointsUsed float64            // rate-limit points the fetch spent; -1 when the site's figures cannot tell
	RateLimit  *logsapi.RateLimit // the site's budget after the last answered request; nil before any
	// RetryAt is when a fetch stopped by the rate limit (HTTP 429) may resume;
	// zero otherwise. The reports fetched before the stop are saved.
	RetryAt time.Time
	// First says Options.First was used: the first screen's page stood in
	// for the requests it made unnecessary (Requests counts only the others).
	First bool
}

// Options are a fetch's inputs besides the API and cache.
type Options struct {
	Key Key
	// PointsBefore is the points spent this hour as last known before the
	// fetch (from the first screen's rate limit), to tell what the fetch used;
	// negative when unknown.
	PointsBefore float64
	Progress     func(Progress) // called after every page; may be nil
	Now          func() time.Time
	// First is page 1 of the person's reports, newest first and without time
	// bounds, as the first screen's request (logsapi.Client.Overview) brought
	// it at FirstAt. Sync takes the reports it holds instead of asking for
	// them again, and asks only for what lies beyond it, so one page load asks
	// the site for each report once: none at all when the cache is complete
	// and the page reaches back to the newest cached report. It is ignored
	// when the cache was brought up to date after FirstAt (the page is then
	// older news than the cache), and when it is not a first page.
	First   *logsapi.ReportPage
	FirstAt time.Time
}

// Sync brings the cached list of o.Key's reports up to date: new reports
// since the newest cached one first (all pages of them, merged only once
// complete, so no gap can hide between), then, while the list is
// incomplete, older ones from the oldest it holds, saving after every page.
// On HTTP 429 it stops cleanly, saves what it has, and returns the
// *logsapi.RateLimitedError with Result.RetryAt; call Sync again then to
// resume. Any other error also returns what was saved.
func Sync(ctx context.Context, api API, cache Cache, o Options) (Result, error) {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	snap, err := cache.Load(ctx, o.Key)
	if err != nil || snap == nil {
		snap = &Snapshot{} // an unreadable cache is fetched again
	}
	res := Result{Snapshot: snap, FromCache: len(snap.Reports), PointsUsed: -1}
	var firstSpent float64
	ask := func(page int, start, end time.Time) (*logsapi.ReportPage, error) {
		p, rl, err := api.ReportsRange(ctx, o.Key.UserID, page, PageSize, start, end)
		if err != nil {
			var limited *logsapi.RateLimitedError
			if errors.As(err, &limited) {
				wait := limited.RetryAfter
				if wait <= 0 && res.RateLimit != nil {
					wait = res.RateLimit.PointsResetIn
				}
				if wait <= 0 {
					wait = time.Minute
				}
				res.RetryAt = now().Add(wait)
			}
			return nil, err
		}
		res.Requests++
		if rl != nil {
			if res.RateLimit == nil {
				firstSpent = rl.PointsSpentThisHour
			}
			res.RateLimit = rl
			res.PointsUsed = pointsUsed(o.PointsBefore, firstSpent, rl.PointsSpentThisHour, res.Requests)
		}
		if p == nil {
			return nil, errors.New("reportsync: the site did not return the reports")
		}
		return p, nil
	}
	report := func(total int, older bool) {
		if o.Progress != nil {
			o.Progress(Progress{Requests: res.Requests, Loaded: len(snap.Reports), Total: total, Older: older, RateLimit: res.RateLimit, Reports: snap.Reports})
		}
	}

	if len(snap.Reports) > 0 {
		report(0, false) // show the cached list before asking the site
	}

	first := o.First
	if first == nil || first.CurrentPage > 1 || o.FirstAt.IsZero() || !o.FirstAt.After(snap.FetchedAt) {
		first = nil
	}
	res.First = first != nil

	// New reports since the newest cached one: startTime is inclusive, so the
	// newest cached report comes again and is dropped by its code.
	if newest := snap.Newest(); !newest.IsZero() {
		var fresh []logsapi.Report
		asked := false
		end, covered := time.Time{}, false
		if first != nil {
			for _, r := range first.Data {
				if !r.StartTime.Before(newest) { // what the request below would bring
					fresh = append(fresh, r)
				}
			}
			// The page reaches back past the newest cached report, or holds
			// every report: nothing new lies beyond it. Else only what lies
			// between the newest cached report and the page's oldest is asked
			// for (both ends inclusive; the overlap is dropped by its code).
			n := len(first.Data)
			covered = !first.HasMorePages || n == 0 || first.Data[n-1].StartTime.Before(newest)
			if !covered {
				end = first.Data[n-1].StartTime
			}
		}
		for page := 1; !covered && page <= maxPages; page++ {
			p, err := ask(page, newest, end)
			if err != nil {
				return res, err // nothing merged: the next fetch asks for the same again
			}
			asked = true
			fresh = append(fresh, p.Data...)
			report(len(snap.Reports)+p.Total, false)
			if !p.HasMorePages || len(p.Data) == 0 {
				break
			}
		}
		n := len(snap.Reports)
		snap.Reports = merge(fresh, snap.Reports)
		res.New += len(snap.Reports) - n
		snap.FetchedAt = fetchedAt(asked, now, o.FirstAt)
		if err := cache.Save(ctx, o.Key, snap); err != nil {
			return res, err
		}
	} else if first != nil {
		// Nothing cached: the first screen's page is the full fetch's first
		// part, and the older reports below continue from its oldest.
		snap.Reports = merge(first.Data, nil)
		res.New += len(snap.Reports)
		snap.Complete = !first.HasMorePages || len(first.Data) == 0
		snap.FetchedAt = o.FirstAt
		if err := cache.Save(ctx, o.Key, snap); err != nil {
			return res, err
		}
		report(max(first.Total, len(snap.Reports)), true)
	}

	// Older reports, while the list is incomplete: endTime at the oldest held
	// (inclusive), paging with it fixed.
	if !snap.Complete {
		end := snap.Oldest()
		base := len(snap.Reports)
		for page := 1; page <= maxPages; page++ {
			p, err := ask(page, time.Time{}, end)
			if err != nil {
				return res, err
			}
			n := len(snap.Reports)
			snap.Reports = merge(snap.Reports, p.Data)
			res.New += len(snap.Reports) - n
			snap.Complete = !p.HasMorePages || len(p.Data) == 0
			snap.FetchedAt = now()
			if err := cache.Save(ctx, o.Key, snap); err != nil {
				return res, err
			}
			overlap := 0
			if !end.IsZero() {
				overlap = 1 // the report at end itself, counted in base already
			}
			report(base+max(0, p.Total-overlap), true)
			if snap.Complete {
				break
			}
		}
	}
	return res, nil
}

// fetchedAt is when the site was last asked: now after a request of this
// fetch's, else when the first screen's page was fetched.
func fetchedAt(asked bool, now func() time.Time, first time.Time) time.Time {
	if asked || first.IsZero() {
		return now()
	}
	return first
}

// pointsUsed is what a fetch of n requests spent: the points spent after it
// less those before it, when both are known and the hour did not reset in
// between; else estimated from its own requests' figures (the first
// request's cost taken as the average of the others'); -1 when one request
// tells nothing.
func pointsUsed(before, first, last float64, n int) float64 {
	if before >= 0 && last > before {
		return last - before
	}
	if n > 1 && last >= first {
		return (last - first) * float64(n) / float64(n-1)
	}
	return -1
}

// merge is a then b, each code once (the first seen wins), newest first when
// a and b each are. The reports share one Guild, Zone and Owner value per id
// (the API sends each report its own copy): a few hundred reports stay a
// small part of the page's memory.
func merge(a, b []logsapi.Report) []logsapi.Report {
	seen := make(map[string]bool, len(a)+len(b))
	out := make([]logsapi.Report, 0, len(a)+len(b))
	guilds, zones, owners := map[int]*logsapi.Guild{}, map[int]*logsapi.Zone{}, map[int]*logsapi.User{}
	for _, list := range [][]logsapi.Report{a, b} {
		for _, r := range list {
			if seen[r.Code] {
				continue
			}
			seen[r.Code] = true
			r.Guild = shared(guilds, r.Guild, func(g *logsapi.Guild) int { return g.ID })
			r.Zone = shared(zones, r.Zone, func(z *logsapi.Zone) int { return z.ID })
			r.Owner = shared(owners, r.Owner, func(u *logsapi.User) int { return u.ID })
			out = append(out, r)
		}
	}
	return out
}

// shared is the value seen first with v's id, or v when it is the first.
func shared[T any](seen map[int]*T, v *T, id func(*T) int) *T {
	if v == nil {
		return nil
	}
	if first, ok := seen[id(v)]; ok {
		return first
	}
	seen[id(v)] = v
	return v
}
