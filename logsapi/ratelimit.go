package logsapi

import "context"

// RateLimit fetches the client id's hourly point budget.
func (c *Client) RateLimit(ctx context.Context) (*RateLimit, error) {
	var d struct {
		RateLimitData *wireRateLimit `json:"rateLimitData"`
	}
	_, err := c.do(ctx, c.q.rateLimit, nil, &d)
	if err != nil && !isGraphQL(err) {
		return nil, err
	}
	return d.RateLimitData.rateLimit(), err
}
