package logsapi

import (
	"context"
	"time"
)

// ReportsRange fetches one page (1 or more) of the user's reports that started
// between start and end, both included (a zero time leaves that side open),
// limit of them (1–100; 0 means 100), newest first, with the client's rate
// limit as it stands after the request: a full fetch pages through it and a
// return visit asks only for what started since the newest report it has.
// startTime and endTime are UNIX milliseconds on the wire, as in the schema.
func (c *Client) ReportsRange(ctx context.Context, userID, page, limit int, start, end time.Time) (*ReportPage, *RateLimit, error) {
	var d struct {
		ReportData *struct {
			Reports *wireReportPage `json:"reports"`
		} `json:"reportData"`
		RateLimitData *wireRateLimit `json:"rateLimitData"`
	}
	vars := map[string]any{"userID": userID, "page": optional(page), "limit": pageSize(limit)}
	if !start.IsZero() {
		vars["startTime"] = float64(start.UnixMilli())
	}
	if !end.IsZero() {
		vars["endTime"] = float64(end.UnixMilli())
	}
	_, err := c.do(ctx, c.q.reportsRange, vars, &d)
	if err != nil && !isGraphQL(err) {
		return nil, nil, err
	}
	var p *ReportPage
	if d.ReportData != nil {
		p = d.ReportData.Reports.page()
	}
	return p, d.RateLimitData.rateLimit(), err
}
