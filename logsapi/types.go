package logsapi

import "time"

// User is a site account. Which of the optional fields are filled depends on
// the game: Avatar and BattleTag on Warcraft Logs, NADisplayName and
// EUDisplayName on ESO Logs. Guilds and Characters need the
// view-user-profile scope and are only asked for the signed-in user.
type User struct {
	ID            int
	Name          string
	Avatar        string // Warcraft Logs: URL of the avatar image
	BattleTag     string // Warcraft Logs, when linked
	NADisplayName string // ESO Logs, when linked
	EUDisplayName string // ESO Logs, when linked
	Guilds        []Guild
	Characters    []Character
}

// Guild is a guild (a free company on FF Logs) the user belongs to.
type Guild struct {
	ID              int
	Name            string
	Server          Server
	Faction         Faction
	CurrentUserRank string // "NonMember" … "GuildMaster"; "" when unknown
}

// Faction is a game faction (GameFaction in the schema).
type Faction struct {
	ID   int
	Name string
}

// Server is a game server (realm, world).
type Server struct {
	ID     int
	Name   string
	Slug   string
	Region Region
}

// Region is a server's region.
type Region struct {
	ID          int
	Name        string
	CompactName string // "US", "EU", …
	Slug        string
}

// Character is a character the user has claimed. Level is zero on ESO Logs
// (whose schema has none); LodestoneID is set on FF Logs, DisplayName (the
// account name) on ESO Logs.
type Character struct {
	ID          int
	Name        string
	Server      Server
	ClassID     int
	Level       int
	Hidden      bool   // all rankings hidden
	Claimed     *bool  // nil when the API did not say
	LodestoneID int    // FF Logs
	DisplayName string // ESO Logs
}

// Report is one uploaded log.
type Report struct {
	Code       string
	Title      string
	StartTime  time.Time
	EndTime    time.Time
	Visibility string // "public", "private" or "unlisted"
	Owner      *User  // ID and Name only
	Guild      *Guild // nil: uploaded to the owner's personal logs
	Zone       *Zone  // nil: no zone recognised
}

// Zone is the raid or dungeon a report belongs to.
type Zone struct {
	ID   int
	Name string
}

// ReportPage is one page of a user's reports.
type ReportPage struct {
	Data         []Report
	Total        int
	PerPage      int
	CurrentPage  int
	LastPage     int
	HasMorePages bool
}

// RateLimit is the client id's hourly point budget (rateLimitData).
type RateLimit struct {
	LimitPerHour        int
	PointsSpentThisHour float64
	PointsResetIn       time.Duration
}

// Overview is everything the first screen shows, fetched in one request.
type Overview struct {
	User      *User // nil: the token lacks the view-user-profile scope
	Reports   *ReportPage
	RateLimit *RateLimit
}
