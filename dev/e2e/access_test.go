//go:build e2e

package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Flow 12a: bob, signed in through the same app, cannot see alice's private
// reports, neither on his dashboard nor by asking for her reports in the
// console, while alice sees them with the same query.
func TestBobCannotSeeAlicesPrivateReports(t *testing.T) {
	s := newStack(t, stackOptions{})
	const query = `{ reportData { reports(userID: 1, limit: 100) { total data { code visibility owner { id } } } } }`

	alice := newBrowser(t, "alice")
	alice.signInAs(s, "alice")
	alice.click("nav-console")
	alice.runQuery(query, "")
	alicePrivate := privateCodes(t, alice.wait("console-result"))
	if len(alicePrivate) == 0 {
		t.Fatal("alice sees none of her private reports; the comparison would prove nothing")
	}

	bob := newBrowser(t, "bob")
	bob.signInAs(s, "bob")
	if got := bob.wait("profile-id"); got != "2" {
		t.Errorf("bob's profile id = %q", got)
	}
	bob.wait("report")
	for _, r := range bob.reportRows() {
		if alicePrivate[r.code] {
			t.Errorf("bob's dashboard lists alice's private report %s", r.code)
		}
	}
	bob.click("nav-console")
	bob.runQuery(query, "")
	result := bob.wait("console-result")
	for code := range privateCodes(t, result) {
		t.Errorf("bob's query returns alice's private report %s", code)
	}
	if !strings.Contains(result, `"public"`) {
		t.Errorf("bob's query for alice's reports shows none of her public ones either: %.300s", result)
	}
}

// privateCodes are the codes of the private reports in a console result.
func privateCodes(t *testing.T, result string) map[string]bool {
	t.Helper()
	var data struct {
		ReportData struct {
			Reports struct {
				Data []struct{ Code, Visibility string }
			}
		}
	}
	if err := json.Unmarshal([]byte(result), &data); err != nil {
		t.Fatalf("console result is not JSON: %v\n%.500s", err, result)
	}
	out := map[string]bool{}
	for _, r := range data.ReportData.Reports.Data {
		if r.Visibility == "private" {
			out[r.Code] = true
		}
	}
	return out
}

// Flow 12b: a sign-in without view-user-profile gets no profile from the
// site; the app explains why the profile is empty and how to fix it, and the
// reports still show.
func TestProfileWithoutViewUserProfileIsExplained(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice", scopes: []string{provider.ScopeViewPrivateReports}})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	msg := tb.wait("profile-no-scope")
	if !strings.Contains(msg, provider.ScopeViewUserProfile) {
		t.Errorf("the empty profile is not explained by the missing scope: %q", msg)
	}
	tb.wait("report")
	if tb.visible("profile-name") {
		t.Errorf("a profile name shows without view-user-profile")
	}
	authz := s.checkPKCE()
	if got := authz.Query.Get("scope"); got != provider.ScopeViewPrivateReports {
		t.Errorf("authorize scope = %q, want only %s", got, provider.ScopeViewPrivateReports)
	}
}
