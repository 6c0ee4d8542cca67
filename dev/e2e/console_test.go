//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Flow 10: the query console runs a query against the user API with the
// session's token and shows the result and its cost; a query with a field
// the schema lacks shows the GraphQL error.
func TestConsoleRunsQueriesAndShowsErrors(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := openConsole(t, s)

	tb.runQuery(`{ userData { currentUser { id name battleTag } } }`, "")
	result := tb.wait("console-result")
	var data struct {
		UserData struct {
			CurrentUser struct {
				ID        int
				Name      string
				BattleTag string
			}
		}
	}
	if err := json.Unmarshal([]byte(result), &data); err != nil {
		t.Fatalf("console result is not the JSON data: %v\n%s", err, result)
	}
	if u := data.UserData.CurrentUser; u.ID != 1 || u.Name != "Alice" || u.BattleTag != "Alice#1234" {
		t.Errorf("console result = %+v, want alice", u)
	}
	if cost := tb.wait("console-cost"); cost == "" {
		t.Errorf("no rate-limit cost shown")
	}
	sent := apiRequestWith(t, s, "battleTag")
	if sent.Header.Get("Authorization") != "Bearer "+tb.storedToken().AccessToken {
		t.Errorf("the console's query did not reach the API with the session's token")
	}

	// A query the published schema allows but the site refuses: the site's
	// error is marked at its line and column, with no result and no cost.
	tb.runQuery("{ reportData {\n  report(code: \"a1\") { segments }\n} }", "")
	errs := tb.wait("console-errors")
	if !strings.Contains(errs, "segments") || !strings.Contains(errs, "Line 2, column") {
		t.Errorf("console errors do not name the bad field at its place: %q", errs)
	}
	if tb.visible("console-result") || tb.visible("console-cost") {
		t.Errorf("a failed query shows a result or a cost: %q", tb.bodyText())
	}
	if sent := apiRequestWith(t, s, "segments"); sent.Status != 200 {
		t.Errorf("the bad query was answered %d, want 200 with errors", sent.Status)
	}

	// Variables travel with the query.
	tb.runQuery(`query($id: Int) { userData { user(id: $id) { id name } } }`, `{"id": 2}`)
	if r := tb.waitText("console-result", "Bob"); !strings.Contains(r, `"id": 2`) && !strings.Contains(r, `"id":2`) {
		t.Errorf("query with variables returned %q", r)
	}
}

// runQuery types a query (and variables) into the console and runs it.
func (tb *tab) runQuery(query, variables string) {
	tb.t.Helper()
	tb.wait("console-run")
	for id, v := range map[string]string{"console-query": query, "console-variables": variables} {
		evalJS[bool](tb, fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid=%q]');
			e.value = %q; e.dispatchEvent(new Event("input", { bubbles: true })); return true; })()`, id, v))
	}
	evalJS[bool](tb, `(() => { for (const sel of ['console-result', 'console-errors', 'console-cost', 'console-variables-error']) {
		const e = document.querySelector('[data-testid="' + sel + '"]'); if (e) e.setAttribute("data-stale", "1"); } return true; })()`)
	tb.click("console-run")
	tb.pollJS("the console to show a new result",
		`document.querySelector('[data-testid="console-result"]:not([data-stale]), [data-testid="console-errors"]:not([data-stale]), [data-testid="console-variables-error"]:not([data-stale]), [data-testid="error"]') ? "done" : ""`)
}

// apiRequestWith is the last API request whose body contains marker.
func apiRequestWith(t *testing.T, s *stack, marker string) provider.Recorded {
	t.Helper()
	api := s.requests(provider.EndpointAPI)
	for i := len(api) - 1; i >= 0; i-- {
		if strings.Contains(api[i].Body, marker) {
			return api[i]
		}
	}
	t.Fatalf("no API request contains %q:\n%s", marker, describeRequests(api))
	return provider.Recorded{}
}
