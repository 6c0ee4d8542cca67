package logsapi

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"testing"

	"github.com/pkcelogs/pkcelogs/sites"
)

// update rewrites testdata/queries.json: go test ./logsapi -run TestQueriesFile -update
var update = flag.Bool("update", false, "rewrite testdata/queries.json from the queries the client builds")

// queryDocs returns every document a Client sends, by game ("" is a game the
// client does not know) and by name.
func queryDocs() map[string]map[string]string {
	docs := map[string]map[string]string{}
	for _, game := range []string{sites.GameWarcraft, sites.GameESO, sites.GameFFXIV, ""} {
		q := buildQueries(game)
		docs[game] = map[string]string{
			"overview":          q.overview,
			"overviewNoReports": q.overviewNoReports,
			"reports":           q.reports,
			"reportsRange":      q.reportsRange,
			"user":              q.user,
			"rateLimit":         q.rateLimit,
			"reportDetail":      q.reportDetail,
		}
	}
	return docs
}

// TestQueriesFile keeps testdata/queries.json equal to the documents the
// client sends. The development module validates that file against the
// sites' published schemas (dev/internal/schemacheck): the GraphQL validator
// it needs must not become a requirement of the module embedders import.
func TestQueriesFile(t *testing.T) {
	want, err := json.MarshalIndent(queryDocs(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	const file = "testdata/queries.json"
	if *update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (write it with: go test ./logsapi -run TestQueriesFile -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the client sends: rewrite it with `go test ./logsapi -run TestQueriesFile -update`, then run dev/internal/schemacheck's tests", file)
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
