//go:build !js

package provider

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// The report page's query (logsapi.ReportDetail) runs against every flavour and reads the
// generated fights and players back; a private report of someone else is refused with the
// reason the app explains.
func TestLogsapiReportDetailAgainstEveryFlavour(t *testing.T) {
	ctx := context.Background()
	for _, game := range []string{GameWarcraft, GameFFXIV, GameESO} {
		t.Run(game, func(t *testing.T) {
			s := startProvider(t, Options{Game: game, AutoApprove: UserAlice})
			alice := logsapi.New(s.APIURL(), &http.Client{Transport: bearer(signIn(t, s, AllScopes...).AccessToken)}, game)
			if err := s.SetAutoApprove(UserBob); err != nil {
				t.Fatal(err)
			}
			bob := logsapi.New(s.APIURL(), &http.Client{Transport: bearer(signIn(t, s, AllScopes...).AccessToken)}, game)
			var private *report
			for _, r := range s.users.reports {
				if r.Owner == 1 && r.Visibility == "private" && r.Zone != nil {
					private = r
					break
				}
			}
			rd, err := alice.ReportDetail(ctx, private.Code)
			if err != nil {
				t.Fatal(err)
			}
			fs, ps := s.users.fightsOf(private), s.users.playersOf(private)
			if rd.Code != private.Code || rd.Visibility != "private" || len(rd.Fights) != len(fs) || len(rd.Players) != len(ps) {
				t.Fatalf("%+v", rd)
			}
			for i, f := range fs {
				g := rd.Fights[i]
				if g.Name != f.Name || g.Kill != f.Kill || g.Start != f.Start || g.End != f.End || *g.BossPercentage != f.BossPercent {
					t.Errorf("fight %d: %+v, want %+v", i, g, f)
				}
			}
			for i, p := range ps {
				if g := rd.Players[i]; g.Name != p.Name || g.Class != p.SubType || g.Server != p.Server {
					t.Errorf("player %d: %+v, want %+v", i, g, p)
				}
			}
			var ru *logsapi.ReportUnavailableError
			if _, err := bob.ReportDetail(ctx, private.Code); !errors.As(err, &ru) || ru.Reason != logsapi.ReportForbidden {
				t.Errorf("bob: %v", err)
			}
			if _, err := bob.ReportDetail(ctx, "NoSuchReport0000"); !errors.As(err, &ru) || ru.Reason != logsapi.ReportNotFound {
				t.Errorf("no such report: %v", err)
			}
		})
	}
}
