package logsapi

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

const reportDetailJSON = `{"data":{"reportData":{"report":{
 "code":"aBcD1234eFgH5678","title":"Tuesday raid","startTime":1700000000000,"endTime":1700007200000,"visibility":"private",
 "owner":{"id":1,"name":"alice"},"guild":null,"zone":{"id":38,"name":"Nerub-ar Palace"},
 "fights":[
  {"id":1,"name":"Ulgrax the Devourer","encounterID":2902,"kill":false,"startTime":120000,"endTime":300500,"bossPercentage":42.17,"fightPercentage":42.17,"difficulty":5},
  {"id":2,"name":"Trash","encounterID":0,"kill":null,"startTime":310000,"endTime":330000,"bossPercentage":null,"fightPercentage":null,"difficulty":null},
  {"id":3,"name":"Ulgrax the Devourer","encounterID":2902,"kill":true,"startTime":400000,"endTime":700000,"bossPercentage":0,"fightPercentage":0,"difficulty":5},
  null],
 "masterData":{"actors":[
  {"id":1,"name":"Aelindra","type":"Player","subType":"DeathKnight","server":"Area52"},
  {"id":7,"name":"Wolf","type":"Pet","subType":"Pet","server":null},
  null,
  {"id":2,"name":"Kaelthira","type":"Player","subType":"Evoker","server":"Illidan"}]}}}}}`

func TestReportDetail(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) { answer(w, 200, reportDetailJSON) })
	c := New(api.URL, authed("tok"), sites.GameWarcraft)
	rd, err := c.ReportDetail(context.Background(), "aBcD1234eFgH5678")
	if err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 1 || string(reqs[0].Variables["code"]) != `"aBcD1234eFgH5678"` || !strings.Contains(reqs[0].Query, `actors(type: "Player")`) {
		t.Fatalf("requests: %+v", reqs)
	}
	if rd.Title != "Tuesday raid" || rd.Visibility != "private" || rd.Owner.Name != "alice" || rd.Guild != nil || rd.Zone.Name != "Nerub-ar Palace" ||
		rd.EndTime.Sub(rd.StartTime) != 2*time.Hour {
		t.Errorf("report: %+v", rd.Report)
	}
	if len(rd.Fights) != 3 {
		t.Fatalf("fights: %+v", rd.Fights)
	}
	wipe, trash, kill := rd.Fights[0], rd.Fights[1], rd.Fights[2]
	if wipe.Kill || !wipe.Boss() || wipe.Start != 2*time.Minute || wipe.Duration() != 180500*time.Millisecond ||
		wipe.BossPercentage == nil || *wipe.BossPercentage != 42.17 || wipe.Difficulty != 5 {
		t.Errorf("wipe: %+v", wipe)
	}
	if trash.Boss() || trash.Kill || trash.BossPercentage != nil || trash.Difficulty != 0 {
		t.Errorf("trash: %+v", trash)
	}
	if !kill.Kill || *kill.BossPercentage != 0 || kill.Duration() != 5*time.Minute {
		t.Errorf("kill: %+v", kill)
	}
	want := []Player{{1, "Aelindra", "DeathKnight", "Area52"}, {2, "Kaelthira", "Evoker", "Illidan"}}
	if len(rd.Players) != 2 || rd.Players[0] != want[0] || rd.Players[1] != want[1] {
		t.Errorf("players (the pet left out): %+v", rd.Players)
	}
}

func TestReportDetailUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		reason     ReportUnavailable
		words      string
	}{
		{"private", `{"data":{"reportData":{"report":null}},"errors":[{"message":"You do not have permission to view this report.","path":["reportData","report"]}]}`,
			ReportForbidden, "private"},
		{"missing", `{"data":{"reportData":{"report":null}},"errors":[{"message":"This report does not exist."}]}`, ReportNotFound, "no report"},
		{"null without a word", `{"data":{"reportData":{"report":null}}}`, ReportNotFound, "no report"},
		{"other", `{"data":{"reportData":null},"errors":[{"message":"Something odd."}]}`, ReportRefused, "did not give"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newTestAPI(t, func(w http.ResponseWriter, r received) { answer(w, 200, tc.body) })
			_, err := New(api.URL, nil, sites.GameFFXIV).ReportDetail(context.Background(), "abc123")
			var ru *ReportUnavailableError
			if !errors.As(err, &ru) || ru.Reason != tc.reason || ru.Code != "abc123" || !strings.Contains(err.Error(), tc.words) {
				t.Fatalf("%#v (%v)", err, err)
			}
			var g GraphQLErrors
			if hasErrs := strings.Contains(tc.body, `"errors"`); errors.As(err, &g) != hasErrs {
				t.Errorf("GraphQLErrors found: %v, want %v", !hasErrs, hasErrs)
			}
		})
	}
}

func TestReportDetailFailures(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) {
		switch string(r.Variables["code"]) {
		case `"limited"`:
			w.Header().Set("Retry-After", "30")
			answer(w, 429, `{"error":"Too Many Attempts."}`)
		case `"shape"`:
			answer(w, 200, `{"data":{"reportData":{"report":{"code":"x","fights":"not a list"}}}}`)
		}
	})
	c := New(api.URL, nil, sites.GameESO)
	var rl *RateLimitedError
	if _, err := c.ReportDetail(context.Background(), "limited"); !errors.As(err, &rl) || rl.RetryAfter != 30*time.Second {
		t.Errorf("429: %v", err)
	}
	var re *pkce.ResponseError
	if _, err := c.ReportDetail(context.Background(), "shape"); !errors.As(err, &re) {
		t.Errorf("a report of another shape: %#v", err)
	}
	for _, bad := range []string{"", "ab/cd", "../x", "a b", "ü", strings.Repeat("a", 65)} {
		if _, err := c.ReportDetail(context.Background(), bad); !errors.Is(err, ErrInvalidReportCode) {
			t.Errorf("code %q: %v", bad, err)
		}
	}
	if n := len(api.requests()); n != 2 {
		t.Errorf("%d requests, want 2 (invalid codes are never sent)", n)
	}
}

// FuzzDecodeReportDetail feeds arbitrary data members to the report page's
// decoder: it must not panic, and what it returns must be safe to draw: no
// negative durations, percentages within 0–100, no NPC as a player.
func FuzzDecodeReportDetail(f *testing.F) {
	var env struct{ Data json.RawMessage }
	if err := json.Unmarshal([]byte(reportDetailJSON), &env); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(env.Data))
	f.Add([]byte(`{"reportData":{"report":{"fights":[{"startTime":-5,"endTime":1e300,"bossPercentage":-3,"fightPercentage":1e9}]}}}`))
	f.Add([]byte(`{"reportData":{"report":{"fights":[{"startTime":500,"endTime":100}],"masterData":{"actors":[{"type":"NPC"},{}]}}}}`))
	f.Add([]byte(`{"reportData":{"report":null}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := decodeReportDetail(data)
		if err != nil || rd == nil {
			return
		}
		for _, fi := range rd.Fights {
			if fi.Start < 0 || fi.End < fi.Start || fi.Duration() < 0 || fi.End > maxFightMillis*time.Millisecond {
				t.Fatalf("fight times %+v", fi)
			}
			for _, p := range []*float64{fi.BossPercentage, fi.FightPercentage} {
				if p != nil && (math.IsNaN(*p) || *p < 0 || *p > 100) {
					t.Fatalf("percentage %v", *p)
				}
			}
		}
	})
}
