package logsapi

import "context"

// Reports fetches one page (1 or more; 0 means the first) of the user's
// reports, limit of them (1–100, larger is capped; 0 means the site's default of 100). Private
// reports are included when the token has the view-private-reports scope.
func (c *Client) Reports(ctx context.Context, userID, page, limit int) (*ReportPage, error) {
	var d struct {
		ReportData *struct {
			Reports *wireReportPage `json:"reports"`
		} `json:"reportData"`
	}
	vars := map[string]any{"userID": userID, "page": optional(page), "limit": pageSize(limit)}
	_, err := c.do(ctx, c.q.reports, vars, &d)
	if err != nil && !isGraphQL(err) {
		return nil, err
	}
	var p *ReportPage
	if d.ReportData != nil {
		p = d.ReportData.Reports.page()
	}
	return p, err
}
