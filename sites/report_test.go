package sites

import (
	"errors"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/pkce"
)

func TestReportPage(t *testing.T) {
	wcl, _ := Lookup("warcraftlogs")
	ff, _ := Lookup("fflogs")
	for _, tc := range []struct {
		site Site
		code string
		want string
	}{
		{wcl, "aBcD1234eFgH5678", "https://www.warcraftlogs.com/reports/aBcD1234eFgH5678"},
		{ff, "Zz9", "https://www.fflogs.com/reports/Zz9"},
		{wcl, "../admin", ""},
		{wcl, "a?b=c", ""},
		{wcl, "", ""},
		{wcl, strings.Repeat("a", 65), ""},
		{Site{}, "abc", ""}, // a custom site that did not say
	} {
		if got := tc.site.ReportPage(tc.code); got != tc.want {
			t.Errorf("%s ReportPage(%q) = %q, want %q", tc.site.ID, tc.code, got, tc.want)
		}
	}
}

func TestCustomReportURL(t *testing.T) {
	base := Custom{AuthorizeURL: "http://127.0.0.1:8001/oauth/authorize", TokenURL: "http://127.0.0.1:8001/oauth/token",
		APIURL: "http://127.0.0.1:8001/api/v2/user"}
	c := base
	c.ReportURL = "http://127.0.0.1:8001/reports/%s"
	s, err := c.Site()
	if err != nil || s.ReportPage("abc") != "http://127.0.0.1:8001/reports/abc" {
		t.Fatalf("%v %q", err, s.ReportPage("abc"))
	}
	for _, bad := range []string{"http://127.0.0.1:8001/reports/", "http://127.0.0.1:8001/%s/%s", "http://example.com/reports/%s", "reports/%s"} {
		c.ReportURL = bad
		if _, err := c.Site(); !errors.Is(err, pkce.ErrInvalidConfig) || !strings.Contains(err.Error(), "report URL") {
			t.Errorf("ReportURL %q: %v", bad, err)
		}
	}
}
