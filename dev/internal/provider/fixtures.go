//go:build !js

package provider

import (
	"crypto/sha256"
	"fmt"
	"time"
)

// FixtureUser is a person who can sign in on the consent page.
type FixtureUser struct {
	ID    int
	Login string // what -auto-approve takes
	Name  string
}

// Fixture logins.
const (
	UserAlice = "alice" // id 1: two guilds (guild master of one) and one she left, three characters, most reports
	UserBob   = "bob"   // id 2: two guilds, two characters
	UserCarol = "carol" // id 3: a recruit with one character and few reports
)

// UserLogins lists the fixture logins, alice first.
func UserLogins() []string { return []string{UserAlice, UserBob, UserCarol} }

// FixtureUsers lists the people who can sign in, alice first.
func FixtureUsers() []FixtureUser { return newUserDirectory(GameWarcraft).fixtureUsers() }

type region struct {
	ID                      int
	Name, CompactName, Slug string
}

type server struct {
	ID         int
	Name, Slug string
	Region     *region
}

type faction struct {
	ID   int
	Name string
}

type zone struct {
	ID   int
	Name string
}

type membership struct {
	User int
	Rank string // a GuildRank enum value
}

type guild struct {
	ID      int
	Name    string
	Server  *server
	Faction *faction
	Members []membership
}

type character struct {
	ID          int
	Owner       int
	Name        string
	Server      *server
	Faction     *faction
	ClassID     int
	Level       int
	Hidden      bool
	LodestoneID int
}

type user struct {
	ID            int
	Login, Name   string
	BattleTag     string // "" when not linked
	NADisplayName string
	EUDisplayName string
}

type report struct {
	Code       string
	Title      string
	Start, End time.Time
	Visibility string // "public" | "unlisted" | "private"
	Owner      int
	Guild      *guild // nil: the owner's personal logs
	Zone       *zone  // nil: no zone recognised
}

// userDirectory is the fixture data of one site flavour. It is read-only after creation,
// but for the cutoff (SetReportCutoff).
type userDirectory struct {
	game       string
	users      []*user
	guilds     []*guild
	characters []*character
	reports    []*report // newest first
	zones      []*zone
	cutoff     reportCutoff // the one mutable part: which reports are not uploaded yet
}

// reportEpoch is the start of the newest fixture report; the rest go back from it, so the
// data (and the tests that count it) never depend on today's date.
var reportEpoch = time.Date(2026, time.October, 30, 19, 30, 0, 0, time.UTC)

func newUserDirectory(game string) *userDirectory {
	d := &userDirectory{game: game}
	regions := []*region{
		{1, "United States", "US", "us"},
		{2, "Europe", "EU", "eu"},
	}
	var servers []*server
	var factions []*faction
	switch game {
	case GameFFXIV:
		regions[0] = &region{1, "North America", "NA", "na"}
		servers = []*server{{1, "Gilgamesh", "gilgamesh", regions[0]}, {2, "Balmung", "balmung", regions[0]}, {3, "Omega", "omega", regions[1]}}
		factions = []*faction{{1, "Maelstrom"}, {2, "Order of the Twin Adder"}}
		d.zones = []*zone{{62, "AAC Light-heavyweight (Savage)"}, {65, "Futures Rewritten"}, {59, "Ultimates (Legacy)"}, {68, "AAC Cruiserweight (Savage)"}}
	case GameESO:
		regions[0] = &region{1, "North America", "NA", "na"}
		servers = []*server{{1, "PC-NA", "pc-na", regions[0]}, {2, "XB-NA", "xb-na", regions[0]}, {3, "PC-EU", "pc-eu", regions[1]}}
		factions = []*faction{{1, "Aldmeri Dominion"}, {2, "Daggerfall Covenant"}, {3, "Ebonheart Pact"}}
		d.zones = []*zone{{16, "Dreadsail Reef"}, {17, "Sanity's Edge"}, {19, "Lucent Citadel"}, {1, "Trials (Legacy)"}}
	default:
		servers = []*server{{1, "Area 52", "area-52", regions[0]}, {2, "Illidan", "illidan", regions[0]}, {3, "Tarren Mill", "tarren-mill", regions[1]}}
		factions = []*faction{{1, "Alliance"}, {2, "Horde"}}
		d.zones = []*zone{{38, "Nerub-ar Palace"}, {42, "Liberation of Undermine"}, {44, "Manaforge Omega"}, {39, "Mythic+ Season 1"}}
	}
	d.users = []*user{
		{ID: 1, Login: UserAlice, Name: "Alice", BattleTag: "Alice#1234", NADisplayName: "@alice", EUDisplayName: "@alice.eu"},
		{ID: 2, Login: UserBob, Name: "Bob", BattleTag: "", NADisplayName: "@bob_tank"},
		{ID: 3, Login: UserCarol, Name: "Carol", BattleTag: "Carol#9001", EUDisplayName: "@carol"},
	}
	d.guilds = []*guild{
		{1, "Stormchasers", servers[0], factions[0], []membership{{1, "GuildMaster"}, {2, "Member"}}},
		{2, "Night Watch", servers[1], factions[1], []membership{{1, "Officer"}}},
		{3, "Ember Court", servers[2], factions[0], []membership{{2, "GuildMaster"}, {3, "Recruit"}}},
		{4, "Quiet Harbor", servers[0], factions[len(factions)-1], []membership{{3, "Applicant"}}},
		{5, "Old Guard", servers[1], factions[0], nil}, // alice logged for it, then left
	}
	d.characters = []*character{
		{101, 1, "Aelindra", servers[0], factions[0], 8, 80, false, 31415926},
		{102, 1, "Brakkus", servers[1], factions[1], 1, 80, false, 27182818},
		{103, 1, "Tinkerbolt", servers[0], factions[0], 4, 70, true, 16180339},
		{201, 2, "Bobbington", servers[2], factions[0], 2, 80, false, 14142135},
		{202, 2, "Thornwise", servers[2], factions[0], 11, 78, false, 17320508},
		{301, 3, "Cassia", servers[0], factions[len(factions)-1], 5, 62, false, 22360679},
	}
	d.reports = d.generateReports()
	return d
}

// reportCode makes a 16-character code from [A-Za-z0-9], as the real sites use.
func reportCode(i int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	sum := sha256.Sum256([]byte(fmt.Sprintf("pkcelogs-report-%d", i)))
	code := make([]byte, 16)
	for j := range code {
		code[j] = alphabet[int(sum[j])%len(alphabet)]
	}
	return string(code)
}

func (d *userDirectory) fixtureUsers() []FixtureUser {
	out := make([]FixtureUser, len(d.users))
	for i, u := range d.users {
		out[i] = FixtureUser{ID: u.ID, Login: u.Login, Name: u.Name}
	}
	return out
}

func (d *userDirectory) byLogin(login string) *user {
	for _, u := range d.users {
		if u.Login == login {
			return u
		}
	}
	return nil
}

func (d *userDirectory) byID(id int) *user {
	for _, u := range d.users {
		if u.ID == id {
			return u
		}
	}
	return nil
}

func (d *userDirectory) guildByID(id int) *guild {
	for _, g := range d.guilds {
		if g.ID == id {
			return g
		}
	}
	return nil
}

func (d *userDirectory) guildsOf(userID int) []*guild {
	var out []*guild
	for _, g := range d.guilds {
		if g.rankOf(userID) != "NonMember" {
			out = append(out, g)
		}
	}
	return out
}

func (d *userDirectory) charactersOf(userID int) []*character {
	var out []*character
	for _, c := range d.characters {
		if c.Owner == userID {
			out = append(out, c)
		}
	}
	return out
}

func (d *userDirectory) reportByCode(code string) *report {
	for _, r := range d.reports {
		if r.Code == code {
			return r
		}
	}
	return nil
}

func (g *guild) rankOf(userID int) string {
	for _, m := range g.Members {
		if m.User == userID {
			return m.Rank
		}
	}
	return "NonMember"
}
