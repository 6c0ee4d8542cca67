package logsapi

import (
	"os"
	"regexp"
	"strings"
	"testing"

	graphql "github.com/graph-gophers/graphql-go"

	"github.com/pkcelogs/pkcelogs/sites"
)

// introspectionTypes matches the __Type… definitions some published schemas
// include; graph-gophers declares its own and refuses duplicates.
var introspectionTypes = regexp.MustCompile(`(?ms)^(type|enum) __\w+ \{.*?^\}\n`)

// userType matches the User definition, to derive the FF Logs schema.
var userType = regexp.MustCompile(`(?ms)^type User \{.*?^\}\n`)

func loadSchema(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/schemas/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return introspectionTypes.ReplaceAllString(string(b), "")
}

// ffxivSchema derives FF Logs' schema from Warcraft Logs' as the API notes
// describe it: User has only id, name, guilds and characters; Character adds
// lodestoneID.
func ffxivSchema(t *testing.T) string {
	wcl := loadSchema(t, "warcraftlogs.graphql")
	if !userType.MatchString(wcl) {
		t.Fatal("no User type in the Warcraft Logs schema")
	}
	ff := userType.ReplaceAllString(wcl, "type User {\n  id: Int!\n  name: String!\n  guilds: [Guild]\n  characters: [Character]\n}\n")
	return strings.Replace(ff, "type Character {\n", "type Character {\n  lodestoneID: Int!\n", 1)
}

// TestQueriesMatchPublishedSchemas validates every document a Client sends
// against the schema of the site its game belongs to, with the variables the
// client actually sends.
func TestQueriesMatchPublishedSchemas(t *testing.T) {
	schemas := map[string]string{
		sites.GameWarcraft: loadSchema(t, "warcraftlogs.graphql"),
		sites.GameESO:      loadSchema(t, "esologs.graphql"),
		sites.GameFFXIV:    ffxivSchema(t),
	}
	parsed := map[string]*graphql.Schema{}
	for game, src := range schemas {
		s, err := graphql.ParseSchema(src, nil)
		if err != nil {
			t.Fatalf("%s schema: %v", game, err)
		}
		parsed[game] = s
	}
	check := func(t *testing.T, s *graphql.Schema, q queries) {
		docs := []struct {
			name, doc string
			vars      map[string]any
		}{
			{"overview", q.overview, map[string]any{"userID": 1, "limit": 25}},
			{"overview without limit", q.overview, map[string]any{"userID": 1}},
			{"overviewNoReports", q.overviewNoReports, nil},
			{"reports", q.reports, map[string]any{"userID": 1, "page": 2, "limit": 100}},
			{"user", q.user, map[string]any{"id": 2}},
			{"rateLimit", q.rateLimit, nil},
		}
		for _, d := range docs {
			if errs := s.ValidateWithVariables(d.doc, d.vars); len(errs) > 0 {
				t.Errorf("%s: %v\n%s", d.name, errs, d.doc)
			}
		}
	}
	for game, s := range parsed {
		t.Run(game, func(t *testing.T) { check(t, s, buildQueries(game)) })
		// A client for an unknown game asks only for fields every site has.
		t.Run("unknown game on "+game, func(t *testing.T) { check(t, s, buildQueries("")) })
	}
	// Fields of one game must not leak into another's queries (the check that
	// would fail if the switch in userFields were wrong).
	for game, s := range parsed {
		for other := range parsed {
			if other == game {
				continue
			}
			if errs := s.Validate(buildQueries(other).overview); len(errs) == 0 {
				t.Errorf("the %s overview also validates against the %s schema: the game fields are not game-specific", other, game)
			}
		}
	}
}

func TestQueriesAskForGameFields(t *testing.T) {
	for _, tc := range []struct {
		game string
		want []string
		not  []string
	}{
		{sites.GameWarcraft, []string{"avatar", "battleTag", "level"}, []string{"lodestoneID", "displayName", "naDisplayName"}},
		{sites.GameESO, []string{"naDisplayName", "euDisplayName", "displayName"}, []string{"level", "avatar", "lodestoneID"}},
		{sites.GameFFXIV, []string{"lodestoneID", "level"}, []string{"avatar", "battleTag", "displayName"}},
	} {
		q := buildQueries(tc.game).overview
		for _, f := range tc.want {
			if !regexp.MustCompile(`\b` + f + `\b`).MatchString(q) {
				t.Errorf("%s overview lacks %s", tc.game, f)
			}
		}
		for _, f := range tc.not {
			if regexp.MustCompile(`\b` + f + `\b`).MatchString(q) {
				t.Errorf("%s overview asks for %s", tc.game, f)
			}
		}
	}
}
