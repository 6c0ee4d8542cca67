package logsapi

import (
	"strings"

	"github.com/pkcelogs/pkcelogs/sites"
)

// The queries differ by game only in which User and Character fields exist;
// each is checked against the sites' published schemas by
// dev/internal/schemacheck, through testdata/queries.json (queries_test.go).

// queries holds one game's documents, built once per Client.
type queries struct {
	overview          string // profile + reports page + rate limit, one request
	overviewNoReports string // the same when the user id is not known yet
	reports           string
	reportsRange      string // a page of reports in a time range, with the rate limit (allreports.go)
	user              string
	rateLimit         string
	reportDetail      string // report_detail.go
}

const serverFragment = `fragment ServerFields on Server { id name slug region { id name compactName slug } }`

const reportPageFragment = `fragment ReportPageFields on ReportPagination {
  data {
    code title startTime endTime visibility
    owner { id name }
    guild { id name faction { id name } server { ...ServerFields } }
    zone { id name }
  }
  total per_page current_page last_page has_more_pages
}`

const rateLimitFragment = `fragment RateLimitFields on RateLimitData { limitPerHour pointsSpentThisHour pointsResetIn }`

// userFields lists the User fields the game's schema has besides id and name.
func userFields(game string) string {
	switch game {
	case sites.GameWarcraft:
		return "avatar battleTag"
	case sites.GameESO:
		return "naDisplayName euDisplayName"
	}
	return "" // FF Logs' User has only id, name, guilds and characters
}

// characterFields lists the Character fields beyond the ones all games share.
func characterFields(game string) string {
	switch game {
	case sites.GameWarcraft:
		return "level"
	case sites.GameFFXIV:
		return "level lodestoneID"
	case sites.GameESO:
		return "displayName" // ESO Logs' Character has no level
	}
	return ""
}

func profileFragment(game string) string {
	return `fragment Profile on User {
  id name ` + userFields(game) + `
  guilds { id name faction { id name } currentUserRank server { ...ServerFields } }
  characters { id name classID hidden claimed ` + characterFields(game) + ` server { ...ServerFields } }
}`
}

func buildQueries(game string) queries {
	profile := profileFragment(game)
	return queries{
		overview: doc(`query Overview($userID: Int!, $limit: Int, $page: Int) {
  userData { currentUser { ...Profile } }
  reportData { reports(userID: $userID, limit: $limit, page: $page) { ...ReportPageFields } }
  rateLimitData { ...RateLimitFields }
}`, profile, reportPageFragment, rateLimitFragment, serverFragment),
		overviewNoReports: doc(`query OverviewProfile {
  userData { currentUser { ...Profile } }
  rateLimitData { ...RateLimitFields }
}`, profile, rateLimitFragment, serverFragment),
		reports: doc(`query Reports($userID: Int!, $limit: Int, $page: Int) {
  reportData { reports(userID: $userID, limit: $limit, page: $page) { ...ReportPageFields } }
}`, reportPageFragment, serverFragment),
		reportsRange: doc(`query ReportsRange($userID: Int!, $limit: Int, $page: Int, $startTime: Float, $endTime: Float) {
  reportData { reports(userID: $userID, limit: $limit, page: $page, startTime: $startTime, endTime: $endTime) { ...ReportPageFields } }
  rateLimitData { ...RateLimitFields }
}`, reportPageFragment, rateLimitFragment, serverFragment),
		user: doc(`query User($id: Int!) {
  userData { user(id: $id) { id name ` + userFields(game) + ` } }
}`),
		rateLimit:    doc(`query RateLimit { rateLimitData { ...RateLimitFields } }`, rateLimitFragment),
		reportDetail: buildReportDetailQuery(),
	}
}

func doc(operation string, fragments ...string) string {
	return strings.Join(append([]string{operation}, fragments...), "\n")
}
