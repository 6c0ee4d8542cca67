//go:build !js

package provider

import (
	"fmt"
	"testing"
	"time"
)

// TestFixtureYear checks the shape the activity calendar and privacy view rely on: a year
// of alice's reports on raid nights, several guilds among them one she has left (with
// private reports in it), personal ones, every visibility, and the same data in every game.
func TestFixtureYear(t *testing.T) {
	var first []FixtureReport
	for _, game := range []string{GameWarcraft, GameFFXIV, GameESO} {
		all := FixtureReports(game)
		if first == nil {
			first = all
		}
		if len(all) != len(first) {
			t.Fatalf("%s has %d reports, warcraft %d", game, len(all), len(first))
		}
		guilds, vis, days := map[int]int{}, map[string]int{}, map[string]int{}
		leftPrivate, alice := 0, 0
		d := newUserDirectory(game)
		for i, r := range all {
			if i > 0 && r.Start.After(all[i-1].Start) {
				t.Fatalf("%s: not newest first at %d", game, i)
			}
			if r.Code != first[i].Code || !r.Start.Equal(first[i].Start) {
				t.Fatalf("%s: report %d differs between games", game, i)
			}
			if r.Owner != UserAlice {
				continue
			}
			alice++
			guilds[r.GuildID]++
			vis[r.Visibility]++
			days[r.Start.Format("2006-01-02")]++
			if r.GuildID != 0 && d.guildByID(r.GuildID).rankOf(1) == "NonMember" && r.Visibility == "private" {
				leftPrivate++
			}
			if r.Start.Before(reportEpoch.Add(-fixtureYear)) || r.Start.After(reportEpoch) {
				t.Fatalf("%s: report at %v outside the year", game, r.Start)
			}
		}
		if alice < 300 || len(guilds) < 4 || guilds[0] == 0 || leftPrivate == 0 || vis["public"] == 0 || vis["unlisted"] == 0 || vis["private"] == 0 {
			t.Fatalf("%s: alice %d reports, by guild %v, %d private in a guild she left, %v", game, alice, guilds, leftPrivate, vis)
		}
		busy := 0
		for _, n := range days {
			if n > 1 {
				busy++
			}
		}
		if len(days) < 150 || busy == 0 {
			t.Fatalf("%s: alice logged on %d days, %d with more than one report", game, len(days), busy)
		}
	}
	if all := FixtureReports(GameWarcraft); !all[0].Start.Equal(reportEpoch) {
		t.Fatalf("the newest report starts at %v, not reportEpoch", all[0].Start)
	}
}

func TestReportCutoffHidesNewReports(t *testing.T) {
	s := startProvider(t, Options{})
	tok := tokenAs(t, s, UserAlice, AllScopes...)
	all := FixtureReports(GameWarcraft)
	var newest []FixtureReport
	for _, r := range all {
		if r.Owner == UserAlice {
			newest = append(newest, r)
		}
	}
	cut := newest[3].Start // alice's three newest are "not uploaded yet"
	s.SetReportCutoff(cut)
	total := func() float64 {
		_, m, _ := gql(t, s, tok, `{ reportData { reports(userID: 1, limit: 1) { total } } }`, nil)
		return dig(m, "data", "reportData", "reports", "total").(float64)
	}
	if got := total(); got != aliceReports-3 {
		t.Fatalf("with the cutoff alice has %v reports, want %d", got, aliceReports-3)
	}
	_, m, _ := gql(t, s, tok, `query($c: String) { reportData { report(code: $c) { code } } }`, map[string]any{"c": newest[0].Code})
	if dig(m, "errors", 0, "message") != "This report does not exist." {
		t.Fatalf("a report after the cutoff: %v", m)
	}
	q := fmt.Sprintf(`{ reportData { reports(userID: 1, startTime: %d) { total } } }`, cut.UnixMilli())
	s.SetReportCutoff(time.Time{})
	if got := total(); got != aliceReports {
		t.Fatalf("without the cutoff alice has %v reports", got)
	}
	if _, m, _ := gql(t, s, tok, q, nil); dig(m, "data", "reportData", "reports", "total") != 4.0 {
		t.Fatalf("since the cutoff: %v", m)
	}
}

func TestFault429MidFetch(t *testing.T) {
	s := startProvider(t, Options{})
	tok := tokenAs(t, s, UserAlice, AllScopes...)
	s.SetFault(EndpointAPI, Fault{Status: 429, Skip: 2, Times: 1, RetryAfter: 3 * time.Second})
	const q = `{ rateLimitData { limitPerHour } }`
	for i, want := range []int{200, 200, 429, 200} {
		status, _, h := gql(t, s, tok, q, nil)
		if status != want {
			t.Fatalf("request %d: %d, want %d", i+1, status, want)
		}
		if status == 429 && h.Get("Retry-After") != "3" {
			t.Fatalf("Retry-After %q", h.Get("Retry-After"))
		}
	}
}
