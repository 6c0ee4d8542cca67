//go:build pkcelogs_lite

package ui

import (
	"context"
	"errors"
)

// The signed-out build never shows the dashboard nor anyone signed in: a
// page that finds someone signed in loads the full build instead (lite.go).
// Leaving these calls out keeps the GraphQL client, the token requests and
// net/http's client out of the build.

func fetchOverview(ctx context.Context, s *Session, gen int) {}

func signOut(ctx context.Context, s *Session) error {
	return errors.New("this page is still starting: reload it and sign out again")
}

// finishSignOut is left to the full build, which the page's loader picks
// while a sign-out is pending (session.SignOutHint).
func finishSignOut(s *Session) {}

// LiteBuild reports whether this is the signed-out build (-tags pkcelogs_lite).
const LiteBuild = true

// Console stands for the query console, which the signed-out build leaves
// out (console.go): its routes send /console to a full page load
// (LiteRoutes), so ConsolePage never renders it. Leaving the console out
// keeps gqlparser out: its validator registers every rule in its init, so
// importing it at all links them (~0.3 MB raw).
type Console struct {
	fullLoad
	Session *Session
}
