package gqlwork

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The schemas are the static files the console fetches (web/schema/), so a
// change to them is tested here.
var schemas sync.Map

func schemaFor(t *testing.T, game string) *Schema {
	t.Helper()
	if s, ok := schemas.Load(game); ok {
		return s.(*Schema)
	}
	file := SchemaFile(game)
	sdl, err := os.ReadFile(filepath.Join("..", "web", "schema", file))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load(file, string(sdl), game)
	if err != nil {
		t.Fatalf("loading %s for %s: %v", file, game, err)
	}
	schemas.Store(game, s)
	return s
}

// at splits a query written with "|" where the cursor is.
func at(q string) (string, int) {
	i := strings.Index(q, "|")
	return strings.Replace(q, "|", "", 1), len([]rune(q[:i]))
}

func labels(ss []Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Label
	}
	return out
}

func TestComplete(t *testing.T) {
	for _, tc := range []struct {
		game, query string
		want        []string // suggestions that must be offered, in this order among themselves
		first       string   // the first suggestion, when it matters
		not         []string // suggestions that must not be offered
		none        bool     // no suggestion at all
	}{
		{game: "warcraft", query: "{ userData { currentUser { ba| } } }", want: []string{"battleTag"}},
		{game: "warcraft", query: "{ rep|", want: []string{"reportData"}, not: []string{"userData"}},
		{game: "warcraft", query: "{\n  rateLimitData {\n    |\n  }\n}", want: []string{"limitPerHour", "pointsSpentThisHour", "pointsResetIn"}},
		{game: "warcraft", query: "{ reportData { reports(|) { total } } }", want: []string{"endTime", "guildID", "userID", "limit"}},
		{game: "warcraft", query: "{ reportData { reports(userID: 1, li|) { total } } }", want: []string{"limit"}, not: []string{"userID"}},
		{game: "warcraft", query: "{ reportData { reports(userID: 1, |) { total } } }", want: []string{"limit", "page"}, not: []string{"userID"}},
		{game: "warcraft", query: `{ reportData { report(code: "a") { fights(killType: |) { id } } } }`, want: []string{"All", "Encounters", "Kills", "Trash", "Wipes"}},
		{game: "warcraft", query: `{ reportData { report(code: "a") { fights(killType: W|) { id } } } }`, want: []string{"Wipes"}, not: []string{"Kills"}},
		{game: "warcraft", query: "{ userData { currentUser { guilds { server { region { compactN| } } } } } }", want: []string{"compactName"}},
		{game: "warcraft", query: "{ me: userData { currentUser { na| } } }", want: []string{"name"}},
		{game: "warcraft", query: "query Reports($userID: Int!) { reportData { reports(userID: $userID) { data { zo| } } } }", want: []string{"zone"}},
		{game: "warcraft", query: "fragment F on Report { vis| }", want: []string{"visibility"}},
		{game: "warcraft", query: "{ reportData { report(code: \"x\") { ... on Report { ti| } } } }", want: []string{"title"}},
		{game: "warcraft", query: "{ userData { currentUser { Na| } } }", first: "name"},
		{game: "warcraft", query: `{ reportData { report(code: "ab|") { code } } }`, none: true},
		{game: "warcraft", query: "{ # use|", none: true},
		{game: "warcraft", query: "{ userData { currentUser { name| } } }", none: true},
		{game: "warcraft", query: "query Rep|", none: true},
		{game: "eso", query: "{ userData { currentUser { naD| } } }", want: []string{"naDisplayName"}},
		{game: "eso", query: "{ characterData { character(id: 1) { dis| } } }", want: []string{"displayName"}},
		{game: "eso", query: "{ userData { currentUser { bat| } } }", none: true},
		{game: "ffxiv", query: "{ userData { currentUser { | } } }", want: []string{"id", "name", "guilds", "characters"}, not: []string{"battleTag", "avatar"}},
		{game: "ffxiv", query: "{ userData { currentUser { characters { lod| } } } }", want: []string{"lodestoneID"}},
	} {
		q, off := at(tc.query)
		c := schemaFor(t, tc.game).Complete(q, off)
		got := labels(c.Suggestions)
		if tc.none {
			if len(got) > 0 {
				t.Errorf("%s %q: suggested %v, want nothing", tc.game, tc.query, got)
			}
			continue
		}
		i := 0
		for _, g := range got {
			if i < len(tc.want) && g == tc.want[i] {
				i++
			}
		}
		if i < len(tc.want) {
			t.Errorf("%s %q: suggested %v, want %v among them in that order", tc.game, tc.query, got, tc.want)
		}
		for _, n := range tc.not {
			for _, g := range got {
				if g == n {
					t.Errorf("%s %q: suggested %q, which does not belong", tc.game, tc.query, n)
				}
			}
		}
		if tc.first != "" && (len(got) == 0 || got[0] != tc.first) {
			t.Errorf("%s %q: suggested %v, want %q first", tc.game, tc.query, got, tc.first)
		}
	}
}

func TestCompleteSaysTypeAndDescription(t *testing.T) {
	q, off := at("{ userData { currentUser { battle| } } }")
	c := schemaFor(t, "warcraft").Complete(q, off)
	if len(c.Suggestions) != 1 {
		t.Fatalf("suggested %v, want battleTag alone", labels(c.Suggestions))
	}
	s := c.Suggestions[0]
	if s.Kind != "field" || s.Type != "String" || !strings.Contains(s.Description, "battle tag") {
		t.Errorf("battleTag = %+v, want a String field described as the battle tag", s)
	}
	if c.Prefix != "battle" || c.Start != off-len("battle") || c.End != off {
		t.Errorf("the word to replace is %q at %d..%d, want \"battle\" at %d..%d", c.Prefix, c.Start, c.End, off-6, off)
	}
	q, off = at("{ reportData { reports(li|) { total } } }")
	if c := schemaFor(t, "warcraft").Complete(q, off); len(c.Suggestions) != 1 || c.Suggestions[0].Type != "Int" || c.Suggestions[0].Kind != "argument" {
		t.Errorf("limit = %+v, want an Int argument", c.Suggestions)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		game, query  string
		line, column int
		message      string // part of the message
		syntax       bool
	}{
		{"warcraft", "{ userData { currentUser { id nosuchfield } } }", 1, 31, `Cannot query field "nosuchfield" on type "User"`, false},
		{"warcraft", "{\n  userData {\n    currentUser {\n      id\n      naem\n    }\n  }\n}", 5, 7, `Cannot query field "naem" on type "User". Did you mean "name"?`, false},
		{"warcraft", "{ reportData { report(code: \"a\") {\n  fights { talentImportCode }\n} } }", 2, 12, `argument "actorID" of type "Int!" is required`, false},
		{"warcraft", "query($id: String) {\n  userData { user(id: $id) { id } }\n}", 2, 23, `Variable "$id" of type "String" used in position expecting type "Int"`, false},
		{"warcraft", "{ reportData { reports(limit: \"five\") { total } } }", 1, 32, `Int cannot represent non-integer value: "five"`, false},
		{"warcraft", "{ userData { currentUser { id } }", 1, 34, `Expected Name, found <EOF>`, true},
		{"warcraft", "{ userData { currentUser { battleTag } } }\n{ rateLimitData { limitPerHour } }", 1, 1, `This anonymous operation must be the only defined operation`, false},
		{"eso", "{ userData { currentUser { battleTag } } }", 1, 28, `Cannot query field "battleTag" on type "User"`, false},
		{"eso", "{ __type { name } }", 1, 3, `argument "name" of type "String!" is required`, false},
		{"ffxiv", "{ userData { currentUser { avatar } } }", 1, 28, `Cannot query field "avatar" on type "User"`, false},
	} {
		ps := schemaFor(t, tc.game).Validate(tc.query)
		if len(ps) == 0 {
			t.Errorf("%s %q: valid, want %q at %d:%d", tc.game, tc.query, tc.message, tc.line, tc.column)
			continue
		}
		p := ps[0]
		if p.Line != tc.line || p.Column != tc.column || p.Syntax != tc.syntax || !strings.Contains(p.Message, tc.message) {
			t.Errorf("%s %q: first problem %+v, want %q at %d:%d (syntax %v)", tc.game, tc.query, p, tc.message, tc.line, tc.column, tc.syntax)
		}
	}
}

// The console's examples and logsapi's own queries are valid, so checking
// them before sending never stops a good query.
func TestValidAccepted(t *testing.T) {
	for _, tc := range []struct{ game, query string }{
		{"warcraft", "{\n  userData {\n    currentUser {\n      id\n      name\n      battleTag\n    }\n  }\n}\n"},
		{"warcraft", "query Reports($userID: Int!, $limit: Int) {\n  reportData {\n    reports(userID: $userID, limit: $limit) {\n      total\n      data { code title visibility startTime zone { name } }\n    }\n  }\n}\n"},
		{"warcraft", "{ userData { currentUser { guilds { name server { name region { compactName } } currentUserRank } } } }"},
		{"warcraft", "{ rateLimitData { limitPerHour pointsSpentThisHour pointsResetIn } }"},
		{"eso", "{ userData { currentUser { id name naDisplayName euDisplayName } } }"},
		{"ffxiv", "{ userData { currentUser { id name characters { lodestoneID } } } }"},
	} {
		if ps := schemaFor(t, tc.game).Validate(tc.query); len(ps) > 0 {
			t.Errorf("%s %q: %+v, want valid", tc.game, tc.query, ps)
		}
	}
}

func TestSchemaFile(t *testing.T) {
	for game, want := range map[string]string{"warcraft": "warcraftlogs.graphql", "ffxiv": "warcraftlogs.graphql", "eso": "esologs.graphql", "": ""} {
		if got := SchemaFile(game); got != want {
			t.Errorf("SchemaFile(%q) = %q, want %q", game, got, want)
		}
	}
	if _, err := Load("bad", "type Query { a: Nope }", ""); err == nil {
		t.Errorf("a schema naming an unknown type loaded")
	}
}

// The console loads the schema once when it opens and checks and completes
// on every key: `go test -bench . ./gqlwork` (and under js/wasm with
// GOOS=js GOARCH=wasm) shows what each costs.
func BenchmarkLoad(b *testing.B) {
	sdl, err := os.ReadFile(filepath.Join("..", "web", "schema", "warcraftlogs.graphql"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load("warcraftlogs.graphql", string(sdl), "warcraft"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	s := schemaFor(&testing.T{}, "warcraft")
	q := "query Reports($userID: Int!, $limit: Int) {\n  reportData {\n    reports(userID: $userID, limit: $limit) {\n      total\n      data { code title visibility startTime zone { name } }\n    }\n  }\n}\n"
	for b.Loop() {
		s.Validate(q)
	}
}

func BenchmarkComplete(b *testing.B) {
	s := schemaFor(&testing.T{}, "warcraft")
	q, off := at("query Reports($userID: Int!, $limit: Int) {\n  reportData {\n    reports(userID: $userID, limit: $limit) {\n      total\n      data { code title visibility startTime zone { na| } }\n    }\n  }\n}\n")
	for b.Loop() {
		s.Complete(q, off)
	}
}

func TestValidateVariables(t *testing.T) {
	s := schemaFor(t, "warcraft")
	q := "query Reports($userID: Int!, $limit: Int) {\n  reportData { reports(userID: $userID, limit: $limit) { total } }\n}"
	for _, tc := range []struct {
		vars    map[string]any
		message string // "" for none
	}{
		{map[string]any{"userID": json.Number("1"), "limit": json.Number("5")}, ""},
		{map[string]any{"userID": float64(1)}, ""},
		{map[string]any{"limit": json.Number("5")}, "Variables: $userID must be defined"},
		{nil, "Variables: $userID must be defined"},
		{map[string]any{"userID": "one"}, "Variables: $userID cannot use text as Int"},
		{map[string]any{"userID": json.Number("1"), "limit": json.Number("2.5")}, "Variables: $limit cannot use a number with a fraction as Int"},
	} {
		ps := s.ValidateVariables(q, tc.vars)
		switch {
		case tc.message == "" && len(ps) > 0:
			t.Errorf("%v: %+v, want none", tc.vars, ps)
		case tc.message != "" && (len(ps) == 0 || !strings.HasPrefix(ps[0].Message, tc.message) || ps[0].Line != 1 || ps[0].Column < 15):
			t.Errorf("%v: %+v, want %q at the variable's declaration on line 1", tc.vars, ps, tc.message)
		}
	}
	if ps := s.ValidateVariables("{ nosuchfield }", nil); ps != nil {
		t.Errorf("an invalid query's variables were checked: %+v", ps)
	}
}
