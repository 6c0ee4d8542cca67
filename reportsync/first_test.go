package reportsync

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// firstPage is page 1 of the site's reports, perPage of them, newest first
// and without bounds: what the first screen's overview request brings. The
// request is not counted as the fetch's.
func firstPage(t *testing.T, site *fakeSite, perPage int) *logsapi.ReportPage {
	t.Helper()
	calls, spent := site.calls, site.spent
	p, _, err := site.ReportsRange(context.Background(), 1, 1, perPage, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	site.calls, site.spent = calls, spent
	return p
}

// With nothing cached, the first screen's page is the full fetch's first
// part: the fetch asks only for what is older than its oldest report, so no
// report but that one boundary report is asked for twice.
func TestFirstPageStartsTheFullFetch(t *testing.T) {
	ctx := context.Background()
	site := &fakeSite{reports: reports(0, 328)}
	first := firstPage(t, site, 10)
	at := epoch.Add(time.Minute)
	res, err := Sync(ctx, site, &MemoryCache{}, Options{Key: Key{Site: "s", UserID: 1}, PointsBefore: 0, First: first, FirstAt: at})
	if err != nil || !res.First || res.New != 328 || !res.Snapshot.Complete || res.Requests != 4 || res.PointsUsed != 4 {
		t.Fatalf("full fetch: %+v %v", res, err)
	}
	end := first.Data[9].StartTime.UnixMilli()
	var want []string
	for page := 1; page <= 4; page++ {
		want = append(want, fmt.Sprintf("page %d start 0 end %d", page, end))
	}
	if fmt.Sprint(site.calls) != fmt.Sprint(want) {
		t.Fatalf("asked %q, want %q", site.calls, want)
	}
	checkList(t, res.Snapshot, site.reports)
}

// A return visit whose first screen's page reaches back to the newest cached
// report asks the site for nothing more; one that does not asks only for
// what lies between.
func TestFirstPageBringsTheCacheUpToDate(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		added int
		calls int
	}{
		{"three new", 3, 0},
		{"eight new", 8, 0},
		// The page's oldest is the newest cached report: one starting at the
		// same millisecond may follow it on the next page, so that one
		// instant is asked for.
		{"nine new", 9, 1},
		{"fifteen new", 15, 1},
		{"none new", 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := &fakeSite{reports: reports(0, 300)}
			cache := &MemoryCache{}
			key := Key{Site: "s", UserID: 1}
			fetched := epoch.Add(-time.Hour)
			if _, err := Sync(ctx, site, cache, Options{Key: key, PointsBefore: -1, Now: func() time.Time { return fetched }}); err != nil {
				t.Fatal(err)
			}
			site.reports = append(reports(-tt.added, tt.added), site.reports...)
			site.calls = nil
			newest := reports(0, 1)[0].StartTime
			first := firstPage(t, site, 10)
			res, err := Sync(ctx, site, cache, Options{Key: key, PointsBefore: site.spent, First: first, FirstAt: epoch})
			if err != nil || !res.First || res.New != tt.added || res.FromCache != 300 || res.Requests != tt.calls {
				t.Fatalf("return visit: %+v %v (calls %q)", res, err, site.calls)
			}
			if tt.calls > 0 {
				want := fmt.Sprintf("page 1 start %d end %d", newest.UnixMilli(), first.Data[9].StartTime.UnixMilli())
				if site.calls[0] != want {
					t.Fatalf("asked %q, want %q", site.calls, want)
				}
			}
			checkList(t, res.Snapshot, site.reports)
			if saved, _ := cache.Load(ctx, key); tt.calls == 0 && !saved.FetchedAt.Equal(epoch) {
				t.Errorf("the cache says it was fetched at %v, want the first screen's %v", saved.FetchedAt, epoch)
			}
		})
	}
}

// A first screen's page older than the cache (fetched before the cache was
// last brought up to date) is not used: the fetch asks since the newest
// cached report, as without it. Nor is a page other than the first.
func TestStaleFirstPageIsIgnored(t *testing.T) {
	ctx := context.Background()
	site := &fakeSite{reports: reports(0, 50)}
	cache := &MemoryCache{}
	key := Key{Site: "s", UserID: 1}
	if _, err := Sync(ctx, site, cache, Options{Key: key, PointsBefore: -1, Now: func() time.Time { return epoch }}); err != nil {
		t.Fatal(err)
	}
	first := firstPage(t, site, 10)
	second := *first
	second.CurrentPage = 2
	for _, o := range []Options{
		{Key: key, PointsBefore: -1, First: first, FirstAt: epoch.Add(-time.Minute)},
		{Key: key, PointsBefore: -1, First: &second, FirstAt: epoch.Add(time.Minute)},
	} {
		site.calls = nil
		res, err := Sync(ctx, site, cache, o)
		want := fmt.Sprintf("page 1 start %d end 0", site.reports[0].StartTime.UnixMilli())
		if err != nil || res.First || res.Requests != 1 || fmt.Sprint(site.calls) != "["+want+"]" {
			t.Fatalf("%+v %v: asked %q, want %q", res, err, site.calls, want)
		}
	}
}

// A person without reports: the first screen's empty page says so, and the
// fetch asks nothing.
func TestEmptyFirstPageCompletesTheList(t *testing.T) {
	site := &fakeSite{}
	res, err := Sync(context.Background(), site, &MemoryCache{}, Options{Key: Key{Site: "s", UserID: 1}, PointsBefore: -1,
		First: firstPage(t, site, 10), FirstAt: epoch})
	if err != nil || !res.Snapshot.Complete || res.Requests != 0 || len(site.calls) != 0 {
		t.Fatalf("%+v %v, asked %q", res, err, site.calls)
	}
}
