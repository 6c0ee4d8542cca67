//go:build !js

package provider

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
)

// TestFightsFitTheirReport holds the generated fights to what the sites' data looks like:
// numbered from 1, in order, inside the report, kills at 0 % and wipes with health left, a
// boss pulled until it dies or is given up on, and the same fights every time.
func TestFightsFitTheirReport(t *testing.T) {
	for _, game := range []string{GameWarcraft, GameFFXIV, GameESO} {
		d := newUserDirectory(game)
		kills, wipes, zoneless := 0, 0, 0
		for _, r := range d.reports {
			fs := d.fightsOf(r)
			if r.Zone == nil {
				zoneless++
				if len(fs) != 0 {
					t.Errorf("%s %s: a report without a zone has %d boss fights", game, r.Code, len(fs))
				}
				continue
			}
			if len(fs) == 0 {
				t.Errorf("%s %s: no fights in %v", game, r.Code, r.End.Sub(r.Start))
			}
			if !slices.EqualFunc(fs, d.fightsOf(r), func(a, b fight) bool { return a == b }) {
				t.Fatalf("%s %s: fights differ between two calls", game, r.Code)
			}
			var prevEnd int64
			for i, f := range fs {
				if f.ID != i+1 || f.Start.Milliseconds() < prevEnd || f.End <= f.Start || f.End > r.End.Sub(r.Start) {
					t.Fatalf("%s %s: fight %d out of order or outside the report: %+v", game, r.Code, i, f)
				}
				prevEnd = f.End.Milliseconds()
				if f.Kill {
					kills++
					if f.BossPercent != 0 {
						t.Errorf("%s %s: a kill leaves %.2f %%", game, r.Code, f.BossPercent)
					}
				} else {
					wipes++
					if f.BossPercent <= 0 || f.BossPercent >= 100 {
						t.Errorf("%s %s: a wipe at %.2f %%", game, r.Code, f.BossPercent)
					}
				}
				if f.EncounterID == 0 || f.Name == "" || f.Difficulty == 0 {
					t.Errorf("%s %s: %+v", game, r.Code, f)
				}
			}
		}
		if kills == 0 || wipes == 0 || zoneless == 0 {
			t.Errorf("%s: %d kills, %d wipes, %d reports without a zone: want some of each", game, kills, wipes, zoneless)
		}
	}
}

// TestPlayersInTheGamesFlavour: a report's players are named, unique, of the game's classes
// (jobs), on the fixtures' servers, and include the owner's characters.
func TestPlayersInTheGamesFlavour(t *testing.T) {
	for _, tc := range []struct {
		game, class, notClass string
		size                  int
	}{
		{GameWarcraft, "DeathKnight", "Dragoon", 20},
		{GameFFXIV, "Dragoon", "DeathKnight", 8},
		{GameESO, "Nightblade", "Dragoon", 12},
	} {
		d := newUserDirectory(tc.game)
		seen := map[string]bool{}
		for _, r := range d.reports {
			ps := d.playersOf(r)
			if r.Zone != nil && r.Zone.ID == 39 && tc.game == GameWarcraft {
				if len(ps) != 5 {
					t.Errorf("a Mythic+ report has %d players", len(ps))
				}
			} else if len(ps) != tc.size {
				t.Errorf("%s %s: %d players, want %d", tc.game, r.Code, len(ps), tc.size)
			}
			names := map[string]bool{}
			for i, p := range ps {
				if p.ID != i+1 || p.Name == "" || p.Server == "" || names[p.Name] || !slices.Contains(classes[tc.game], p.SubType) {
					t.Fatalf("%s %s: player %+v", tc.game, r.Code, p)
				}
				names[p.Name] = true
				seen[p.SubType] = true
			}
			for _, c := range d.charactersOf(r.Owner) {
				if !names[c.Name] {
					t.Errorf("%s %s: the owner's character %s is not in it", tc.game, r.Code, c.Name)
				}
			}
		}
		if !seen[tc.class] || seen[tc.notClass] {
			t.Errorf("%s: classes seen %v", tc.game, seen)
		}
	}
}

// TestReportFightsAndPlayersThroughTheAPI asks for a report as the app does, and gets what
// the fixtures generate; another user asking for a private report gets the site's refusal.
func TestReportFightsAndPlayersThroughTheAPI(t *testing.T) {
	s := startProvider(t, Options{Game: GameFFXIV})
	alice := tokenAs(t, s, UserAlice, AllScopes...)
	bob := tokenAs(t, s, UserBob, AllScopes...)
	var private *report
	for _, r := range s.users.reports {
		if r.Owner == 1 && r.Visibility == "private" && r.Zone != nil {
			private = r
			break
		}
	}
	const q = `query($code: String) { reportData { report(code: $code) { title
		fights { id name encounterID kill startTime endTime bossPercentage fightPercentage difficulty }
		masterData { actors(type: "Player") { id name type subType server } } } } }`
	status, m, _ := gql(t, s, alice, q, map[string]any{"code": private.Code})
	if status != 200 || m["errors"] != nil {
		t.Fatalf("owner: %d %v", status, m)
	}
	fs, ps := s.users.fightsOf(private), s.users.playersOf(private)
	gotFights, _ := dig(m, "data", "reportData", "report", "fights").([]any)
	if len(gotFights) != len(fs) {
		t.Fatalf("%d fights, want %d", len(gotFights), len(fs))
	}
	for i, f := range fs {
		g := gotFights[i]
		if dig(g, "name") != f.Name || dig(g, "kill") != f.Kill || dig(g, "startTime") != float64(f.Start.Milliseconds()) ||
			dig(g, "bossPercentage") != f.BossPercent || dig(g, "encounterID") != float64(f.EncounterID) {
			t.Errorf("fight %d: %v, want %+v", i, g, f)
		}
	}
	gotPlayers, _ := dig(m, "data", "reportData", "report", "masterData", "actors").([]any)
	if len(gotPlayers) != len(ps) {
		t.Fatalf("%d players, want %d", len(gotPlayers), len(ps))
	}
	for i, p := range ps {
		g := gotPlayers[i]
		if dig(g, "name") != p.Name || dig(g, "type") != "Player" || dig(g, "subType") != p.SubType || dig(g, "server") != p.Server {
			t.Errorf("player %d: %v, want %+v", i, g, p)
		}
	}
	_, m, _ = gql(t, s, bob, q, map[string]any{"code": private.Code})
	if dig(m, "data", "reportData", "report") != nil || dig(m, "errors", 0, "message") != "You do not have permission to view this report." {
		t.Fatalf("bob reading alice's private report: %v", m)
	}
	_, m, _ = gql(t, s, alice, `query($code: String) { reportData { report(code: $code) { masterData { actors(type: "NPC") { id } } } } }`,
		map[string]any{"code": private.Code})
	if a, _ := dig(m, "data", "reportData", "report", "masterData", "actors").([]any); a == nil || len(a) != 0 {
		t.Fatalf("NPC actors: %v", m)
	}
}

// TestReportPage: the provider serves a report's page where the app links to it, and says
// when there is no such report.
func TestReportPage(t *testing.T) {
	s := startProvider(t, Options{})
	rep := s.users.reports[0]
	resp := get(t, fmt.Sprintf(s.ReportURL(), rep.Code))
	page := body(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(page, html.EscapeString(rep.Title)) || !strings.Contains(page, html.EscapeString(s.users.playersOf(rep)[0].Name)) {
		t.Fatalf("%d %s", resp.StatusCode, page)
	}
	if resp := get(t, fmt.Sprintf(s.ReportURL(), "nope")); resp.StatusCode != 404 || !strings.Contains(body(t, resp), "This report does not exist.") {
		t.Fatalf("unknown report: %d", resp.StatusCode)
	}
}
