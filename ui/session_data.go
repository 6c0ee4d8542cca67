package ui

// The first screen's data, the rate limit and notices, shared by the components.

import (
	"context"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// OverviewState is the first screen's data as the session holds it.
type OverviewState struct {
	Data    *logsapi.Overview
	Err     error
	Loading bool
}

// Overview returns the first screen's data, and whether a fetch is needed.
func (s *Session) Overview() OverviewState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return OverviewState{Data: s.overview.data, Err: s.overview.err, Loading: s.overview.loading}
}

// claimOverview reports whether the caller should fetch the overview: the
// first caller while none is held or under way. Every component of the page
// calls it; one request goes out. gen identifies the sign-in it is for.
func (s *Session) claimOverview(force bool) (gen int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == nil || s.overview.loading || (s.overview.started && !force) {
		return 0, false
	}
	s.overview.started, s.overview.loading = true, true
	return s.overview.gen, true
}

// fetchOverview runs the one GraphQL request of the first screen. Call it in
// ctx.Async after claimOverview returned true.
func (s *Session) fetchOverview(ctx context.Context, gen int) {
	var ov *logsapi.Overview
	api, err := s.API()
	if err == nil {
		userID := 0
		if t := s.Token(); t != nil {
			userID, _ = t.UserID()
		}
		perfMark("overview-request")
		ov, err = api.Overview(ctx, userID, reportsPerPage)
		perfMark("overview-decoded")
	}
	s.mu.Lock()
	if s.overview.gen != gen {
		s.mu.Unlock() // signed out or in as someone else meanwhile
		return
	}
	s.overview.loading = false
	if ov != nil || err == nil {
		s.overview.data = ov
	} // else a failed reload keeps what was shown, beside the error
	s.overview.err = err
	if ov != nil && ov.RateLimit != nil {
		s.rate, s.rateAt = ov.RateLimit, time.Now()
	}
	s.mu.Unlock()
	s.changed()
}

// RateLimit returns the last known rate limit and when it was read.
func (s *Session) RateLimit() (*logsapi.RateLimit, time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rate, s.rateAt
}

// noteRateLimit records a rate limit read after a query (the console).
func (s *Session) noteRateLimit(rl *logsapi.RateLimit) {
	if rl == nil {
		return
	}
	s.mu.Lock()
	s.rate, s.rateAt = rl, time.Now()
	s.mu.Unlock()
	s.changed()
}

// Notice is a failure to show beside the page once, such as a revocation the
// site refused at sign-out.
func (s *Session) Notice() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.notice
}

func (s *Session) setNotice(err error) {
	s.mu.Lock()
	s.notice = err
	s.mu.Unlock()
	s.changed()
}
