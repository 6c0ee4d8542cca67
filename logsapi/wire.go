package logsapi

import (
	"math"
	"time"
)

// The wire types mirror the JSON of the API; the exported types above are
// what callers get. Missing or null members decode as zero values.

type wireUser struct {
	ID            int              `json:"id"`
	Name          string           `json:"name"`
	Avatar        string           `json:"avatar"`
	BattleTag     string           `json:"battleTag"`
	NADisplayName string           `json:"naDisplayName"`
	EUDisplayName string           `json:"euDisplayName"`
	Guilds        []*wireGuild     `json:"guilds"`
	Characters    []*wireCharacter `json:"characters"`
}

type wireGuild struct {
	ID              int         `json:"id"`
	Name            string      `json:"name"`
	Server          *wireServer `json:"server"`
	Faction         *Faction    `json:"faction"`
	CurrentUserRank string      `json:"currentUserRank"`
}

type wireServer struct {
	ID     int         `json:"id"`
	Name   string      `json:"name"`
	Slug   string      `json:"slug"`
	Region *wireRegion `json:"region"`
}

type wireRegion struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	CompactName string `json:"compactName"`
	Slug        string `json:"slug"`
}

type wireCharacter struct {
	ID          int         `json:"id"`
	Name        string      `json:"name"`
	Server      *wireServer `json:"server"`
	ClassID     int         `json:"classID"`
	Level       int         `json:"level"`
	Hidden      bool        `json:"hidden"`
	Claimed     *bool       `json:"claimed"`
	LodestoneID int         `json:"lodestoneID"`
	DisplayName string      `json:"displayName"`
}

type wireReport struct {
	Code       string     `json:"code"`
	Title      string     `json:"title"`
	StartTime  float64    `json:"startTime"`
	EndTime    float64    `json:"endTime"`
	Visibility string     `json:"visibility"`
	Owner      *wireUser  `json:"owner"`
	Guild      *wireGuild `json:"guild"`
	Zone       *Zone      `json:"zone"`
}

type wireReportPage struct {
	Data         []*wireReport `json:"data"`
	Total        int           `json:"total"`
	PerPage      int           `json:"per_page"`
	CurrentPage  int           `json:"current_page"`
	LastPage     int           `json:"last_page"`
	HasMorePages bool          `json:"has_more_pages"`
}

type wireRateLimit struct {
	LimitPerHour        int     `json:"limitPerHour"`
	PointsSpentThisHour float64 `json:"pointsSpentThisHour"`
	PointsResetIn       int64   `json:"pointsResetIn"`
}

func (w *wireUser) user() *User {
	if w == nil {
		return nil
	}
	u := &User{ID: w.ID, Name: w.Name, Avatar: w.Avatar, BattleTag: w.BattleTag,
		NADisplayName: w.NADisplayName, EUDisplayName: w.EUDisplayName}
	for _, g := range w.Guilds {
		if g != nil {
			u.Guilds = append(u.Guilds, *g.guild())
		}
	}
	for _, c := range w.Characters {
		if c != nil {
			u.Characters = append(u.Characters, c.character())
		}
	}
	return u
}

func (w *wireGuild) guild() *Guild {
	if w == nil {
		return nil
	}
	g := &Guild{ID: w.ID, Name: w.Name, Server: w.Server.server(), CurrentUserRank: w.CurrentUserRank}
	if w.Faction != nil {
		g.Faction = *w.Faction
	}
	return g
}

func (w *wireServer) server() Server {
	if w == nil {
		return Server{}
	}
	s := Server{ID: w.ID, Name: w.Name, Slug: w.Slug}
	if w.Region != nil {
		s.Region = Region(*w.Region)
	}
	return s
}

func (w *wireCharacter) character() Character {
	return Character{ID: w.ID, Name: w.Name, Server: w.Server.server(), ClassID: w.ClassID, Level: w.Level,
		Hidden: w.Hidden, Claimed: w.Claimed, LodestoneID: w.LodestoneID, DisplayName: w.DisplayName}
}

func (w *wireReport) report() Report {
	r := Report{Code: w.Code, Title: w.Title, StartTime: unixMillis(w.StartTime), EndTime: unixMillis(w.EndTime),
		Visibility: w.Visibility, Guild: w.Guild.guild()}
	if w.Owner != nil {
		r.Owner = &User{ID: w.Owner.ID, Name: w.Owner.Name}
	}
	if w.Zone != nil {
		z := *w.Zone
		r.Zone = &z
	}
	return r
}

func (w *wireReportPage) page() *ReportPage {
	if w == nil {
		return nil
	}
	p := &ReportPage{Total: w.Total, PerPage: w.PerPage, CurrentPage: w.CurrentPage,
		LastPage: w.LastPage, HasMorePages: w.HasMorePages, Data: make([]Report, 0, len(w.Data))}
	for _, r := range w.Data {
		if r != nil {
			p.Data = append(p.Data, r.report())
		}
	}
	return p
}

func (w *wireRateLimit) rateLimit() *RateLimit {
	if w == nil {
		return nil
	}
	return &RateLimit{LimitPerHour: w.LimitPerHour, PointsSpentThisHour: w.PointsSpentThisHour,
		PointsResetIn: time.Duration(min(max(w.PointsResetIn, 0), maxResetSeconds)) * time.Second}
}

// maxResetSeconds bounds pointsResetIn so a bogus value cannot overflow a
// time.Duration; the real value is at most an hour.
const maxResetSeconds = 24 * 60 * 60

// unixMillis converts the API's UNIX milliseconds (a float) to a time; zero,
// negative, NaN and out-of-range values give the zero time.
func unixMillis(ms float64) time.Time {
	const maxMillis = 1 << 53 // exact in a float64; about the year 285000
	if !(ms > 0) || ms > maxMillis {
		return time.Time{}
	}
	return time.UnixMilli(int64(math.Round(ms)))
}
