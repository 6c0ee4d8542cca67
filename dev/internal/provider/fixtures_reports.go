//go:build !js

package provider

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"time"
)

// The fixture reports: a year of raid nights per fixture user, generated
// deterministically (no randomness, no clock) so tests can count them.
//
// Every guild raids on fixed weekdays at a fixed time; its logger uploads one
// report a night, now and then a second one (a split log, or an alt run after
// the main raid), and skips a night in about ten. People also log on their own
// (dungeons, keys, the odd practice run) into their personal logs (guild null).
// Alice logged for a guild she has since left (Old Guard, guild 5): those
// reports, mostly private, stay hers — the case the privacy view points at.
// Zones follow the seasons: the newest raid tier for the last four months, the
// one before for the four months before that, the oldest before.

// fixtureYear is how far back the generated reports go from reportEpoch.
const fixtureYear = 364 * 24 * time.Hour

// raidSchedule is one recurring logger: who uploads, for which guild (nil: personal logs),
// on which weekdays, at what time of day (UTC), from/until how long before reportEpoch,
// with which visibilities (picked per report, deterministically) and titles.
type raidSchedule struct {
	owner      int
	guild      *guild
	days       []time.Weekday
	hour, min  int
	since      time.Duration // the first report is at most this long before reportEpoch
	until      time.Duration // the last report is at least this long before reportEpoch
	visibility []string      // drawn from uniformly
	titles     []string      // drawn from uniformly; "%z" is the zone's name, "%g" the guild's
	personal   bool          // personal logs: no raid zone, sometimes none at all
}

// generateReports builds the fixture reports, newest first.
func (d *userDirectory) generateReports() []*report {
	g := func(id int) *guild { return d.guildByID(id) }
	all := []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
	schedules := []raidSchedule{
		// Alice: logger of Stormchasers (she leads it) and of Night Watch, once of Old Guard.
		{owner: 1, guild: g(1), days: []time.Weekday{time.Tuesday, time.Friday}, hour: 19, min: 30, since: fixtureYear,
			visibility: []string{"public", "public", "public", "unlisted", "private"},
			titles:     []string{"%z", "%z – progression", "Tuesday raid", "Heroic farm", "%g – %z", "Progression night"}},
		{owner: 1, guild: g(2), days: []time.Weekday{time.Wednesday, time.Sunday}, hour: 20, since: fixtureYear,
			visibility: []string{"unlisted", "unlisted", "public", "private"},
			titles:     []string{"%z", "Night Watch alts", "Mythic reclear", "Late prog"}},
		{owner: 1, guild: g(5), days: []time.Weekday{time.Monday, time.Thursday}, hour: 19, since: fixtureYear, until: 200 * 24 * time.Hour,
			visibility: []string{"private", "private", "private", "public"},
			titles:     []string{"%z", "Old Guard raid", "Progression"}},
		{owner: 1, days: []time.Weekday{time.Saturday}, hour: 15, since: fixtureYear, personal: true,
			visibility: []string{"private", "private", "public", "unlisted"},
			titles:     []string{"Keys with friends", "Practice", "Solo log", "%z"}},
		// Bob: logger of Ember Court, of Stormchasers' alt runs lately, and a few personal logs.
		{owner: 2, guild: g(3), days: []time.Weekday{time.Monday, time.Thursday}, hour: 18, since: fixtureYear,
			visibility: []string{"public", "public", "unlisted", "private"},
			titles:     []string{"%z", "Ember Court raid", "Farm night"}},
		{owner: 2, guild: g(1), days: []time.Weekday{time.Sunday}, hour: 16, since: 150 * 24 * time.Hour,
			visibility: []string{"public", "unlisted"},
			titles:     []string{"Stormchasers alt run", "%z"}},
		{owner: 2, days: []time.Weekday{time.Sunday}, hour: 14, since: 180 * 24 * time.Hour, personal: true,
			visibility: []string{"private", "public"},
			titles:     []string{"Tank practice", "%z"}},
		// Carol: a recruit who logs now and then.
		{owner: 3, guild: g(4), days: []time.Weekday{time.Saturday}, hour: 17, since: 120 * 24 * time.Hour,
			visibility: []string{"public", "unlisted", "private"},
			titles:     []string{"%z", "Quiet Harbor weekend"}},
		{owner: 3, days: all[1:2], hour: 21, since: 90 * 24 * time.Hour, personal: true,
			visibility: []string{"private", "public"},
			titles:     []string{"Learning", "%z"}},
	}
	var out []*report
	for si, s := range schedules {
		first := reportEpoch.Add(-s.since).Truncate(24 * time.Hour)
		for day := first; !day.After(reportEpoch); day = day.Add(24 * time.Hour) {
			if !containsDay(s.days, day.Weekday()) {
				continue
			}
			start := time.Date(day.Year(), day.Month(), day.Day(), s.hour, s.min, 0, 0, time.UTC)
			if start.After(reportEpoch) || reportEpoch.Sub(start) < s.until {
				continue
			}
			h := fixtureHash(si, start)
			if h%10 == 3 && start != reportEpoch { // a night off (the newest report always happens)
				continue
			}
			n := 1
			if h%7 == 2 {
				n = 2 // a split log, or an alt run after the main raid
			}
			for k := 0; k < n; k++ {
				hk := fixtureHash(si*31+k, start)
				at := start.Add(time.Duration(k) * 150 * time.Minute)
				z := d.zoneFor(at, s.personal, hk)
				out = append(out, &report{
					Title:      fixtureTitle(s.titles[hk%uint64(len(s.titles))], z, s.guild),
					Start:      at,
					End:        at.Add(45*time.Minute + time.Duration(hk%6)*20*time.Minute),
					Visibility: s.visibility[(hk/7)%uint64(len(s.visibility))],
					Owner:      s.owner,
					Guild:      s.guild,
					Zone:       z,
				})
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if !out[a].Start.Equal(out[b].Start) {
			return out[a].Start.After(out[b].Start)
		}
		return out[a].Owner < out[b].Owner
	})
	for i, r := range out {
		r.Code = reportCode(i)
	}
	return out
}

// zoneFor is the zone of a report at t: the raid tier of its season (d.zones[0..2],
// newest tier last in the year), or for personal logs the dungeon zone (d.zones[3]),
// and now and then none (a log the site could not place).
func (d *userDirectory) zoneFor(t time.Time, personal bool, h uint64) *zone {
	if h%19 == 5 {
		return nil
	}
	if personal {
		return d.zones[3]
	}
	age := reportEpoch.Sub(t)
	switch {
	case age < 120*24*time.Hour:
		return d.zones[2]
	case age < 240*24*time.Hour:
		return d.zones[1]
	}
	return d.zones[0]
}

func fixtureTitle(pattern string, z *zone, g *guild) string {
	zoneName, guildName := "Unknown zone", "Personal"
	if z != nil {
		zoneName = z.Name
	}
	if g != nil {
		guildName = g.Name
	}
	out := []byte{}
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '%' && i+1 < len(pattern) {
			switch pattern[i+1] {
			case 'z':
				out = append(out, zoneName...)
				i++
				continue
			case 'g':
				out = append(out, guildName...)
				i++
				continue
			}
		}
		out = append(out, pattern[i])
	}
	return string(out)
}

func containsDay(days []time.Weekday, d time.Weekday) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}

// fixtureHash is a deterministic pseudo-random number for one schedule and night.
func fixtureHash(schedule int, t time.Time) uint64 {
	sum := sha256.Sum256([]byte(fmt.Sprintf("pkcelogs-night-%d-%d", schedule, t.Unix())))
	return binary.BigEndian.Uint64(sum[:8])
}

// FixtureReports lists the reports of game's fixtures (GameWarcraft, GameFFXIV, GameESO),
// newest first, so tests can count what the app should show.
func FixtureReports(game string) []FixtureReport {
	return newUserDirectory(game).fixtureReports()
}
