//go:build !js

package webapp

import (
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/ui"
)

// A report page is an app page: the devserver pre-renders it (status 200, the
// report page loading, not "Page not found"), and the export writes it as
// report.html for hosts that rewrite /report/* to it.
func TestReportPagesAreServedAndExported(t *testing.T) {
	h := Serve(Config{Site: localSite(t), ClientID: "pkcelogs-local", BasePath: "/pkcelogs/"}, newWebDir(t))
	defer h.(*server).background.Wait()
	rec := get(t, h, "/pkcelogs"+ui.ReportPath("aBcD1234eFgH5678"))
	mustStatus(t, rec, 200, "a report page")
	page := rec.Body.String()
	checkPage(t, "/report/", page, "/pkcelogs")
	if !strings.Contains(page, "<title>Report – pkcelogs</title>") || !strings.Contains(page, "Loading the report…") || strings.Contains(page, "Page not found") {
		t.Errorf("the report page pre-renders as: %.600s", page)
	}
	mustStatus(t, get(t, h, "/pkcelogs/report/a/b"), 404, "a report path with a slash in the code")

	dist := t.TempDir()
	if err := Export(Config{Site: localSite(t), ClientID: "pkcelogs-local", BasePath: "/pkcelogs/", WebDir: newWebDir(t)}, dist); err != nil {
		t.Fatal(err)
	}
	shell := readFile(t, dist, "report.html")
	checkPage(t, "report.html", shell, "/pkcelogs")
	if !strings.Contains(shell, "Loading the report…") {
		t.Errorf("report.html: %.600s", shell)
	}
}
