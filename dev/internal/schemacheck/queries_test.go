package schemacheck

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	graphql "github.com/graph-gophers/graphql-go"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/pkcelogs/pkcelogs/gqlwork"
)

// queriesFile is written by the root module's logsapi tests.
var queriesFile = filepath.Join("..", "..", "..", "logsapi", "testdata", "queries.json")

// schemaDir holds the sites' published schemas, the same files the query
// console fetches (web/schema/), so the app's queries and the console are
// checked against one copy.
var schemaDir = filepath.Join("..", "..", "..", "web", "schema")

// introspectionTypes matches the __Type… definitions some published schemas
// include; graph-gophers declares its own and refuses duplicates.
var introspectionTypes = regexp.MustCompile(`(?ms)^(type|enum) __\w+ \{.*?^\}\n`)

func loadSchema(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(schemaDir, file))
	if err != nil {
		t.Fatal(err)
	}
	return introspectionTypes.ReplaceAllString(string(b), "")
}

// ffxivSchema is FF Logs' schema as the app's query console sees it: the
// Warcraft Logs schema adjusted by gqlwork.FFXIV (the one place that says
// how FF Logs differs), printed back to SDL for graph-gophers.
func ffxivSchema(t *testing.T) string {
	t.Helper()
	file := gqlwork.SchemaFile("ffxiv")
	b, err := os.ReadFile(filepath.Join(schemaDir, file))
	if err != nil {
		t.Fatal(err)
	}
	s, err := gqlwork.Load(file, string(b), "ffxiv")
	if err != nil {
		t.Fatal(err)
	}
	var sdl strings.Builder
	formatter.NewFormatter(&sdl).FormatSchema(s.AST())
	return sdl.String()
}

// loadQueries reads the documents the client sends, by game ("" = a game the
// client does not know) and name.
func loadQueries(t *testing.T) map[string]map[string]string {
	t.Helper()
	b, err := os.ReadFile(queriesFile)
	if err != nil {
		t.Fatal(err)
	}
	var docs map[string]map[string]string
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatalf("%s: %v", queriesFile, err)
	}
	return docs
}

// TestQueriesMatchPublishedSchemas validates every document a Client sends
// against the schema of the site its game belongs to, with the variables the
// client actually sends.
func TestQueriesMatchPublishedSchemas(t *testing.T) {
	schemas := map[string]string{ // the game names of pkce's Site.Game
		"warcraft": loadSchema(t, "warcraftlogs.graphql"),
		"eso":      loadSchema(t, "esologs.graphql"),
		"ffxiv":    ffxivSchema(t),
	}
	parsed := map[string]*graphql.Schema{}
	for game, src := range schemas {
		s, err := graphql.ParseSchema(src, nil)
		if err != nil {
			t.Fatalf("%s schema: %v", game, err)
		}
		parsed[game] = s
	}
	docs := loadQueries(t)
	for game := range parsed {
		if docs[game] == nil {
			t.Fatalf("%s has no queries for game %q", queriesFile, game)
		}
	}
	if docs[""] == nil {
		t.Fatalf("%s has no queries for an unknown game", queriesFile)
	}
	check := func(t *testing.T, s *graphql.Schema, q map[string]string) {
		vars := []struct {
			name string
			vars map[string]any
		}{
			{"overview", map[string]any{"userID": 1, "limit": 25}},
			{"overview", map[string]any{"userID": 1}}, // without limit
			{"overviewNoReports", nil},
			{"reports", map[string]any{"userID": 2, "page": 2, "limit": 100}},
			{"reportsRange", map[string]any{"userID": 1, "page": 3, "limit": 100, "endTime": 1793388600000.0}},
			{"reportsRange", map[string]any{"userID": 1, "page": 1, "limit": 100, "startTime": 1793388600000.0}},
			{"user", map[string]any{"id": 2}},
			{"rateLimit", nil},
			{"reportDetail", map[string]any{"code": "aBcD1234eFgH5678"}},
		}
		seen := map[string]bool{}
		for _, v := range vars {
			seen[v.name] = true
			d, ok := q[v.name]
			if !ok {
				t.Errorf("no %s document", v.name)
				continue
			}
			if errs := s.ValidateWithVariables(d, v.vars); len(errs) > 0 {
				t.Errorf("%s %v: %v\n%s", v.name, v.vars, errs, d)
			}
		}
		for name := range q {
			if !seen[name] {
				t.Errorf("document %s is not checked: give it its variables here", name)
			}
		}
	}
	for game, s := range parsed {
		t.Run(game, func(t *testing.T) { check(t, s, docs[game]) })
		// A client for an unknown game asks only for fields every site has.
		t.Run("unknown game on "+game, func(t *testing.T) { check(t, s, docs[""]) })
	}
	// Fields of one game must not leak into another's queries (the check that
	// would fail if the switch in logsapi's userFields were wrong, or if
	// gqlwork.FFXIV left Warcraft's User fields in FF Logs' schema). The
	// variables are the ones the overview is sent with, so that the only
	// reason left to refuse it is a field the schema lacks.
	overviewVars := map[string]any{"userID": 1, "limit": 25}
	for game, s := range parsed {
		for other := range parsed {
			if other == game {
				continue
			}
			if errs := s.ValidateWithVariables(docs[other]["overview"], overviewVars); len(errs) == 0 {
				t.Errorf("the %s overview also validates against the %s schema: the game fields are not game-specific", other, game)
			} else {
				t.Logf("the %s overview is refused by the %s schema: %v", other, game, errs[0])
			}
		}
	}
}
