package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// displayTitle is a report's title without the zone and guild names the
// other columns already show (issue 13 item 9): "Stormchasers – Nerub-ar
// Palace – Heroic farm" in guild Stormchasers and zone Nerub-ar Palace reads
// "Heroic farm". A title that is nothing but those names stays as it is.
func displayTitle(r logsapi.Report) string {
	parts := splitTitle(r.Title)
	var kept []string
	for _, p := range parts {
		if (r.Zone != nil && strings.EqualFold(p, r.Zone.Name)) || (r.Guild != nil && strings.EqualFold(p, r.Guild.Name)) {
			continue
		}
		kept = append(kept, p)
	}
	if len(kept) == 0 || len(kept) == len(parts) {
		return r.Title
	}
	return strings.Join(kept, " – ")
}

// splitTitle cuts a title at its dashes (" – ", " - ", " — ").
func splitTitle(t string) []string {
	for _, d := range []string{" — ", " - "} {
		t = strings.ReplaceAll(t, d, " – ")
	}
	parts := strings.Split(t, " – ")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// reportDuration is how long a report lasted: "45 min", "2 h 05 min"; "—"
// when its times are missing or backwards.
func reportDuration(r logsapi.Report) string {
	if r.StartTime.IsZero() || r.EndTime.IsZero() || !r.EndTime.After(r.StartTime) {
		return "—"
	}
	return formatSpan(r.EndTime.Sub(r.StartTime))
}

func formatSpan(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d min", max(m, 1))
	}
	return fmt.Sprintf("%d h %02d min", m/60, m%60)
}
