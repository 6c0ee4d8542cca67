//go:build !js

package provider

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// The fights and players of a report are not stored: they are generated from the report's
// code (the seed), its zone, its owner and its length, in the game's flavour, so every
// report the fixtures hold (however many, whatever their dates) has them, and the same
// report always has the same ones.

// fight is one pull of a report. Start and End are relative to the report's start, as the
// API's ReportFight.startTime and endTime are.
type fight struct {
	ID          int
	Name        string
	EncounterID int
	Kill        bool
	Start, End  time.Duration
	BossPercent float64 // health left on the boss at the end: 0 on a kill
	Difficulty  int
}

// actor is a player of a report (masterData.actors with type "Player").
type actor struct {
	ID      int
	Name    string
	SubType string // the class (Warcraft Logs, ESO Logs) or job (FF Logs)
	Server  string // normalized: no spaces or punctuation, as the site writes it
}

// encounter is a boss of a zone.
type encounter struct {
	ID   int
	Name string
}

// encountersByZone lists each fixture zone's bosses in the order a raid meets them.
var encountersByZone = map[string]map[int][]encounter{
	GameWarcraft: {
		38: {{2902, "Ulgrax the Devourer"}, {2917, "The Bloodbound Horror"}, {2898, "Sikran"}, {2918, "Rasha'nan"},
			{2919, "Broodtwister Ovi'nax"}, {2920, "Nexus-Princess Ky'veza"}, {2921, "The Silken Court"}, {2922, "Queen Ansurek"}},
		42: {{3009, "Vexie and the Geargrinders"}, {3010, "Cauldron of Carnage"}, {3011, "Rik Reverb"}, {3012, "Stix Bunkjunker"},
			{3013, "Sprocketmonger Lockenstock"}, {3014, "One-Armed Bandit"}, {3015, "Mug'Zee, Heads of Security"}, {3016, "Chrome King Gallywix"}},
		44: {{3129, "Plexus Sentinel"}, {3131, "Loom'ithar"}, {3130, "Soulbinder Naazindhri"}, {3132, "Forgeweaver Araz"},
			{3122, "The Soul Hunters"}, {3133, "Fractillus"}, {3134, "Nexus-King Salhadaar"}, {3135, "Dimensius, the All-Devouring"}},
		39: {{12660, "Ara-Kara, City of Echoes"}, {12669, "City of Threads"}, {12652, "The Stonevault"}, {12662, "The Dawnbreaker"},
			{62290, "Mists of Tirna Scithe"}, {62286, "The Necrotic Wake"}, {61822, "Siege of Boralus"}, {60670, "Grim Batol"}},
	},
	GameFFXIV: {
		62: {{93, "Black Cat"}, {94, "Honey B. Lovely"}, {95, "Brute Bomber"}, {96, "Wicked Thunder"}},
		65: {{1079, "Futures Rewritten"}},
		59: {{1073, "The Unending Coil of Bahamut"}, {1074, "The Weapon's Refrain"}, {1075, "The Epic of Alexander"},
			{1076, "Dragonsong's Reprise"}, {1077, "The Omega Protocol"}},
		68: {{97, "Vamp Fatale"}, {98, "Red Hot and Deep Blue"}, {99, "The Tyrant"}, {100, "Howling Blade"}},
	},
	GameESO: {
		16: {{3, "Lylanar and Turlassil"}, {4, "Reef Guardian"}, {5, "Tideborn Taleria"}},
		17: {{6, "Exarchanic Yaseyla"}, {7, "Archwizard Twelvane and Chimera"}, {8, "Ansuul the Tormentor"}},
		19: {{9, "Count Ryelaz and Zilyesset"}, {10, "Orphic Shattered Shard"}, {11, "Xoryn"}},
		1:  {{1, "Hel Ra Citadel"}, {2, "Aetherian Archive"}, {12, "Sanctum Ophidia"}},
	},
}

// genericEncounters stand in for a zone the table does not know (the calendar's zones, say).
var genericEncounters = []encounter{{9001, "First Guardian"}, {9002, "Twin Sentinels"}, {9003, "The Warden"}, {9004, "Final Tyrant"}}

// classes are the values of ReportActor.subType for players, per game.
var classes = map[string][]string{
	GameWarcraft: {"Warrior", "Paladin", "Hunter", "Rogue", "Priest", "DeathKnight", "Shaman", "Mage", "Warlock", "Monk",
		"Druid", "DemonHunter", "Evoker"},
	GameFFXIV: {"Paladin", "Warrior", "DarkKnight", "Gunbreaker", "WhiteMage", "Scholar", "Astrologian", "Sage", "Monk",
		"Dragoon", "Ninja", "Samurai", "Reaper", "Viper", "Bard", "Machinist", "Dancer", "BlackMage", "Summoner", "RedMage",
		"Pictomancer"},
	GameESO: {"Dragonknight", "Nightblade", "Sorcerer", "Templar", "Warden", "Necromancer", "Arcanist"},
}

// playerNames is the pool the rest of a group is drawn from, per game.
var playerNames = map[string][]string{
	GameWarcraft: {"Kaelthira", "Durnok", "Mistweave", "Sylvaris", "Grimtooth", "Lunareth", "Brightforge", "Zyxx", "Orrin",
		"Velastra", "Thundrak", "Peppercorn", "Nyxaria", "Holdfast", "Emberlyn", "Quillon", "Rahgosh", "Tessaly", "Vorik",
		"Shadowmend", "Ilyra", "Bramblewood", "Kezzik", "Solenne", "Marrow", "Fenwick"},
	GameFFXIV: {"Y'shtola Rhul", "Rikku Tamsin", "Hien Araki", "Minfilia Lark", "Estinien Varl", "Lyse Mirel", "Alisaie Tesse",
		"Thancred Waters", "Urianger Lark", "G'raha Tia", "Krile Baldesion", "Cid Garlond", "Nanamo Ul", "Raubahn Aldy"},
	GameESO: {"Vanus Galerion", "Sai Sahan", "Lyris Titanborn", "Abnur Tharn", "Razum-dar", "Cadwell Silver", "Naryu Virian",
		"Eveli Sharp-Arrow", "Darien Gautier", "Isobel Veloise", "Sharp-as-Night", "Zerith-var", "Lady Laurent", "Ember"},
}

// groupSize is how many players a report of the game has.
func groupSize(game string, zoneID int) int {
	switch {
	case game == GameFFXIV:
		return 8
	case game == GameESO:
		return 12
	case zoneID == 39: // Mythic+
		return 5
	}
	return 20
}

// reportSeed is the report's random source: the same code, the same fights and players.
func reportSeed(code string) *rand.Rand {
	sum := sha256.Sum256([]byte("pkcelogs-fights-" + code))
	return rand.New(rand.NewPCG(binary.LittleEndian.Uint64(sum[:8]), binary.LittleEndian.Uint64(sum[8:16])))
}

func (d *userDirectory) encountersOf(r *report) []encounter {
	if r.Zone == nil {
		return nil // a log the site could not place: no boss it knows
	}
	if es, ok := encountersByZone[d.game][r.Zone.ID]; ok {
		return es
	}
	return genericEncounters
}

// difficultyOf is ReportFight.difficulty for the report: Mythic (5) or Heroic (4) on
// Warcraft Logs, 10 for Mythic+; Savage (101) or Ultimate (100) on FF Logs; Veteran (122) or
// Normal (121) on ESO Logs.
func (d *userDirectory) difficultyOf(r *report, rng *rand.Rand) int {
	switch d.game {
	case GameFFXIV:
		if r.Zone != nil && (r.Zone.ID == 65 || r.Zone.ID == 59) {
			return 100
		}
		return 101
	case GameESO:
		return 121 + rng.IntN(2)
	}
	if r.Zone != nil && r.Zone.ID == 39 {
		return 10
	}
	return 4 + rng.IntN(2)
}

// fightsOf returns the report's boss pulls in order, all within the report: a boss is pulled
// until it dies (a kill, 0 %) or the group gives up on it after a few wipes (each ending
// with the boss's health left), then the next boss. A report without a zone has none.
func (d *userDirectory) fightsOf(r *report) []fight {
	encounters := d.encountersOf(r)
	if len(encounters) == 0 {
		return nil
	}
	rng := reportSeed(r.Code)
	length := r.End.Sub(r.Start)
	difficulty := d.difficultyOf(r, rng)
	at := time.Duration(1+rng.IntN(4))*time.Minute + time.Duration(rng.IntN(60))*time.Second
	var out []fight
	for _, e := range encounters {
		for pull := 0; ; pull++ {
			killed := rng.IntN(100) < 30+pull*20
			dur := time.Duration(60+rng.IntN(300)) * time.Second // a wipe: 1 to 6 minutes
			if killed {
				dur = time.Duration(240+rng.IntN(300)) * time.Second // a kill: 4 to 9 minutes
			}
			if at+dur > length {
				return out
			}
			f := fight{ID: len(out) + 1, Name: e.Name, EncounterID: e.ID, Kill: killed, Start: at, End: at + dur, Difficulty: difficulty}
			if !killed {
				f.BossPercent = math.Round((2+rng.Float64()*93)*100) / 100
			}
			out = append(out, f)
			at += dur + time.Duration(45+rng.IntN(150))*time.Second
			if killed || pull == 4 {
				break
			}
		}
	}
	return out
}

// playersOf returns the report's players: the owner's characters first, then others drawn
// from the game's pool, each with a class (job) and a server of the fixtures.
func (d *userDirectory) playersOf(r *report) []actor {
	rng := reportSeed(r.Code + "/players")
	zoneID := 0
	if r.Zone != nil {
		zoneID = r.Zone.ID
	}
	n := groupSize(d.game, zoneID)
	var servers []string
	for _, c := range d.characters {
		if s := normalizeServer(c.Server.Name); !slices.Contains(servers, s) {
			servers = append(servers, s)
		}
	}
	var out []actor
	taken := map[string]bool{}
	for _, c := range d.characters {
		if c.Owner == r.Owner && len(out) < n {
			out = append(out, actor{Name: c.Name, SubType: classes[d.game][c.ClassID%len(classes[d.game])], Server: normalizeServer(c.Server.Name)})
			taken[c.Name] = true
		}
	}
	pool := playerNames[d.game]
	for _, i := range rng.Perm(len(pool)) {
		if len(out) >= n {
			break
		}
		if taken[pool[i]] {
			continue
		}
		out = append(out, actor{Name: pool[i], SubType: classes[d.game][rng.IntN(len(classes[d.game]))], Server: servers[rng.IntN(len(servers))]})
	}
	for i := range out {
		out[i].ID = i + 1
	}
	return out
}

// normalizeServer writes a server's name as ReportActor.server does: "Area 52" is "Area52",
// "Tarren Mill" is "TarrenMill".
func normalizeServer(name string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\'' {
			return -1
		}
		return r
	}, name)
}

// FixtureReport is a report of the fixtures as the API gives it, for tests that check what
// a page shows against it.
type FixtureReport struct {
	Code, Title, Visibility string
	Start, End              time.Time
	Owner                   string // the owner's login
	GuildID                 int    // 0: personal logs
	ZoneID                  int    // 0: no zone
	Fights                  []FixtureFight
	Players                 []FixturePlayer
}

// FixtureFight is a boss pull of a FixtureReport.
type FixtureFight struct {
	Name           string
	Kill           bool
	BossPercentage float64 // 0 on a kill
	Start, End     time.Duration
}

// FixturePlayer is a player of a FixtureReport: SubType is the class or job.
type FixturePlayer struct {
	Name, SubType, Server string
}

// FixtureReports lists the reports of the provider's fixtures, newest first, with their
// fights and players.
func (p *Provider) FixtureReports() []FixtureReport { return p.users.fixtureReports() }

// fixtureReports is what FixtureReports and Provider.FixtureReports list.
func (d *userDirectory) fixtureReports() []FixtureReport {
	out := make([]FixtureReport, 0, len(d.reports))
	for _, r := range d.reports {
		fr := FixtureReport{Code: r.Code, Title: r.Title, Visibility: r.Visibility, Start: r.Start, End: r.End}
		if u := d.byID(r.Owner); u != nil {
			fr.Owner = u.Login
		}
		if r.Guild != nil {
			fr.GuildID = r.Guild.ID
		}
		if r.Zone != nil {
			fr.ZoneID = r.Zone.ID
		}
		for _, f := range d.fightsOf(r) {
			fr.Fights = append(fr.Fights, FixtureFight{Name: f.Name, Kill: f.Kill, BossPercentage: f.BossPercent, Start: f.Start, End: f.End})
		}
		for _, a := range d.playersOf(r) {
			fr.Players = append(fr.Players, FixturePlayer{Name: a.Name, SubType: a.SubType, Server: a.Server})
		}
		out = append(out, fr)
	}
	return out
}
