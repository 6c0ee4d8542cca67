package sites

import "fmt"

// Words is what a game's site calls things, where the games differ: FF Logs
// says "Free Company" where Warcraft Logs and ESO Logs say "Guild" (the API's
// type is Guild on all three; ARCHON.md, "The user part of the schema").
type Words struct {
	Guild  string // "Guild" | "Free Company"
	Guilds string // "Guilds" | "Free Companies"
	// NoGuild says the person is in none, on this site.
	NoGuild string
}

// WordsFor returns the words of game (GameWarcraft, GameFFXIV, GameESO); an
// unknown game gets Warcraft's.
func WordsFor(game string) Words {
	if game == GameFFXIV {
		return Words{Guild: "Free Company", Guilds: "Free Companies", NoGuild: "You are not in any Free Company on this site."}
	}
	return Words{Guild: "Guild", Guilds: "Guilds", NoGuild: "You are not in any guild on this site."}
}

// Words returns the words of the site's game.
func (s Site) Words() Words { return WordsFor(s.Game) }

// LodestoneURL is the character's page on the Lodestone, Final Fantasy XIV's
// official character database, from the lodestoneID FF Logs gives a
// character (ARCHON.md); "" for another game or an unknown id.
func LodestoneURL(game string, lodestoneID int) string {
	if game != GameFFXIV || lodestoneID <= 0 {
		return ""
	}
	return fmt.Sprintf("https://na.finalfantasyxiv.com/lodestone/character/%d/", lodestoneID)
}
