package reportsync

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/session"
)

// fakeSite pages reports as the API does: newest first, startTime and endTime
// inclusive, limit per page, total of what matches; it charges one point a
// request and answers 429 on the requests listed in fail.
type fakeSite struct {
	reports []logsapi.Report // newest first
	spent   float64
	calls   []string
	fail    map[int]bool // 1-based request numbers answered 429
}

func (f *fakeSite) ReportsRange(_ context.Context, userID, page, limit int, start, end time.Time) (*logsapi.ReportPage, *logsapi.RateLimit, error) {
	f.calls = append(f.calls, fmt.Sprintf("page %d start %d end %d", page, ms(start), ms(end)))
	if f.fail[len(f.calls)] {
		return nil, nil, &logsapi.RateLimitedError{RetryAfter: 30 * time.Second}
	}
	f.spent++
	var m []logsapi.Report
	for _, r := range f.reports {
		if (!start.IsZero() && r.StartTime.Before(start)) || (!end.IsZero() && r.StartTime.After(end)) {
			continue
		}
		m = append(m, r)
	}
	p := &logsapi.ReportPage{Total: len(m), PerPage: limit, CurrentPage: page, LastPage: max(1, (len(m)+limit-1)/limit)}
	if from := (page - 1) * limit; from < len(m) {
		p.Data = m[from:min(from+limit, len(m))]
	}
	p.HasMorePages = page < p.LastPage
	return p, &logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: f.spent, PointsResetIn: 20 * time.Minute}, nil
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

var epoch = time.Date(2026, 10, 30, 19, 30, 0, 0, time.UTC)

func reports(from, n int) []logsapi.Report {
	out := make([]logsapi.Report, n)
	for i := range out {
		k := from + i
		out[i] = logsapi.Report{Code: fmt.Sprintf("R%04d", k), Title: "raid", StartTime: epoch.Add(-time.Duration(k) * 20 * time.Hour),
			EndTime: epoch.Add(-time.Duration(k)*20*time.Hour + time.Hour), Visibility: []string{"public", "unlisted", "private"}[(k+300)%3],
			Guild: &logsapi.Guild{ID: 1 + (k+300)%2, Name: "G"}, Zone: &logsapi.Zone{ID: 38, Name: "Z"}}
	}
	return out
}

func checkList(t *testing.T, s *Snapshot, want []logsapi.Report) {
	t.Helper()
	if len(s.Reports) != len(want) {
		t.Fatalf("%d reports, want %d", len(s.Reports), len(want))
	}
	for i := range want {
		if s.Reports[i].Code != want[i].Code || !s.Reports[i].StartTime.Equal(want[i].StartTime) {
			t.Fatalf("report %d is %s, want %s", i, s.Reports[i].Code, want[i].Code)
		}
	}
}

func TestFullFetchStopsOn429AndResumes(t *testing.T) {
	ctx := context.Background()
	site := &fakeSite{reports: reports(0, 328), fail: map[int]bool{3: true}}
	cache := SharedCache{Store: session.NewMemoryBrowser("http://app.test/").Shared()}
	key := Key{Site: "warcraftlogs", UserID: 1}
	var progress []Progress
	o := Options{Key: key, PointsBefore: -1, Progress: func(p Progress) { progress = append(progress, p) }}

	res, err := Sync(ctx, site, cache, o)
	var limited *logsapi.RateLimitedError
	if !asRateLimited(err, &limited) || res.RetryAt.IsZero() || res.Requests != 2 {
		t.Fatalf("first fetch: %+v %v", res, err)
	}
	if len(progress) != 2 || progress[1].Loaded != 200 || progress[1].Total != 328 || !progress[1].Older {
		t.Fatalf("progress %+v", progress)
	}
	saved, _ := cache.Load(ctx, key)
	if saved == nil || len(saved.Reports) != 200 || saved.Complete {
		t.Fatalf("saved before the stop: %+v", saved)
	}

	// Resuming: new ones since the newest (none), then older from the oldest held.
	site.reports = append(reports(-2, 2), site.reports...) // two uploaded meanwhile
	site.calls, site.fail = nil, nil
	res, err = Sync(ctx, site, cache, o)
	if err != nil || !res.Snapshot.Complete || res.New != 130 || res.FromCache != 200 {
		t.Fatalf("resumed: %+v %v", res, err)
	}
	checkList(t, res.Snapshot, site.reports)
	oldest := saved.Oldest().UnixMilli()
	want := []string{
		fmt.Sprintf("page 1 start %d end 0", saved.Newest().UnixMilli()),
		fmt.Sprintf("page 1 start 0 end %d", oldest),
		fmt.Sprintf("page 2 start 0 end %d", oldest),
	}
	if fmt.Sprint(site.calls) != fmt.Sprint(want) {
		t.Fatalf("resumed with %q, want %q", site.calls, want)
	}
	if res.PointsUsed != 3 {
		t.Fatalf("points used %v, want 3", res.PointsUsed)
	}
}

func asRateLimited(err error, target **logsapi.RateLimitedError) bool {
	l, ok := err.(*logsapi.RateLimitedError)
	*target = l
	return ok
}

func TestReturnVisitFetchesOnlyNew(t *testing.T) {
	ctx := context.Background()
	site := &fakeSite{reports: reports(0, 300)}
	cache := &MemoryCache{}
	key := Key{Site: "warcraftlogs", UserID: 1}
	res, err := Sync(ctx, site, cache, Options{Key: key, PointsBefore: 0})
	if err != nil || len(res.Snapshot.Reports) != 300 || !res.Snapshot.Complete || res.Requests != 3 || res.PointsUsed != 3 {
		t.Fatalf("full fetch: %+v %v", res, err)
	}
	newest := res.Snapshot.Newest()
	site.reports = append(reports(-3, 3), site.reports...)
	site.calls = nil
	res, err = Sync(ctx, site, cache, Options{Key: key, PointsBefore: site.spent})
	if err != nil || res.New != 3 || res.FromCache != 300 || res.Requests != 1 || res.PointsUsed != 1 {
		t.Fatalf("return visit: %+v %v", res, err)
	}
	if want := fmt.Sprintf("page 1 start %d end 0", newest.UnixMilli()); len(site.calls) != 1 || site.calls[0] != want {
		t.Fatalf("return visit asked %q, want %q", site.calls, want)
	}
	checkList(t, res.Snapshot, site.reports)

	// Another user's list is another key.
	if s, _ := cache.Load(ctx, Key{Site: "warcraftlogs", UserID: 2}); s != nil {
		t.Fatal("user 2 reads user 1's cache")
	}
}

// A 429 while fetching new reports merges none of them: the next fetch asks
// from the same newest report, so no gap can open between new and cached.
func TestNewPagesMergeOnlyWhenComplete(t *testing.T) {
	ctx := context.Background()
	site := &fakeSite{reports: reports(0, 50)}
	cache := &MemoryCache{}
	key := Key{Site: "s", UserID: 1}
	if _, err := Sync(ctx, site, cache, Options{Key: key, PointsBefore: -1}); err != nil {
		t.Fatal(err)
	}
	site.reports = append(reports(-150, 150), site.reports...)
	site.fail = map[int]bool{len(site.calls) + 2: true}
	res, err := Sync(ctx, site, cache, Options{Key: key, PointsBefore: -1})
	if err == nil || res.New != 0 || len(res.Snapshot.Reports) != 50 {
		t.Fatalf("interrupted: %+v %v", res, err)
	}
	res, err = Sync(ctx, site, cache, Options{Key: key, PointsBefore: -1})
	if err != nil || res.New != 150 {
		t.Fatalf("again: %+v %v", res, err)
	}
	checkList(t, res.Snapshot, site.reports)
}

func TestStoredFormRoundTrips(t *testing.T) {
	in := &Snapshot{Complete: true, FetchedAt: epoch, Reports: reports(0, 3)}
	in.Reports[1].Guild, in.Reports[2].Zone = nil, nil
	in.Reports[0].Owner = &logsapi.User{ID: 1, Name: "Alice"}
	v, err := encode(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decode(v)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%+v", *out.Reports[0].Owner) != fmt.Sprintf("%+v", *in.Reports[0].Owner) || out.Reports[1].Guild != nil || out.Reports[2].Zone != nil ||
		out.Reports[0].Guild.Name != "G" || !out.FetchedAt.Equal(epoch) || !out.Complete {
		t.Fatalf("round trip: %+v", out)
	}
	checkList(t, out, in.Reports)
	if _, err := decode(`{"v":99}`); err == nil {
		t.Fatal("another version decoded")
	}
}
