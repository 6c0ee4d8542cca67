//go:build !js

package provider

import "time"

// FixtureReportsOf lists owner's reports among game's fixtures, newest first
// as the API lists them, leaving out those that start after cut (when not
// zero), as SetReportCutoff hides them: what the app should show of one
// person.
func FixtureReportsOf(game, owner string, cut time.Time) []FixtureReport {
	var out []FixtureReport
	for _, r := range FixtureReports(game) {
		if r.Owner == owner && (cut.IsZero() || !r.Start.After(cut)) {
			out = append(out, r)
		}
	}
	return out
}

// FixtureDays counts reports per day in loc, as the report explorer's
// calendar shows them: day (YYYY-MM-DD) → [reports, private, unlisted].
func FixtureDays(reports []FixtureReport, loc *time.Location) map[string][3]int {
	days := map[string][3]int{}
	for _, r := range reports {
		day := r.Start.In(loc).Format(time.DateOnly)
		c := days[day]
		c[0]++
		switch r.Visibility {
		case "private":
			c[1]++
		case "unlisted":
			c[2]++
		}
		days[day] = c
	}
	return days
}

// FixturePrivateIn counts reports that are private and in guild guildID.
func FixturePrivateIn(reports []FixtureReport, guildID int) int {
	n := 0
	for _, r := range reports {
		if r.GuildID == guildID && r.Visibility == "private" {
			n++
		}
	}
	return n
}
