package logsapi

import "context"

type overviewData struct {
	UserData *struct {
		CurrentUser *wireUser `json:"currentUser"`
	} `json:"userData"`
	ReportData *struct {
		Reports *wireReportPage `json:"reports"`
	} `json:"reportData"`
	RateLimitData *wireRateLimit `json:"rateLimitData"`
}

func (d *overviewData) overview() *Overview {
	o := &Overview{RateLimit: d.RateLimitData.rateLimit()}
	if d.UserData != nil {
		o.User = d.UserData.CurrentUser.user()
	}
	if d.ReportData != nil {
		o.Reports = d.ReportData.Reports.page()
	}
	return o
}

// Overview fetches the first screen in one request: the signed-in user's
// profile, guilds and characters, page 1 of that user's reports
// (reportsPerPage of them, 1–100, larger is capped; 0 means the site's default) and the rate
// limit. userID is the token's subject (pkce.Token.UserID); when it is not
// known (0), the reports come from a second request once the profile has
// named the user.
//
// Overview.User is nil when the token lacks the view-user-profile scope. With
// GraphQLErrors the returned Overview still holds whatever did come back.
func (c *Client) Overview(ctx context.Context, userID, reportsPerPage int) (*Overview, error) {
	var d overviewData
	query, vars := c.q.overview, map[string]any{"userID": userID, "limit": pageSize(reportsPerPage)}
	if userID <= 0 {
		query, vars = c.q.overviewNoReports, nil
	}
	_, err := c.do(ctx, query, vars, &d)
	if err != nil && !isGraphQL(err) {
		return nil, err
	}
	o := d.overview()
	if userID <= 0 && o.User != nil && o.User.ID > 0 {
		page, perr := c.Reports(ctx, o.User.ID, 1, reportsPerPage)
		if perr != nil && !isGraphQL(perr) {
			return o, perr
		}
		o.Reports = page
		if err == nil {
			err = perr
		}
	}
	return o, err
}
