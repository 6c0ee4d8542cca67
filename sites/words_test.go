package sites

import "testing"

// FF Logs says Free Company; the others, and a game nobody knows, Guild.
func TestWordsPerGame(t *testing.T) {
	for game, want := range map[string]string{GameWarcraft: "Guild", GameESO: "Guild", GameFFXIV: "Free Company", "": "Guild"} {
		if got := WordsFor(game); got.Guild != want || got.Guilds == "" || got.NoGuild == "" {
			t.Errorf("WordsFor(%q) = %+v, want Guild %q", game, got, want)
		}
	}
	ff, _ := Lookup("fflogs")
	if w := ff.Words(); w.Guild != "Free Company" || w.Guilds != "Free Companies" || w.NoGuild != "You are not in any Free Company on this site." {
		t.Errorf("FF Logs' words: %+v", w)
	}
	wcl, _ := Lookup("warcraftlogs")
	if w := wcl.Words(); w.Guilds != "Guilds" {
		t.Errorf("Warcraft Logs' words: %+v", w)
	}
}

// Only an FF Logs character with a Lodestone id has a Lodestone page.
func TestLodestoneURL(t *testing.T) {
	if got, want := LodestoneURL(GameFFXIV, 12345678), "https://na.finalfantasyxiv.com/lodestone/character/12345678/"; got != want {
		t.Errorf("LodestoneURL = %q, want %q", got, want)
	}
	for _, c := range []struct {
		game string
		id   int
	}{{GameFFXIV, 0}, {GameWarcraft, 12345678}, {GameESO, 5}} {
		if got := LodestoneURL(c.game, c.id); got != "" {
			t.Errorf("LodestoneURL(%q, %d) = %q, want none", c.game, c.id, got)
		}
	}
}
