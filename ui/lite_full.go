//go:build !pkcelogs_lite

package ui

import (
	"context"

	"github.com/pkcelogs/pkcelogs/session"
)

// The calls the signed-out build (-tags pkcelogs_lite, cmd/wasm-lite) leaves
// out, each of which would link net/http's client: see lite.go.

// fetchOverview runs the first screen's GraphQL request.
func fetchOverview(ctx context.Context, s *Session, gen int) { s.FetchOverview(ctx, gen) }

// signOut signs out, revoking at the site.
func signOut(ctx context.Context, s *Session) error {
	_, err := s.SignOut(ctx)
	return err
}

// finishSignOut completes a sign-out an earlier page left unfinished,
// revoking at the site (session.FinishSignOut).
func finishSignOut(s *Session) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*session.ExchangeTimeout)
	defer cancel()
	s.FinishSignOut(ctx)
}

// LiteBuild reports whether this is the signed-out build (-tags pkcelogs_lite).
const LiteBuild = false
