package logsapi

import "context"

// User fetches a user's public profile by id: id, name and the game's own
// fields (guilds and characters are only offered for the signed-in user; see
// Overview). It returns (nil, nil) when the site knows no such user.
func (c *Client) User(ctx context.Context, id int) (*User, error) {
	var d struct {
		UserData *struct {
			User *wireUser `json:"user"`
		} `json:"userData"`
	}
	_, err := c.do(ctx, c.q.user, map[string]any{"id": id}, &d)
	if err != nil && !isGraphQL(err) {
		return nil, err
	}
	var u *User
	if d.UserData != nil {
		u = d.UserData.User.user()
	}
	return u, err
}
