package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/reportsync"
	"github.com/pkcelogs/pkcelogs/session"
)

// ReportExplorer is "your logs at a glance": every report of the signed-in
// person, fetched politely (reportsync: pages of 100, cached in the browser
// per site and user, a return visit asking only for what is new, a stop on
// the rate limit with a countdown and a resumption), shown as an
// ActivityCalendar, a PrivacySummary, and a list with filters (visibility,
// guild or personal, zone, dates, title search) that the page's address
// carries, so a reload or a bookmark shows the same view. The fetch waits
// for the first screen's request and starts from its page of the newest
// reports (the one the Reports card shows), so a page load asks the site for
// each report once.
//
// Inputs:
//   - Session: nil means Default().
//   - PerPage: reports per page of the filtered list; 0 means
//     session.ReportsPerPage (10), as the first screen's list.
//   - Cache: where the list is kept; nil means the session's shared storage
//     (IndexedDB in the browser, cleared at sign-out) when tokens are kept in
//     local storage, and this page's memory otherwise: a deployer who keeps
//     the token out of persistent storage keeps the person's reports out too.
//   - HideErrors: when the first screen's request failed too, say "see the
//     message above" instead of explaining the same failure twice (the
//     dashboard sets it).
type ReportExplorer struct {
	app.Compo

	Session    *Session
	PerPage    int
	Cache      reportsync.Cache
	HideErrors bool // the page shows the first screen's error once; the explorer then only points at it

	overviewView
	key      reportsync.Key
	reports  []logsapi.Report
	days     map[string]string // report code → its day on the person's clock
	progress reportsync.Progress
	fetching bool
	pending  bool // a fetch waits for the first screen's request, whose page of reports it uses
	result   *reportsync.Result
	err      error
	retryAt  time.Time
	filter   ReportFilter
	run      int         // counts fetches, so a late answer of an old one is dropped
	resume   *time.Timer // resumes a fetch the rate limit stopped
	cancel   func()      // stops the fetch under way: its person signed out or changed
	mem      reportsync.Cache
	shown    bool      // the calendar, privacy, filters and list are on the page (revealSoon)
	showing  bool      // they will be once the page has painted
	said     announcer // the explorer's live region: what the fetch did, said once per change (announce)
	saying   string    // the sentence said last, so an unchanged state is not said again
	badFrom  string    // what the From field holds when it is not a date (the filter keeps the last good one)
	badTo    string
}

// hasData reports whether there is something for the calendar, the privacy
// summary and the list to show: reports, or a fetch that ended.
func (x *ReportExplorer) hasData() bool {
	return len(x.reports) > 0 || x.result != nil || x.err != nil || !x.retryAt.IsZero()
}

// changed follows a change of the fetch's state: the body is shown once there
// is something to show, and the live region says what happened.
func (x *ReportExplorer) changed(ctx app.Context) {
	x.revealSoon(ctx)
	x.announce()
}

// announce says the fetch's state in the explorer's live region when its
// sentence changed: one region that stays on the page (live.go), rather than
// a role on each of the status's shapes, which come and go with it. Progress
// within a fetch is not said page by page; a failure is said by its
// ErrorView (an alert).
func (x *ReportExplorer) announce() {
	text := x.spoken()
	if text == x.saying {
		return
	}
	x.saying = text
	if text == "" {
		x.said.clear()
		return
	}
	x.said.say(text)
}

// spoken is the sentence the live region says for the fetch's state.
func (x *ReportExplorer) spoken() string {
	switch {
	case !x.signedIn:
		return ""
	case x.fetching || x.waiting():
		return "Loading your reports…"
	case !x.retryAt.IsZero():
		return x.pausedSentence() + "."
	case x.err != nil && x.HideErrors && x.st.Err != nil:
		return explorerFailedToo
	case x.err != nil:
		return "" // the ErrorView's alert
	case x.result != nil:
		return x.doneSentence()
	}
	return ""
}

// explorerFailedToo is the status when the first screen's request failed too.
const explorerFailedToo = "Your reports could not be loaded either (see the message above)."

// revealSoon shows the explorer's body once there is something to show and
// the page has painted what it had: right after a sign-in the first reports
// come with the profile, and the profile shows first (afterPaint). Until
// then the explorer is its heading and status, and its first render is
// small: it is mounted while the page's first request is on its way.
func (x *ReportExplorer) revealSoon(ctx app.Context) {
	if x.shown || x.showing || !x.hasData() {
		return
	}
	x.showing = true
	afterPaint(ctx, func(ctx app.Context) {
		x.showing = false
		x.shown = x.hasData()
	})
}

// stopFetch abandons the fetch under way, if any: its requests are cancelled,
// so it saves nothing more, and its late answers are dropped.
func (x *ReportExplorer) stopFetch() {
	if x.cancel != nil {
		x.cancel()
		x.cancel = nil
	}
	x.fetching = false
	x.run++
}

func (x *ReportExplorer) stopResume() {
	if x.resume != nil {
		x.resume.Stop()
		x.resume = nil
	}
}

// explorerHeadingID is the heading the list's paging focuses.
const explorerHeadingID = "pl-explorer-list-heading"

func (x *ReportExplorer) OnMount(ctx app.Context) {
	s := orDefault(x.Session)
	if u, err := url.Parse(s.Browser().Location()); err == nil {
		x.filter = ParseReportFilter(u.Query())
	}
	x.w.watch(ctx, s, func(ctx app.Context) {
		x.signedIn = s.SignedIn()
		if x.signedIn {
			loadOverview(ctx, s, false)
		}
		x.st = s.Overview()
		x.follow(ctx, s)
		x.fetchWhenReady(ctx, s)
		x.changed(ctx)
	})
	// The dashboard's Refresh: one overview request, and here the reports
	// since the cache's newest (reportsync, from the overview's page when it
	// reaches back that far), so the list, the calendar and "all of them"
	// include a report uploaded since. A fetch under way already brings them.
	ctx.Handle(actionRefresh, func(ctx app.Context, a app.Action) {
		if x.signedIn && !x.fetching && x.key != (reportsync.Key{}) {
			x.pending, x.err = true, nil
			x.fetchWhenReady(ctx, s)
		}
	})
}

// actionRefresh is the go-app action the dashboard's Refresh button posts.
const actionRefresh = "pl-refresh"

func (x *ReportExplorer) OnDismount() {
	x.w.unwatch()
	x.stopResume()
	x.stopFetch()
}

// follow starts a fetch when the signed-in person changed.
func (x *ReportExplorer) follow(ctx app.Context, s *Session) {
	t := s.Token()
	if t == nil {
		// Signed out: the fetch stops at once, before it writes the list
		// back to the cache the sign-out has just cleared.
		x.stopFetch()
		x.stopResume()
		x.key, x.reports, x.days, x.result, x.err, x.pending = reportsync.Key{}, nil, nil, nil, nil, false
		x.shown = false
		return
	}
	uid, ok := t.UserID()
	if !ok {
		// A server whose subject is not the site's numeric user id: the
		// first screen's answer says who it is.
		if st := s.Overview(); !st.Cached && st.Data != nil && st.Data.User != nil {
			uid, ok = st.Data.User.ID, true
		}
	}
	if !ok {
		return
	}
	k := reportsync.Key{Site: t.SiteID, UserID: uid}
	if k == x.key {
		return
	}
	// Someone else now (another tab signed in as them): what was fetched,
	// or is being fetched, is the previous person's.
	x.stopFetch()
	x.stopResume()
	x.key, x.reports, x.days, x.result = k, nil, nil, nil
	x.pending, x.err, x.shown = true, nil, false
	x.preview(ctx, s)
}

// preview shows the saved list while the fetch waits for the first screen's
// request, as the fetch itself would before asking the site.
func (x *ReportExplorer) preview(ctx app.Context, s *Session) {
	x.run++
	run, key, cache := x.run, x.key, x.cache(s)
	ctx.Async(func() {
		c, cancel := context.WithTimeout(context.Background(), session.QueryTimeout)
		defer cancel()
		snap, err := cache.Load(c, key)
		if err != nil || snap == nil || len(snap.Reports) == 0 {
			return
		}
		ctx.Dispatch(func(ctx app.Context) {
			if x.run == run && x.pending && len(x.reports) == 0 {
				x.setReports(snap.Reports)
				x.changed(ctx)
			}
		})
	})
}

// fetchWhenReady starts the pending fetch once the first screen's request
// (the overview, which every data component starts) has answered: its page
// of the newest reports is then the fetch's first part (reportsync's
// Options.First), so a page load asks the site for each report once rather
// than once for the Reports card and again here. When that request failed,
// asking the site again at once would fail the same way (and spend another
// refresh on a 401): the fetch waits for the request's own Try again or the
// Refresh, and the status says why (its Try again fetches at once).
func (x *ReportExplorer) fetchWhenReady(ctx app.Context, s *Session) {
	if !x.pending || x.fetching {
		return
	}
	st := s.Overview()
	if st.Loading {
		return
	}
	if st.Err != nil && (st.Data == nil || st.Cached) {
		x.err = st.Err
		return
	}
	x.fetch(ctx, s)
}

// waiting reports whether the fetch waits for the first screen's request
// (not for its retry after a failure).
func (x *ReportExplorer) waiting() bool { return x.pending && x.err == nil }

// firstPage is the overview's page of key's newest reports, fresh from the
// site (not the copy kept from the last visit), and when it was fetched; nil
// without one.
func firstPage(s *Session, key reportsync.Key) (*logsapi.ReportPage, time.Time) {
	st := s.Overview()
	if st.Cached || st.Data == nil || st.Data.Reports == nil || (st.Data.User != nil && st.Data.User.ID != key.UserID) {
		return nil, time.Time{}
	}
	return st.Data.Reports, st.FetchedAt
}

// cache is where the list is kept (the Cache input; else IndexedDB when the
// token is kept in local storage, this page's memory otherwise), saving only
// while the session is signed in as the list's person (signedInCache).
func (x *ReportExplorer) cache(s *Session) reportsync.Cache {
	var c reportsync.Cache
	switch {
	case x.Cache != nil:
		c = x.Cache
	case s.Options().Storage != session.StorageLocal:
		if x.mem == nil {
			x.mem = &reportsync.MemoryCache{}
		}
		c = x.mem
	default:
		c = reportsync.SharedCache{Store: s.Browser().Shared()}
	}
	return signedInCache{Cache: c, s: s, owner: sessionOwner(s)}
}

// signedInCache saves a person's list only while the session is signed in
// as that person: a fetch still under way when they sign out (SignOut drops
// the token before it clears the caches) must not write the list back
// after SignOut cleared it. (The fetch is also cancelled then, see fetch;
// this holds even when its last answer is already in hand.)
type signedInCache struct {
	reportsync.Cache
	s     *Session
	owner string // sessionOwner when the fetch began
}

// errSignedOutMeanwhile stops a fetch whose person signed out meanwhile.
var errSignedOutMeanwhile = errors.New("signed out while the reports were loading: the list is not kept")

func (c signedInCache) Save(ctx context.Context, k reportsync.Key, snap *reportsync.Snapshot) error {
	if c.owner == "" || sessionOwner(c.s) != c.owner {
		return errSignedOutMeanwhile
	}
	return c.Cache.Save(ctx, k, snap)
}

// fetch brings the list up to date (from the cache, then the site).
func (x *ReportExplorer) fetch(ctx app.Context, s *Session) {
	if x.fetching || x.key == (reportsync.Key{}) {
		return
	}
	x.run++
	x.stopResume()
	run, key, cache, owner := x.run, x.key, x.cache(s), sessionOwner(s)
	x.fetching, x.pending, x.err, x.retryAt, x.progress = true, false, nil, time.Time{}, reportsync.Progress{}
	x.announce()
	before := -1.0
	if rl, _ := s.RateLimit(); rl != nil {
		before = rl.PointsSpentThisHour // after the overview's request: what follows is the fetch's own
	}
	first, firstAt := firstPage(s, key)
	perfMark("explorer-fetch")
	c, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	x.cancel = cancel
	// The session says at once, from whichever goroutine, when its person
	// signs out or changes; the page's own watch may come later.
	unsubscribe := s.Subscribe(func() {
		if sessionOwner(s) != owner {
			cancel()
		}
	})
	ctx.Async(func() {
		defer cancel()
		defer unsubscribe()
		var res reportsync.Result
		api, err := s.API()
		if err == nil {
			res, err = reportsync.Sync(c, api, cache, reportsync.Options{Key: key, PointsBefore: before,
				First: first, FirstAt: firstAt,
				Progress: func(p reportsync.Progress) {
					ctx.Dispatch(func(ctx app.Context) {
						if x.run == run {
							x.progress = p
							x.setReports(p.Reports)
							x.changed(ctx)
						}
					})
				}})
		}
		if err != nil && errors.Is(c.Err(), context.Canceled) {
			return // abandoned (stopFetch): not this page's failure to tell
		}
		s.NoteRateLimit(res.RateLimit)
		s.NoteError(err)
		ctx.Dispatch(func(ctx app.Context) {
			if x.run != run {
				return
			}
			x.cancel = nil
			x.fetching, x.err, x.result = false, err, &res
			x.progress.Reports = nil // the list is x.reports now
			if res.Snapshot != nil {
				x.setReports(res.Snapshot.Reports)
			}
			x.changed(ctx)
			perfMark("explorer-done")
			var limited *logsapi.RateLimitedError
			if errors.As(err, &limited) && !res.RetryAt.IsZero() {
				x.retryAt = res.RetryAt
				// A timer of its own, not ctx.After: go-app waits for its
				// asynchronous work (tests, the pre-render), and the wait may
				// be an hour.
				x.stopResume()
				x.resume = time.AfterFunc(time.Until(res.RetryAt), func() {
					ctx.Dispatch(func(ctx app.Context) {
						if x.run == run && x.Mounted() && !x.fetching {
							x.fetch(ctx, s) // resumes where the fetch stopped
						}
					})
				})
			}
		})
	})
}

func (x *ReportExplorer) setReports(r []logsapi.Report) {
	if len(r) == len(x.reports) && (len(r) == 0 || &r[0] == &x.reports[0]) {
		return
	}
	x.reports = r
	days := make(map[string]string, len(r))
	for i := range r {
		days[r[i].Code] = reportDay(r[i].StartTime)
	}
	x.days = days
}

func (x *ReportExplorer) member() func(int) bool {
	if x.st.Data == nil || x.st.Data.User == nil {
		return nil
	}
	return memberOf(x.st.Data.User.Guilds)
}

// SetFilter shows the reports f keeps and writes f in the page's address
// (replacing the entry, so Back leaves the page rather than undoing filters).
// Call it on the UI goroutine.
func (x *ReportExplorer) SetFilter(ctx app.Context, f ReportFilter) {
	// A date chosen elsewhere (a calendar day, Clear filters) replaces what
	// the field held that was not a date, and its message.
	if f.From != x.filter.From || f.IsZero() {
		x.badFrom = ""
	}
	if f.To != x.filter.To || f.IsZero() {
		x.badTo = ""
	}
	x.filter = f
	s := orDefault(x.Session)
	u, err := url.Parse(s.Browser().Location())
	if err != nil {
		return
	}
	q := u.Query()
	for _, k := range []string{"vis", "guild", "zone", "from", "to", "q", "page"} {
		q.Del(k)
	}
	for k, v := range f.Values() {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	s.Browser().ReplaceURL(u.String())
}

func (x *ReportExplorer) filtered() []logsapi.Report {
	member := x.member()
	var out []logsapi.Report
	for i := range x.reports {
		if x.filter.Match(&x.reports[i], x.days[x.reports[i].Code], member) {
			out = append(out, x.reports[i])
		}
	}
	return out
}

func (x *ReportExplorer) perPage() int {
	if x.PerPage > 0 {
		return x.PerPage
	}
	return session.ReportsPerPage
}

func (x *ReportExplorer) Render() app.UI {
	s := orDefault(x.Session)
	if !x.signedIn {
		return app.Section().Class("pl-card pl-explorer").Attr(testid, "explorer").Body(
			app.H2().Text("Your logs at a glance"),
			app.P().Class("pl-empty").Text("Sign in to see this."))
	}
	var guilds []logsapi.Guild
	if x.st.Data != nil && x.st.Data.User != nil {
		guilds = x.st.Data.User.Guilds
	}
	return app.Section().Class("pl-card pl-explorer").Attr(testid, "explorer").Attr("aria-labelledby", "pl-explorer-heading").
		Attr("data-state", x.state()).Body(
		app.H2().ID("pl-explorer-heading").Text("Your logs at a glance"),
		x.said.view("status", "explorer-live"),
		x.status(s),
		app.H3().Text("Activity"),
		x.calendar(),
		app.If(x.shown, x.body(s, guilds)...),
	)
}

// body is the privacy summary, the filters and the list, once shown.
func (x *ReportExplorer) body(s *Session, guilds []logsapi.Guild) []app.UI {
	if !x.shown {
		return nil
	}
	return []app.UI{
		app.H3().Text("Privacy"),
		&PrivacySummary{Reports: x.reports, Guilds: guilds, OnFilter: func(ctx app.Context, f ReportFilter) {
			x.SetFilter(ctx, f)
			focusElement(ctx, explorerHeadingID)
		}},
		x.filters(),
		x.list(s),
	}
}

// calendar is the ActivityCalendar of the reports once the body is shown
// (revealSoon): until then its place is held empty, so its cells are not
// built twice (empty, then counted) while the page's first request is on its
// way.
func (x *ReportExplorer) calendar() app.UI {
	if !x.shown {
		return calendarPlaceholder(calendarYearBox)
	}
	return &ActivityCalendar{Reports: x.reports, Selected: x.selectedDay(), OnSelect: func(ctx app.Context, day string) {
		f := ReportFilter{From: day, To: day}
		if x.filter.From == day && x.filter.To == day {
			f = ReportFilter{} // choosing the chosen day again shows all days
		}
		x.SetFilter(ctx, f)
	}}
}

func (x *ReportExplorer) state() string {
	switch {
	case x.fetching || x.waiting():
		return "fetching"
	case !x.retryAt.IsZero():
		return "rate-limited"
	case x.err != nil:
		return "error"
	case x.result != nil:
		return "done"
	}
	return "idle"
}

func (x *ReportExplorer) selectedDay() string {
	if x.filter.From != "" && x.filter.From == x.filter.To {
		return x.filter.From
	}
	return ""
}

// status says what the fetch is doing or did: progress, the rate-limit stop
// with its countdown, or what it cost.
func (x *ReportExplorer) status(s *Session) app.UI {
	p := x.progress
	switch {
	case x.fetching || x.waiting():
		label := "Reading your saved reports…"
		if p.Requests > 0 {
			label = fmt.Sprintf("Loading your reports: %d of %d (%s)…", p.Loaded, max(p.Total, p.Loaded), plural(p.Requests, "request", "requests"))
		} else if x.result == nil && len(x.reports) == 0 {
			label = "Loading your reports…"
		} else if x.waiting() {
			label = "Checking for new reports…"
		}
		return app.Div().Attr(testid, "explorer-status").Body(
			app.If(p.Total > 0, app.Progress().Class("pl-explorer-progress").Attr("aria-label", "Reports loaded").
				Attr("max", max(p.Total, p.Loaded)).Attr("value", p.Loaded)),
			&Progress{Label: label, Quiet: true})
	case !x.retryAt.IsZero():
		return app.Div().Class("pl-callout").Attr(testid, "explorer-status").Body(
			// The live region says the fixed sentence (announce); the
			// ticking countdown beside it is hidden from screen readers.
			app.P().Body(
				app.Text(x.pausedSentence()),
				app.Span().Attr("aria-hidden", "true").Body(app.Text(", in "), &Countdown{Until: x.retryAt, TestID: "explorer-countdown"}),
				app.Text("."),
			),
			app.Button().Class("pl-button").Attr(testid, "explorer-resume").Text("Resume now").
				OnClick(func(ctx app.Context, e app.Event) { x.retryNow(ctx, s) }),
		)
	case x.err != nil && x.HideErrors && x.st.Err != nil:
		return app.P().Class("pl-empty").Attr(testid, "explorer-status").Body(
			app.Text(explorerFailedToo+" "),
			app.Button().Class("pl-button").Attr(testid, "explorer-retry").Text("Try again").
				OnClick(func(ctx app.Context, e app.Event) { x.retryNow(ctx, s) }))
	case x.err != nil:
		return app.Div().Attr(testid, "explorer-status").Body(
			&ErrorView{Err: x.err, Session: x.Session, Compact: true, OnRetry: func(ctx app.Context) { x.fetch(ctx, s) }})
	case x.result != nil:
		r := x.result
		return app.P().Class("pl-muted").Attr(testid, "explorer-status").
			Attr("data-requests", r.Requests).Attr("data-new", r.New).Text(x.doneSentence())
	}
	return app.P().Attr(testid, "explorer-status")
}

// pausedSentence says where the rate limit stopped the fetch and when it
// resumes, without the countdown.
func (x *ReportExplorer) pausedSentence() string {
	return fmt.Sprintf("The site's rate limit paused loading after %d reports. It resumes by itself at %s", len(x.reports), localClock(x.retryAt))
}

// doneSentence says what the finished fetch holds and what it cost.
func (x *ReportExplorer) doneSentence() string {
	r := x.result
	what := fmt.Sprintf("%s, all of them.", plural(len(x.reports), "report", "reports"))
	cost := fmt.Sprintf(" Checked with %s", plural(r.Requests, "request", "requests"))
	if r.First && r.Requests == 0 {
		cost = " Checked with the page's first request, at no further cost"
	} else if r.First {
		cost = fmt.Sprintf(" Checked with the page's first request and %s", plural(r.Requests, "more", "more"))
	}
	if r.PointsUsed >= 0 {
		cost += fmt.Sprintf(", %s of the site's rate limit", plural(int(r.PointsUsed+0.5), "point", "points"))
	}
	cost += "."
	if r.FromCache > 0 {
		what += fmt.Sprintf(" %d saved in this browser, %d new.", r.FromCache, r.New)
	}
	return what + cost
}

// retryNow fetches at once from a button the fetch's progress replaces: the
// keyboard focus goes to the list's heading (or <main>), not to <body>.
func (x *ReportExplorer) retryNow(ctx app.Context, s *Session) {
	x.fetch(ctx, s)
	focusElement(ctx, explorerHeadingID)
	focusMainIfLost(ctx)
}

// options lists the guilds and zones the reports hold, by name.
func (x *ReportExplorer) options() (guilds, zones [][2]string) {
	gs, zs := map[int]string{}, map[int]string{}
	for i := range x.reports {
		if g := x.reports[i].Guild; g != nil {
			gs[g.ID] = g.Name
		}
		if z := x.reports[i].Zone; z != nil {
			zs[z.ID] = z.Name
		}
	}
	sorted := func(m map[int]string) [][2]string {
		out := make([][2]string, 0, len(m))
		for id, name := range m {
			out = append(out, [2]string{strconv.Itoa(id), name})
		}
		sort.Slice(out, func(a, b int) bool { return out[a][1] < out[b][1] })
		return out
	}
	return sorted(gs), sorted(zs)
}

func option(value, label, current string) app.UI {
	return app.Option().Value(value).Selected(value == current).Text(label)
}

func (x *ReportExplorer) filters() app.UI {
	f := x.filter
	guilds, zones := x.options()
	words := siteOf(orDefault(x.Session)).Words() // FF Logs: Free Companies
	guildOpts := []app.UI{option("", "All "+strings.ToLower(words.Guilds)+" and personal logs", f.Guild),
		option(GuildPersonal, "Personal logs", f.Guild), option(GuildLeft, words.Guilds+" you left", f.Guild)}
	for _, g := range guilds {
		guildOpts = append(guildOpts, option(g[0], g[1], f.Guild))
	}
	zone := ""
	if f.Zone > 0 {
		zone = strconv.Itoa(f.Zone)
	}
	zoneOpts := []app.UI{option("", "All zones", zone)}
	for _, z := range zones {
		zoneOpts = append(zoneOpts, option(z[0], z[1], zone))
	}
	set := func(apply func(f *ReportFilter, v string)) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			nf := x.filter
			apply(&nf, ctx.JSSrc().Get("value").String())
			nf.Page = 0
			x.SetFilter(ctx, ParseReportFilter(nf.Values())) // the URL's rules, one place
		}
	}
	field := func(id, label string, control app.UI) app.UI {
		return app.Div().Class("pl-field").Body(app.Label().For(id).Text(label), control)
	}
	return app.Form().Class("pl-filters").Attr(testid, "filters").Attr("role", "search").Attr("aria-label", "Filter reports").
		OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).Body(
		field("pl-f-vis", "Visibility", app.Select().ID("pl-f-vis").Attr(testid, "filter-visibility").OnChange(set(func(f *ReportFilter, v string) { f.Visibility = v })).Body(
			option("", "Any visibility", f.Visibility), option("public", "Public", f.Visibility),
			option("unlisted", "Unlisted", f.Visibility), option("private", "Private", f.Visibility))),
		field("pl-f-guild", words.Guild, app.Select().ID("pl-f-guild").Attr(testid, "filter-guild").OnChange(set(func(f *ReportFilter, v string) { f.Guild = v })).Body(guildOpts...)),
		field("pl-f-zone", "Zone", app.Select().ID("pl-f-zone").Attr(testid, "filter-zone").OnChange(set(func(f *ReportFilter, v string) { f.Zone, _ = strconv.Atoi(v) })).Body(zoneOpts...)),
		// Text, not type="date": a date input's focus sits in fields inside
		// it, where no focus ring of the page's can be seen (WCAG 2.4.7).
		field("pl-f-from", "From (YYYY-MM-DD)", dayInput("pl-f-from", "filter-from", f.From, x.badFrom, x.day(&x.badFrom, set(func(f *ReportFilter, v string) { f.From = v })))),
		field("pl-f-to", "To (YYYY-MM-DD)", dayInput("pl-f-to", "filter-to", f.To, x.badTo, x.day(&x.badTo, set(func(f *ReportFilter, v string) { f.To = v })))),
		field("pl-f-q", "Title", app.Input().Type("search").ID("pl-f-q").Attr(testid, "filter-query").Value(f.Query).Placeholder("Search titles").
			OnChange(set(func(f *ReportFilter, v string) { f.Query = v }))),
		// Unavailable without filters, but never disabled: a disabled button
		// drops the keyboard focus it holds once it has cleared them.
		app.Button().Type("button").Class("pl-button").Attr(testid, "filter-clear").Attr("aria-disabled", strconv.FormatBool(!x.clearable())).Text("Clear filters").
			OnClick(func(ctx app.Context, e app.Event) {
				if x.clearable() {
					x.SetFilter(ctx, ReportFilter{})
				}
			}),
		liveText("alert", "pl-field-error", "filter-date-error", dateProblem(x.badFrom, x.badTo)).ID(dateErrorID),
	)
}

// clearable reports whether there is anything for Clear filters to clear: a
// filter, or a date field holding something that is not a date.
func (x *ReportExplorer) clearable() bool {
	return !x.filter.IsZero() || x.badFrom != "" || x.badTo != ""
}

// dateErrorID is the date fields' error message, which they name with
// aria-describedby while they hold something that is not a date.
const dateErrorID = "pl-f-date-error"

// day is the From or To field's change handler: a date (or nothing) goes to
// apply; anything else stays in the field, marked, with dateProblem saying
// why, and the list keeps the last good filter.
func (x *ReportExplorer) day(bad *string, apply app.EventHandler) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v := strings.TrimSpace(ctx.JSSrc().Get("value").String())
		if v != "" && parseDay(v) == "" {
			*bad = v
			return
		}
		*bad = ""
		apply(ctx, e)
	}
}

// dateProblem says which date fields hold something that is not a date, and
// what to write instead; "" when both are fine.
func dateProblem(from, to string) string {
	var fields []string
	if from != "" {
		fields = append(fields, fmt.Sprintf("From (%q)", from))
	}
	if to != "" {
		fields = append(fields, fmt.Sprintf("To (%q)", to))
	}
	switch len(fields) {
	case 0:
		return ""
	case 1:
		return fields[0] + " is not a date, so the list ignores it. Write a day as YYYY-MM-DD, for example 2026-01-31."
	}
	return strings.Join(fields, " and ") + " are not dates, so the list ignores them. Write a day as YYYY-MM-DD, for example 2026-01-31."
}

// dayInput is a text field for a day as YYYY-MM-DD showing value, or bad
// (marked invalid, described by the date error) when the person typed
// something that is not a date.
func dayInput(id, test, value, bad string, onChange app.EventHandler) app.UI {
	in := app.Input().Type("text").ID(id).Attr(testid, test).Attr("inputmode", "numeric").Attr("pattern", `\d{4}-\d{2}-\d{2}`).
		Attr("maxlength", 10).Attr("size", 10).Attr("autocomplete", "off").Placeholder("2026-01-31").OnChange(onChange)
	if bad != "" {
		return in.Value(bad).Attr("aria-invalid", "true").Attr("aria-describedby", dateErrorID)
	}
	return in.Value(value).Attr("aria-invalid", "false")
}

func (x *ReportExplorer) list(s *Session) app.UI {
	all := x.filtered()
	per := x.perPage()
	last := max(1, (len(all)+per-1)/per)
	page := min(max(x.filter.Page, 1), last)
	from := (page - 1) * per
	shown := all[from:min(from+per, len(all))]
	turn := func(to int) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			f := x.filter
			f.Page = to
			x.SetFilter(ctx, f)
			focusElement(ctx, explorerHeadingID)
		}
	}
	summary := fmt.Sprintf("%s of %d", plural(len(all), "report", "reports"), len(x.reports))
	if x.filter.IsZero() {
		summary = plural(len(all), "report", "reports")
	}
	var body app.UI
	if len(all) == 0 {
		body = app.P().Class("pl-empty").Attr(testid, "explorer-empty").Text("No reports match these filters.")
	} else {
		body = reportTable(s, shown, "explorer-report")
	}
	return app.Div().Class("pl-explorer-list").Body(
		app.H3().ID(explorerHeadingID).Attr("tabindex", "-1").Attr(testid, "explorer-heading").Text("Reports"),
		app.P().Attr(testid, "explorer-count").Attr("data-count", len(all)).Text(summary),
		body,
		app.If(last > 1, app.Div().Class("pl-pager").Body(
			app.Button().Class("pl-button").Attr(testid, "explorer-prev").Disabled(page <= 1).Text("Newer").OnClick(turn(page-1)),
			app.Span().Attr(testid, "explorer-page").Text(fmt.Sprintf("Page %d of %d", page, last)),
			app.Button().Class("pl-button").Attr(testid, "explorer-next").Disabled(page >= last).Text("Older").OnClick(turn(page+1)),
		)),
	)
}

// focusElement moves the keyboard focus to the element with id once the
// page has rendered.
func focusElement(ctx app.Context, id string) {
	ctx.Defer(func(ctx app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}
