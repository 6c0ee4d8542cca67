//go:build !js

package provider

import (
	"context"
	"net/http"
	"testing"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// bearer adds a fixed access token to every request.
type bearer string

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+string(b))
	return http.DefaultTransport.RoundTrip(r)
}

// Every query the app sends (logsapi's) is valid against this schema for every game, and
// reads the fixtures back.
func TestLogsapiQueriesAgainstEveryFlavour(t *testing.T) {
	ctx := context.Background()
	for _, game := range []string{GameWarcraft, GameFFXIV, GameESO} {
		t.Run(game, func(t *testing.T) {
			s := startProvider(t, Options{Game: game, AutoApprove: UserAlice})
			api := logsapi.New(s.APIURL(), &http.Client{Transport: bearer(signIn(t, s, AllScopes...).AccessToken)}, game)
			ov, err := api.Overview(ctx, 1, 10)
			if err != nil {
				t.Fatal(err)
			}
			u := ov.User
			if u == nil || u.ID != 1 || u.Name != "Alice" || len(u.Guilds) != 2 || len(u.Characters) != 3 {
				t.Fatalf("overview user %+v", u)
			}
			if u.Guilds[0].CurrentUserRank != "GuildMaster" || u.Guilds[0].Server.Region.CompactName == "" || u.Characters[0].Claimed == nil || !*u.Characters[0].Claimed {
				t.Fatalf("guild %+v character %+v", u.Guilds[0], u.Characters[0])
			}
			switch game {
			case GameWarcraft:
				if u.BattleTag != "Alice#1234" || u.Avatar == "" || u.Characters[0].Level == 0 {
					t.Fatalf("warcraft fields %+v", u)
				}
			case GameESO:
				if u.NADisplayName != "@alice" || u.Characters[0].DisplayName == "" {
					t.Fatalf("eso fields %+v", u)
				}
			case GameFFXIV:
				if u.Characters[0].LodestoneID == 0 {
					t.Fatalf("ffxiv fields %+v", u.Characters[0])
				}
			}
			if ov.Reports == nil || ov.Reports.Total != aliceReports || len(ov.Reports.Data) != 10 || !ov.Reports.HasMorePages {
				t.Fatalf("overview reports %+v", ov.Reports)
			}
			if ov.RateLimit == nil || ov.RateLimit.LimitPerHour != DefaultRateLimitPerHour || ov.RateLimit.PointsSpentThisHour != 1 {
				t.Fatalf("rate limit %+v", ov.RateLimit)
			}
			last := (aliceReports + 9) / 10
			page, err := api.Reports(ctx, 1, last, 10)
			if err != nil || page.CurrentPage != last || page.LastPage != last || len(page.Data) != aliceReports-(last-1)*10 || page.HasMorePages {
				t.Fatalf("page %d: %+v %v", last, page, err)
			}
			bob, err := api.User(ctx, 2)
			if err != nil || bob == nil || bob.Name != "Bob" {
				t.Fatalf("user 2: %+v %v", bob, err)
			}
		})
	}
	t.Run("without view-user-profile", func(t *testing.T) {
		s := startProvider(t, Options{AutoApprove: UserBob})
		api := logsapi.New(s.APIURL(), &http.Client{Transport: bearer(signIn(t, s, ScopeViewPrivateReports).AccessToken)}, GameWarcraft)
		ov, err := api.Overview(ctx, 2, 5)
		if err != nil || ov.User != nil || ov.Reports == nil || ov.Reports.Total != bobReports {
			t.Fatalf("overview %+v %v (total %d)", ov, err, ov.Reports.Total)
		}
	})
}
