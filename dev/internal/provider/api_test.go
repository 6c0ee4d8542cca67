//go:build !js

package provider

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Fixture arithmetic (see generateReports; FixtureReports counts them): alice owns 328
// reports over the year, of which 121 are public, 97 unlisted and 110 private.
const (
	aliceReports         = 328
	alicePublicReports   = 121
	alicePrivateReports  = 110
	aliceUnlistedReports = 97
	bobReports           = 156 // 85 public, 34 unlisted, 37 private
)

const probe = `{ rateLimitData { limitPerHour } }`

// tokenAs signs in as login with scopes and returns the access token.
func tokenAs(t *testing.T, s *Server, login string, scopes ...string) string {
	t.Helper()
	if err := s.SetAutoApprove(login); err != nil {
		t.Fatal(err)
	}
	return signIn(t, s, scopes...).AccessToken
}

func TestAPIRefusesMissingBadAndWrongTokens(t *testing.T) {
	s := startProvider(t, Options{})
	r := func() tokenReply { s.SetAutoApprove(UserAlice); return signIn(t, s, AllScopes...) }()
	parts := strings.Split(r.AccessToken, ".")
	other := startProvider(t, Options{AutoApprove: UserAlice})
	foreign := signIn(t, other, AllScopes...).AccessToken

	for name, bearer := range map[string]string{
		"none":                     "",
		"garbage":                  "not-a-token",
		"refresh token as bearer":  r.RefreshToken,
		"tampered payload":         parts[0] + "." + strings.TrimRight(parts[1], "A") + "B." + parts[2],
		"signature removed":        parts[0] + "." + parts[1] + ".",
		"another provider's token": foreign,
	} {
		t.Run(name, func(t *testing.T) {
			status, m, h := gql(t, s, bearer, probe, nil)
			if status != http.StatusUnauthorized || m["error"] != "Unauthenticated." || len(m) != 1 {
				t.Fatalf("got %d %v", status, m)
			}
			if ct := h.Get("Content-Type"); ct != "application/json" {
				t.Fatalf("Content-Type %q", ct)
			}
		})
	}
	t.Run("Basic scheme", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, s.APIURL(), strings.NewReader(`{"query":"{ rateLimitData { limitPerHour } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Basic "+r.AccessToken)
		resp, err := noRedirects.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Fatalf("Basic: %d", resp.StatusCode)
		}
	})
	if status, _, _ := gql(t, s, r.AccessToken, probe, nil); status != 200 {
		t.Fatalf("the valid token was refused: %d", status)
	}
}

const profileQuery = `{ userData { currentUser {
	id name avatar battleTag
	guilds { id name currentUserRank faction { id name } server { id name slug region { id name compactName slug } } }
	characters { id name classID level hidden claimed faction { name } server { name } }
} } }`

func TestCurrentUserAndProfileScope(t *testing.T) {
	s := startProvider(t, Options{})
	t.Run("without view-user-profile currentUser is null", func(t *testing.T) {
		tok := tokenAs(t, s, UserAlice, ScopeViewPrivateReports)
		status, m, _ := gql(t, s, tok, profileQuery, nil)
		if status != 200 || m["errors"] != nil {
			t.Fatalf("%d %v", status, m)
		}
		if cu, present := dig(m, "data", "userData").(map[string]any)["currentUser"]; !present || cu != nil {
			t.Fatalf("currentUser %v", cu)
		}
		// user(id) still answers public fields; guilds and characters stay null.
		_, m, _ = gql(t, s, tok, `{ userData { user(id: 1) { id name guilds { id } characters { id } } } }`, nil)
		if dig(m, "data", "userData", "user", "name") != "Alice" || dig(m, "data", "userData", "user", "guilds") != nil || dig(m, "data", "userData", "user", "characters") != nil {
			t.Fatalf("user(id:1) %v", m)
		}
	})
	t.Run("with view-user-profile", func(t *testing.T) {
		tok := tokenAs(t, s, UserAlice, ScopeViewUserProfile)
		status, m, _ := gql(t, s, tok, profileQuery, nil)
		if status != 200 || m["errors"] != nil {
			t.Fatalf("%d %v", status, m)
		}
		u := dig(m, "data", "userData", "currentUser")
		if dig(u, "id") != 1.0 || dig(u, "battleTag") != "Alice#1234" || !strings.HasSuffix(dig(u, "avatar").(string), "/avatars/alice.svg") {
			t.Fatalf("user %v", u)
		}
		guilds := dig(u, "guilds").([]any)
		var ranks []string
		for _, g := range guilds {
			ranks = append(ranks, fmt.Sprint(dig(g, "name"), ":", dig(g, "currentUserRank")))
		}
		if want := []string{"Stormchasers:GuildMaster", "Night Watch:Officer"}; !slices.Equal(ranks, want) {
			t.Fatalf("guild ranks %v, want %v", ranks, want)
		}
		if dig(guilds[0], "server", "region", "compactName") != "US" || dig(guilds[0], "faction", "name") != "Alliance" {
			t.Fatalf("guild %v", guilds[0])
		}
		chars := dig(u, "characters").([]any)
		if len(chars) != 3 || dig(chars[0], "claimed") != true || dig(chars[2], "hidden") != true {
			t.Fatalf("characters %v", chars)
		}
		// Another user's profile stays private.
		_, m, _ = gql(t, s, tok, `{ userData { user(id: 2) { name guilds { id } } } }`, nil)
		if dig(m, "data", "userData", "user", "name") != "Bob" || dig(m, "data", "userData", "user", "guilds") != nil {
			t.Fatalf("user(id:2) %v", m)
		}
		// A guild's currentUserRank is the viewer's: NonMember where alice is not in it.
		_, m, _ = gql(t, s, tok, `{ reportData { reports(guildID: 3, limit: 1) { data { guild { name currentUserRank } } } } }`, nil)
		if dig(m, "data", "reportData", "reports", "data", 0, "guild", "currentUserRank") != "NonMember" {
			t.Fatalf("guild 3 rank %v", m)
		}
	})
	t.Run("unknown user is null", func(t *testing.T) {
		tok := tokenAs(t, s, UserBob)
		_, m, _ := gql(t, s, tok, `{ userData { user(id: 999) { id } } }`, nil)
		if u, ok := dig(m, "data", "userData").(map[string]any)["user"]; !ok || u != nil || m["errors"] != nil {
			t.Fatalf("user 999: %v", m)
		}
	})
}

// reportsOf lists every report of userID visible to bearer and returns total and visibilities.
func reportsOf(t *testing.T, s *Server, bearer string, userID int) (int, map[string]int) {
	t.Helper()
	counts := map[string]int{}
	for _, r := range allReports(t, s, bearer, fmt.Sprintf("userID: %d", userID), "visibility owner { id }") {
		counts[dig(r, "visibility").(string)]++
		if dig(r, "owner", "id") != float64(userID) {
			t.Fatalf("report of user %v in user %d's list", dig(r, "owner", "id"), userID)
		}
	}
	n := 0
	for _, c := range counts {
		n += c
	}
	return n, counts
}

// allReports lists every report matching args, page by page (100 a page, the
// most the API allows), checking that the pages add up to the total.
func allReports(t *testing.T, s *Server, bearer, args, fields string) []any {
	t.Helper()
	var all []any
	for page := 1; page <= len(s.users.reports)/100+1; page++ {
		q := fmt.Sprintf(`{ reportData { reports(%s, limit: 100, page: %d) { total has_more_pages data { %s } } } }`, args, page, fields)
		status, m, _ := gql(t, s, bearer, q, nil)
		if status != 200 || m["errors"] != nil {
			t.Fatalf("%s, page %d: %d %v", args, page, status, m)
		}
		all = append(all, dig(m, "data", "reportData", "reports", "data").([]any)...)
		if dig(m, "data", "reportData", "reports", "has_more_pages") != true {
			if total := dig(m, "data", "reportData", "reports", "total").(float64); int(total) != len(all) {
				t.Fatalf("%s: total %v, %d on the pages", args, total, len(all))
			}
			return all
		}
	}
	t.Fatalf("%s: more pages than the fixtures hold", args)
	return nil
}

func TestPrivateReportsOnlyForTheirOwnerWithScope(t *testing.T) {
	s := startProvider(t, Options{})
	alicePrivate := tokenAs(t, s, UserAlice, AllScopes...)
	aliceNoScope := tokenAs(t, s, UserAlice, ScopeViewUserProfile)
	bob := tokenAs(t, s, UserBob, AllScopes...)

	if total, c := reportsOf(t, s, alicePrivate, 1); total != aliceReports || c["private"] != alicePrivateReports || c["unlisted"] != aliceUnlistedReports {
		t.Fatalf("alice with view-private-reports: total %d %v", total, c)
	}
	if total, c := reportsOf(t, s, aliceNoScope, 1); total != aliceReports-alicePrivateReports || c["private"] != 0 {
		t.Fatalf("alice without the scope: total %d %v", total, c)
	}
	if total, c := reportsOf(t, s, bob, 1); total != alicePublicReports || c["public"] != alicePublicReports {
		t.Fatalf("bob reading alice's: total %d %v", total, c)
	}

	var private, unlisted string
	for _, r := range s.users.reports {
		if r.Owner == 1 && r.Visibility == "private" && private == "" {
			private = r.Code
		}
		if r.Owner == 1 && r.Visibility == "unlisted" && unlisted == "" {
			unlisted = r.Code
		}
	}
	const one = `query($code: String) { reportData { report(code: $code) { code visibility owner { name } } } }`
	for _, tc := range []struct {
		name, bearer, code, wantErr string
	}{
		{"owner with scope", alicePrivate, private, ""},
		{"owner without scope", aliceNoScope, private, "You do not have permission to view this report."},
		{"someone else", bob, private, "You do not have permission to view this report."},
		{"unlisted by code", bob, unlisted, ""},
		{"no such report", bob, "AAAAAAAAAAAAAAAA", "This report does not exist."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, m, _ := gql(t, s, tc.bearer, one, map[string]any{"code": tc.code})
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			report := dig(m, "data", "reportData", "report")
			if tc.wantErr == "" {
				if dig(report, "code") != tc.code || m["errors"] != nil {
					t.Fatalf("%v", m)
				}
				return
			}
			if report != nil || dig(m, "errors", 0, "message") != tc.wantErr {
				t.Fatalf("want report null and %q, got %v", tc.wantErr, m)
			}
		})
	}
}

const pageQuery = `query($limit: Int, $page: Int) { reportData { reports(userID: 1, limit: $limit, page: $page) {
	total per_page current_page from to last_page has_more_pages data { code startTime } } } }`

func TestReportsPagination(t *testing.T) {
	s := startProvider(t, Options{})
	tok := tokenAs(t, s, UserAlice, AllScopes...)
	page := func(vars map[string]any) map[string]any {
		t.Helper()
		status, m, _ := gql(t, s, tok, pageQuery, vars)
		if status != 200 || m["errors"] != nil {
			t.Fatalf("%v: %d %v", vars, status, m)
		}
		return dig(m, "data", "reportData", "reports").(map[string]any)
	}
	check := func(p map[string]any, per, cur, from, to, last int, more bool, n int) {
		t.Helper()
		got := fmt.Sprint(p["total"], p["per_page"], p["current_page"], p["from"], p["to"], p["last_page"], p["has_more_pages"], len(p["data"].([]any)))
		want := fmt.Sprint(float64(aliceReports), float64(per), float64(cur), optFloat(from), optFloat(to), float64(last), more, n)
		if got != want {
			t.Fatalf("page: got %s, want %s", got, want)
		}
	}
	check(page(nil), 100, 1, 1, 100, 4, true, 100)
	p2 := page(map[string]any{"limit": 25, "page": 2})
	check(p2, 25, 2, 26, 50, 14, true, 25)
	check(page(map[string]any{"limit": 25, "page": 14}), 25, 14, 326, 328, 14, false, 3)
	check(page(map[string]any{"limit": 25, "page": 15}), 25, 15, 0, 0, 14, false, 0)
	// Newest first, and pages do not overlap.
	all := page(nil)["data"].([]any)
	var prev float64
	for i, r := range all {
		st := dig(r, "startTime").(float64)
		if i > 0 && st > prev {
			t.Fatalf("report %d is newer than report %d", i, i-1)
		}
		prev = st
	}
	if dig(p2, "data", 0, "code") != dig(all[25], "code") {
		t.Fatal("page 2 does not start with the 26th report")
	}
	for _, vars := range []map[string]any{{"limit": 0}, {"limit": 101}, {"page": 0}} {
		status, m, _ := gql(t, s, tok, pageQuery, vars)
		if status != 200 || m["errors"] == nil || dig(m, "data", "reportData", "reports") != nil {
			t.Fatalf("%v accepted: %d %v", vars, status, m)
		}
	}
	status, m, _ := gql(t, s, tok, `{ reportData { reports(limit: 5) { total } } }`, nil)
	if status != 200 || dig(m, "errors", 0, "message") != "You must specify a user or a guild." {
		t.Fatalf("no filter: %v", m)
	}
}

func optFloat(i int) any {
	if i == 0 {
		return nil
	}
	return float64(i)
}

func TestReportsFilters(t *testing.T) {
	s := startProvider(t, Options{})
	tok := tokenAs(t, s, UserAlice, AllScopes...)
	list := func(args string) []any {
		t.Helper()
		return allReports(t, s, tok, args, "startTime owner { id } guild { id } zone { id }")
	}
	byGuild := list("guildID: 1")
	if len(byGuild) == 0 {
		t.Fatal("guild 1 has no reports")
	}
	owners := map[float64]bool{}
	for _, r := range byGuild {
		if dig(r, "guild", "id") != 1.0 {
			t.Fatalf("guild filter let through %v", r)
		}
		owners[dig(r, "owner", "id").(float64)] = true
	}
	if !owners[1] || !owners[2] {
		t.Fatalf("guild 1 should hold reports of alice and bob, has %v", owners)
	}
	personal, noZone := 0, 0
	for _, r := range list("userID: 1") {
		if dig(r, "guild") == nil {
			personal++
		}
		if dig(r, "zone") == nil {
			noZone++
		}
	}
	if personal == 0 || noZone == 0 {
		t.Fatalf("alice's reports: %d personal (guild null), %d without zone", personal, noZone)
	}
	zone := s.users.zones[1].ID
	byZone := list(fmt.Sprintf("userID: 1, zoneID: %d", zone))
	if len(byZone) == 0 || len(byZone) == aliceReports {
		t.Fatalf("zone filter kept %d of %d", len(byZone), aliceReports)
	}
	for _, r := range byZone {
		if dig(r, "zone", "id") != float64(zone) {
			t.Fatalf("zone filter let through %v", r)
		}
	}
	all := list("userID: 1")
	from, to := dig(all[40], "startTime").(float64), dig(all[20], "startTime").(float64)
	window := list(fmt.Sprintf("userID: 1, startTime: %.0f, endTime: %.0f", from, to))
	if len(window) != 21 {
		t.Fatalf("time window kept %d reports, want 21", len(window))
	}
	for _, r := range window {
		if st := dig(r, "startTime").(float64); st < from || st > to {
			t.Fatalf("report at %v outside [%v, %v]", st, from, to)
		}
	}
	if got := list("userID: 1, guildID: 2"); len(got) == 0 || len(got) >= len(byGuild)+aliceReports {
		t.Fatalf("userID+guildID kept %d", len(got))
	}
	_, m, _ := gql(t, s, tok, `{ reportData { reports(guildID: 99) { total } } }`, nil)
	if dig(m, "errors", 0, "message") != "This guild does not exist." {
		t.Fatalf("guild 99: %v", m)
	}
}

func TestSchemaRejectsWhatTheRealSiteRejects(t *testing.T) {
	s := startProvider(t, Options{})
	tok := tokenAs(t, s, UserAlice, AllScopes...)
	for _, tc := range []struct{ query, want string }{
		{`{ userData { currentUser { email } } }`, `Cannot query field "email" on type "User".`},
		{`{ reportData { reports(user: 1) { total } } }`, `Unknown argument "user"`},
		{`{ reportData { reports(userID: 1) { perPage } } }`, `Cannot query field "perPage" on type "ReportPagination".`},
		{`{ reportData { reports(userID: "1") { total } } }`, `Int cannot represent non-integer value`},
		{`{ userData { currentUser { id } }`, `syntax error`},
	} {
		status, m, _ := gql(t, s, tok, tc.query, nil)
		msg, _ := dig(m, "errors", 0, "message").(string)
		if status != 200 || !strings.Contains(msg, tc.want) || dig(m, "data") != nil {
			t.Errorf("%s: %d %v, want an error containing %q", tc.query, status, m, tc.want)
		}
	}
	// An explicit null variable: the real API has answered "Internal server error".
	status, m, _ := gql(t, s, tok, pageQuery, map[string]any{"limit": nil})
	if status != 200 || dig(m, "errors", 0, "message") != "Internal server error" {
		t.Fatalf("null variable: %d %v", status, m)
	}
}

func TestRateLimit(t *testing.T) {
	s := startProvider(t, Options{RateLimitPerHour: 3, Clients: []Client{LocalClient(testAppOrigin), {ID: "second", RedirectURIs: []string{testRedirect}}}})
	tok := tokenAs(t, s, UserAlice)
	const q = `{ rateLimitData { limitPerHour pointsSpentThisHour pointsResetIn } }`
	for i := 1; i <= 3; i++ {
		status, m, _ := gql(t, s, tok, q, nil)
		rl := dig(m, "data", "rateLimitData")
		reset, _ := dig(rl, "pointsResetIn").(float64)
		if status != 200 || dig(rl, "limitPerHour") != 3.0 || dig(rl, "pointsSpentThisHour") != float64(i) || reset < 3590 || reset > 3600 {
			t.Fatalf("request %d: %d %v", i, status, m)
		}
	}
	status, m, h := gql(t, s, tok, q, nil)
	retry, err := strconv.Atoi(h.Get("Retry-After"))
	if status != http.StatusTooManyRequests || m["error"] != "Too Many Attempts." || err != nil || retry < 3590 || retry > 3600 {
		t.Fatalf("over the limit: %d %v Retry-After %q", status, m, h.Get("Retry-After"))
	}
	// Budgets are per client: another client id still has its own.
	code := authorizeCode(t, s)
	f := exchangeForm(code, testVerifier)
	f.Set("client_id", "second")
	wantOAuthError(t, token(t, s, f), 400, "invalid_grant") // codes are bound to their client
	q2 := authorizeParams()
	q2.Set("client_id", "second")
	loc := redirectParams(t, get(t, s.AuthorizeURL()+"?"+q2.Encode()))
	f = exchangeForm(loc.Get("code"), testVerifier)
	f.Set("client_id", "second")
	other := token(t, s, f)
	if status, _, _ := gql(t, s, other.AccessToken, q, nil); status != 200 {
		t.Fatalf("second client limited by the first's spending: %d", status)
	}
	if got := s.RateLimit(DefaultClientID); got.PointsSpent != 3 || got.LimitPerHour != 3 {
		t.Fatalf("RateLimit(%q) = %+v", DefaultClientID, got)
	}
	// Raising the limit or resetting lets the first client in again.
	s.SetRateLimit(4)
	if status, _, _ := gql(t, s, tok, q, nil); status != 200 {
		t.Fatalf("after SetRateLimit(4): %d", status)
	}
	s.ResetRateLimits()
	if status, m, _ := gql(t, s, tok, q, nil); status != 200 || dig(m, "data", "rateLimitData", "pointsSpentThisHour") != 1.0 {
		t.Fatalf("after ResetRateLimits: %d %v", status, m)
	}
}

func TestSiteFlavours(t *testing.T) {
	for _, tc := range []struct {
		game, ok, bad, badField string
	}{
		{GameWarcraft, `currentUser { battleTag avatar characters { level faction { name } } }`, `currentUser { naDisplayName }`, "naDisplayName"},
		{GameESO, `currentUser { naDisplayName euDisplayName characters { displayName } }`, `currentUser { characters { level } }`, "level"},
		{GameESO, `currentUser { naDisplayName }`, `currentUser { battleTag }`, "battleTag"},
		{GameFFXIV, `currentUser { characters { lodestoneID level } }`, `currentUser { avatar }`, "avatar"},
		{GameFFXIV, `currentUser { name }`, `currentUser { characters { displayName } }`, "displayName"},
	} {
		t.Run(tc.game+" "+tc.badField, func(t *testing.T) {
			s := startProvider(t, Options{Game: tc.game, AutoApprove: UserAlice})
			tok := signIn(t, s, AllScopes...).AccessToken
			status, m, _ := gql(t, s, tok, `{ userData { `+tc.ok+` } }`, nil)
			if status != 200 || m["errors"] != nil || dig(m, "data", "userData", "currentUser") == nil {
				t.Fatalf("%s: %d %v", tc.ok, status, m)
			}
			_, m, _ = gql(t, s, tok, `{ userData { `+tc.bad+` } }`, nil)
			if msg, _ := dig(m, "errors", 0, "message").(string); !strings.Contains(msg, `"`+tc.badField+`"`) {
				t.Fatalf("%s on %s: %v", tc.badField, tc.game, m)
			}
		})
	}
	s := startProvider(t, Options{Game: GameESO, AutoApprove: UserAlice})
	_, m, _ := gql(t, s, signIn(t, s, AllScopes...).AccessToken, `{ userData { currentUser { naDisplayName characters { displayName } } } }`, nil)
	if dig(m, "data", "userData", "currentUser", "naDisplayName") != "@alice" || dig(m, "data", "userData", "currentUser", "characters", 0, "displayName") != "@Aelindra" {
		t.Fatalf("eso user %v", m)
	}
}

func TestFixturesAreLargeAndVaried(t *testing.T) {
	for _, game := range []string{GameWarcraft, GameFFXIV, GameESO} {
		d := newUserDirectory(game)
		if len(d.reports) < 150 {
			t.Fatalf("%s: %d reports", game, len(d.reports))
		}
		codes, zones, vis := map[string]bool{}, map[int]bool{}, map[string]int{}
		personal, noZone := 0, 0
		for _, r := range d.reports {
			if len(r.Code) != 16 || codes[r.Code] {
				t.Fatalf("%s: bad or repeated code %q", game, r.Code)
			}
			codes[r.Code] = true
			if r.Zone == nil {
				noZone++
			} else {
				zones[r.Zone.ID] = true
			}
			vis[r.Visibility]++
			if r.Guild == nil {
				personal++
			}
			if !r.End.After(r.Start) {
				t.Fatalf("report %s ends before it starts", r.Code)
			}
		}
		if len(zones) < 3 || vis["public"] == 0 || vis["unlisted"] == 0 || vis["private"] == 0 || personal == 0 || noZone == 0 {
			t.Fatalf("%s: zones %v visibility %v personal %d without zone %d", game, zones, vis, personal, noZone)
		}
	}
}
