//go:build !js

package uitest

import (
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/ui"
)

// The signed-in dashboard opens with the person: avatar, name, the site
// (and battle tag), how fresh the data is and the refresh button, in place
// of the lone "Reload data" button.
func TestDashboardHeaderShowsThePersonAndFreshness(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	d := h.signedIn(&ui.HomePage{Session: h.s})
	page := html(d)
	head := page[strings.Index(page, `data-testid="dashboard-header"`):]
	head = head[:strings.Index(head, "</header>")]
	mustContain(t, head, `data-testid="avatar"`, "/avatars/alice.svg", ">Alice</h1>",
		">Local Logs · Alice#1234</p>", `>Updated just now<`, `data-testid="dashboard-reload"`, "Refresh")
	mustNotContain(t, page, "Reload data")
	if n := strings.Count(page, "<h1"); n != 1 {
		t.Errorf("%d <h1> on the dashboard, want one", n)
	}
}

// FF Logs in its own words: Free Companies, characters linked to the
// Lodestone (in a new tab, saying so), and, without an avatar from the
// site, a placeholder in the game's colours. Warcraft keeps Guilds.
func TestFFLogsFlavour(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		game      string
		want, not []string
	}{
		{provider.GameFFXIV,
			[]string{">Free Companies</h2>", "<th>Free Company</th>",
				`href="https://na.finalfantasyxiv.com/lodestone/character/31415926/"`, `target="_blank"`, "opens in a new tab",
				`data-testid="avatar-placeholder"`, `data-game="ffxiv"`},
			[]string{">Guilds<", ">Guild<", `data-testid="avatar"`}},
		{provider.GameESO, []string{">Guilds<", `data-testid="avatar-placeholder"`, `data-game="eso"`}, []string{"Free Compan", "lodestone"}},
		{provider.GameWarcraft, []string{">Guilds<", "<th>Guild</th>", `data-testid="avatar"`}, []string{"Free Compan", "lodestone", "avatar-placeholder"}},
	} {
		t.Run(tt.game, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, withGame(tt.game))
			d := h.signedIn(&ui.HomePage{Session: h.s})
			page := html(d)
			mustContain(t, page, tt.want...)
			mustNotContain(t, page, tt.not...)
		})
	}
}
