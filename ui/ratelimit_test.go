//go:build !js

package ui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// The rate-limit card reads at a glance: the points left as the big number,
// a gauge as wide as what is left (coloured by how much), its reading in
// words for screen readers, and the countdown to the reset.
func TestRateLimitCardShowsWhatIsLeft(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name        string
		rl          logsapi.RateLimit
		left, width string
		level       string
	}{
		{"fresh", logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 1.5, PointsResetIn: 30 * time.Minute}, "3598", "100", "ok"},
		{"half", logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 1800, PointsResetIn: 30 * time.Minute}, "1800", "50", "ok"},
		{"low", logsapi.RateLimit{LimitPerHour: 18000, PointsSpentThisHour: 15300, PointsResetIn: 30 * time.Minute}, "2700", "15", "low"},
		{"spent", logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 3650, PointsResetIn: 30 * time.Minute}, "0", "0", "empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rl := tt.rl
			d := mount(t, app.Div().Body(rateLimitBody(&rl, now().Add(rl.PointsResetIn))...))
			defer d.Close()
			page := html(d)
			if !regexp.MustCompile(`<span[^>]*data-testid="ratelimit-left"[^>]*>` + regexp.QuoteMeta(tt.left) + `<`).MatchString(page) {
				t.Errorf("the big number is not %s:\n%s", tt.left, page)
			}
			mustContain(t, page, `>30:00</span>`)
			for _, attrs := range [][]string{
				{`data-testid="ratelimit-meter"`, `role="img"`, `aria-label="` + tt.left + ` of ` + strconv.Itoa(rl.LimitPerHour) + ` points left this hour"`, `data-level="` + tt.level + `"`},
				{`data-part="fill"`, `width="` + tt.width + `"`},
				{`data-testid="ratelimit-reset"`},
			} {
				if !hasTag(page, attrs...) {
					t.Errorf("no element with %q:\n%s", attrs, page)
				}
			}
			mustNotContain(t, page, "<meter")
		})
	}
}

// hasTag reports whether one start tag in page carries every attribute
// given (go-app writes them in no particular order).
func hasTag(page string, attrs ...string) bool {
	for _, tag := range regexp.MustCompile(`<[a-z][^>]*>`).FindAllString(page, -1) {
		all := true
		for _, a := range attrs {
			all = all && strings.Contains(tag, " "+a)
		}
		if all {
			return true
		}
	}
	return false
}

func TestReadBudget(t *testing.T) {
	for _, tt := range []struct {
		rl   logsapi.RateLimit
		want budget
	}{
		{logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 900}, budget{"2700", "900", "3600", 0.75, "ok"}},
		{logsapi.RateLimit{LimitPerHour: 100, PointsSpentThisHour: 75}, budget{"25", "75", "100", 0.25, "low"}},
		{logsapi.RateLimit{LimitPerHour: 100, PointsSpentThisHour: 99.5}, budget{"0", "99.5", "100", 0.005, "empty"}},
		{logsapi.RateLimit{LimitPerHour: 0}, budget{"—", "0", "0", 1, "ok"}},
	} {
		if got := readBudget(&tt.rl); got != tt.want {
			t.Errorf("readBudget(%+v) = %+v, want %+v", tt.rl, got, tt.want)
		}
	}
}
