package logsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/pkcelogs/pkcelogs/sites"
)

// ReportDetail is one report with its fights and players: what a report page
// shows (Client.ReportDetail).
type ReportDetail struct {
	Report
	Fights  []Fight  // in the order of the log
	Players []Player // masterData.actors of type "Player"
}

// Fight is one fight of a report (ReportFight): a boss pull, or trash
// (EncounterID 0). Start and End are from the start of the report, as the
// API's startTime and endTime are (milliseconds relative to the report).
type Fight struct {
	ID          int
	Name        string
	EncounterID int  // 0: trash
	Kill        bool // the boss died; false for a wipe, and for trash (the API's null)
	Start, End  time.Duration
	// BossPercentage is the boss's health left at the end, 0–100 (0 on a
	// kill); nil when the site did not say. FightPercentage is how far into
	// the fight a wipe got, for fights with several bosses or phases.
	BossPercentage  *float64
	FightPercentage *float64
	Difficulty      int // the site's difficulty id (0: none, trash)
}

// Duration is how long the fight lasted.
func (f Fight) Duration() time.Duration { return max(f.End-f.Start, 0) }

// Boss reports whether the fight is an encounter rather than trash.
func (f Fight) Boss() bool { return f.EncounterID != 0 }

// Player is a player of a report (ReportActor with type "Player").
type Player struct {
	ID     int
	Name   string
	Class  string // subType: the class (Warcraft Logs, ESO Logs) or job (FF Logs), e.g. "DeathKnight"
	Server string // the site's normalized server name, e.g. "Area52"
}

// ErrInvalidReportCode is returned for a report code that no site could have
// issued: codes are letters and digits only (16 of them on the Logs sites).
var ErrInvalidReportCode = errors.New("logsapi: a report code is letters and digits only, such as aBcD1234eFgH5678; check the address")

// CheckReportCode returns ErrInvalidReportCode unless code is 1 to 64 ASCII
// letters and digits (sites.ValidReportCode), before any request is sent.
func CheckReportCode(code string) error {
	if !sites.ValidReportCode(code) {
		return ErrInvalidReportCode
	}
	return nil
}

// ReportUnavailable says why the API gave no report.
type ReportUnavailable string

const (
	// ReportNotFound: "This report does not exist.", or report null without a word.
	ReportNotFound ReportUnavailable = "not-found"
	// ReportForbidden: the report is private and the sign-in may not see it
	// ("You do not have permission to view this report."): only its owner,
	// signed in with the view-private-reports scope, may.
	ReportForbidden ReportUnavailable = "forbidden"
	// ReportRefused: the API gave another reason, in its own words.
	ReportRefused ReportUnavailable = "refused"
)

// ReportUnavailableError is returned by Client.ReportDetail when the API
// answers with report null. It wraps the GraphQLErrors that came with it
// (errors.As finds them), if any.
type ReportUnavailableError struct {
	Code   string            // the report code asked for
	Reason ReportUnavailable // why, as far as the site's words tell
	Errs   GraphQLErrors     // what the site said; nil when it said nothing
}

func (e *ReportUnavailableError) Error() string {
	switch e.Reason {
	case ReportForbidden:
		return fmt.Sprintf("logsapi: report %s is private and this sign-in may not see it (%s)", e.Code, e.said())
	case ReportRefused:
		return fmt.Sprintf("logsapi: the API did not give report %s (%s)", e.Code, e.said())
	}
	return fmt.Sprintf("logsapi: there is no report %s on this site (%s)", e.Code, e.said())
}

func (e *ReportUnavailableError) said() string {
	if len(e.Errs) == 0 {
		return "the API answered report: null"
	}
	return "the API said: " + e.Errs.Listed()
}

// Unwrap returns the GraphQL errors the site answered with.
func (e *ReportUnavailableError) Unwrap() error {
	if len(e.Errs) == 0 {
		return nil
	}
	return e.Errs
}

// reportDetailQuery asks for everything a report page shows; every game's
// schema has these fields (dev/internal/schemacheck checks it).
const reportDetailQuery = `query ReportDetail($code: String!) {
  reportData { report(code: $code) {
    code title startTime endTime visibility
    owner { id name }
    guild { id name faction { id name } server { ...ServerFields } }
    zone { id name }
    fights { id name encounterID kill startTime endTime bossPercentage fightPercentage difficulty }
    masterData { actors(type: "Player") { id name type subType server } }
  } }
}`

func buildReportDetailQuery() string { return doc(reportDetailQuery, serverFragment) }

type wireReportDetail struct {
	wireReport
	Fights     []*wireFight `json:"fights"`
	MasterData *struct {
		Actors []*wireActor `json:"actors"`
	} `json:"masterData"`
}

type wireFight struct {
	ID              int      `json:"id"`
	Name            string   `json:"name"`
	EncounterID     int      `json:"encounterID"`
	Kill            *bool    `json:"kill"`
	StartTime       float64  `json:"startTime"`
	EndTime         float64  `json:"endTime"`
	BossPercentage  *float64 `json:"bossPercentage"`
	FightPercentage *float64 `json:"fightPercentage"`
	Difficulty      *int     `json:"difficulty"`
}

type wireActor struct {
	ID      *int    `json:"id"`
	Name    *string `json:"name"`
	Type    *string `json:"type"`
	SubType *string `json:"subType"`
	Server  *string `json:"server"`
}

type reportDetailData struct {
	ReportData *struct {
		Report *wireReportDetail `json:"report"`
	} `json:"reportData"`
}

// ReportDetail fetches one report with its fights and players. A report the
// site does not give (no such code, or private and not the signed-in
// person's) is a *ReportUnavailableError; other GraphQL errors beside a report
// come back with it, as GraphQLErrors. An invalid code is ErrInvalidReportCode,
// and nothing is sent.
func (c *Client) ReportDetail(ctx context.Context, code string) (*ReportDetail, error) {
	if err := CheckReportCode(code); err != nil {
		return nil, err
	}
	var data json.RawMessage
	ex, err := c.do(ctx, c.q.reportDetail, map[string]any{"code": code}, &data)
	if err != nil && !isGraphQL(err) {
		return nil, err
	}
	rd, derr := decodeReportDetail(data)
	if derr != nil {
		// The envelope was fine but "data" does not have the report's shape.
		return nil, responseError(ex.status, ex.ctype, ex.data)
	}
	if rd == nil {
		var errs GraphQLErrors
		errors.As(err, &errs)
		return nil, &ReportUnavailableError{Code: code, Reason: unavailableReason(errs), Errs: errs}
	}
	return rd, err
}

// unavailableReason reads why from the site's words (ARCHON.md: "This report
// does not exist.", or a permission message with report: null).
func unavailableReason(errs GraphQLErrors) ReportUnavailable {
	if len(errs) == 0 {
		return ReportNotFound
	}
	for _, e := range errs {
		m := strings.ToLower(e.Message)
		switch {
		case strings.Contains(m, "permission"), strings.Contains(m, "private"), strings.Contains(m, "not authorized"):
			return ReportForbidden
		case strings.Contains(m, "does not exist"), strings.Contains(m, "not found"):
			return ReportNotFound
		}
	}
	return ReportRefused
}

// decodeReportDetail is the answer's data member as a ReportDetail: nil when
// it holds no report. Fuzzed (FuzzDecodeReportDetail).
func decodeReportDetail(data json.RawMessage) (*ReportDetail, error) {
	var d reportDetailData
	if len(data) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	return d.detail(), nil
}

func (d *reportDetailData) detail() *ReportDetail {
	if d.ReportData == nil || d.ReportData.Report == nil {
		return nil
	}
	w := d.ReportData.Report
	rd := &ReportDetail{Report: w.report(), Fights: make([]Fight, 0, len(w.Fights))}
	for _, f := range w.Fights {
		if f != nil {
			rd.Fights = append(rd.Fights, f.fight())
		}
	}
	if w.MasterData != nil {
		for _, a := range w.MasterData.Actors {
			// The query asks for players only; a site that ignored the
			// filter must not list its NPCs and pets as people.
			if a != nil && (a.Type == nil || *a.Type == "Player") {
				rd.Players = append(rd.Players, a.player())
			}
		}
	}
	return rd
}

func (w *wireFight) fight() Fight {
	f := Fight{ID: w.ID, Name: w.Name, EncounterID: w.EncounterID, Kill: w.Kill != nil && *w.Kill,
		Start: relMillis(w.StartTime), End: relMillis(w.EndTime),
		BossPercentage: percentage(w.BossPercentage), FightPercentage: percentage(w.FightPercentage)}
	if w.Difficulty != nil {
		f.Difficulty = *w.Difficulty
	}
	if f.End < f.Start {
		f.End = f.Start
	}
	return f
}

func (w *wireActor) player() Player {
	p := Player{}
	if w.ID != nil {
		p.ID = *w.ID
	}
	if w.Name != nil {
		p.Name = *w.Name
	}
	if w.SubType != nil {
		p.Class = *w.SubType
	}
	if w.Server != nil {
		p.Server = *w.Server
	}
	return p
}

// maxFightMillis bounds a fight's offset into its report (a week): a log
// longer than that is not something the sites accept.
const maxFightMillis = 7 * 24 * 60 * 60 * 1000

// relMillis converts milliseconds from the report's start to a duration;
// negative and NaN give 0, and values past a week are capped.
func relMillis(ms float64) time.Duration {
	if !(ms > 0) {
		return 0
	}
	return time.Duration(math.Round(min(ms, maxFightMillis))) * time.Millisecond
}

// percentage keeps a health percentage within 0–100; nil stays nil (unknown)
// and so does NaN.
func percentage(p *float64) *float64 {
	if p == nil || math.IsNaN(*p) {
		return nil
	}
	v := min(max(*p, 0), 100)
	return &v
}
