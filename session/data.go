package session

// The API client, the first screen's data, the rate limit and notices.

import (
	"context"
	"errors"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
)

type overviewState struct {
	data    *logsapi.Overview
	err     error
	loading bool
	started bool
	at      time.Time // when data arrived (kept data: when it was fetched)
	fetched bool      // data is this page's own fetch, not the kept one
	gen     int       // which sign-in the state belongs to (see resetOverview)
}

// resetOverview forgets the first screen's data (another person, or nobody,
// is signed in now). A fetch still under way for the previous sign-in sees
// the generation change and drops its result. Call with s.mu held.
func (s *Session) resetOverview() {
	s.overview = overviewState{gen: s.overview.gen + 1}
}

// API returns the user GraphQL API client of the signed-in site, over the
// refresher (bearer token, refresh on expiry and once on a 401).
func (s *Session) API() (*logsapi.Client, error) {
	t := s.Token()
	if t == nil {
		return nil, pkce.ErrNotSignedIn
	}
	key := t.SiteID + "|" + t.ClientID
	s.mu.Lock()
	if c, ok := s.api.(*logsapi.Client); ok && s.apiFor == key {
		defer s.mu.Unlock()
		return c, nil
	}
	s.mu.Unlock()
	r, err := s.Refresher()
	if err != nil {
		return nil, err
	}
	site, err := s.Site(t.SiteID)
	if err != nil {
		return nil, err
	}
	c := logsapi.New(site.APIURL, r.Client(nil), site.Game)
	s.mu.Lock()
	s.api, s.apiFor = c, key
	s.mu.Unlock()
	return c, nil
}

// OverviewState is the first screen's data as the session holds it.
type OverviewState struct {
	Data    *logsapi.Overview
	Err     error
	Loading bool
	// FetchedAt is when Data was fetched (zero without Data): "updated 3 min
	// ago". On a later visit, until the fresh request answers, Data is the
	// kept data of the last one and Cached is true.
	FetchedAt time.Time
	Cached    bool
}

// Overview returns the first screen's data.
func (s *Session) Overview() OverviewState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return OverviewState{Data: s.overview.data, Err: s.overview.err, Loading: s.overview.loading,
		FetchedAt: s.overview.at, Cached: s.overview.data != nil && !s.overview.fetched}
}

// ClaimOverview reports whether the caller should fetch the overview: the
// first caller while none is held or under way (or any caller, with force).
// Every component of the page calls it; one request goes out. gen identifies
// the sign-in it is for; pass it to FetchOverview.
func (s *Session) ClaimOverview(force bool) (gen int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == nil || s.overview.loading || (s.overview.started && !force) {
		return 0, false
	}
	s.overview.started, s.overview.loading = true, true
	return s.overview.gen, true
}

// FetchOverview runs the one GraphQL request of the first screen, after
// ClaimOverview returned true. Call it off the UI goroutine.
func (s *Session) FetchOverview(ctx context.Context, gen int) {
	var ov *logsapi.Overview
	api, err := s.API()
	if err == nil {
		userID := 0
		if t := s.Token(); t != nil {
			userID, _ = t.UserID()
		}
		ov, err = api.Overview(ctx, userID, ReportsPerPage)
	}
	s.NoteError(err)
	s.mu.Lock()
	if s.overview.gen != gen {
		s.mu.Unlock() // signed out or in as someone else meanwhile
		return
	}
	s.overview.loading = false
	var keep *pkce.Token
	if ov != nil || err == nil {
		s.overview.data, s.overview.at, s.overview.fetched = ov, time.Now(), true
		keep = s.token
	} // else a failed reload keeps what was shown, beside the error
	s.overview.err = err
	if ov != nil && ov.RateLimit != nil {
		s.rate, s.rateAt = ov.RateLimit, time.Now()
	}
	at := s.overview.at
	s.mu.Unlock()
	s.saveOverview(keep, ov, at)
	s.changed()
}

// prefetchOverview starts the first screen's request as soon as a sign-in
// has its token, for a person going back to the first screen: it travels
// while the page leaves the callback and draws the dashboard, which finds it
// under way (ClaimOverview) instead of sending it after its first render.
func (s *Session) prefetchOverview() {
	gen, ok := s.ClaimOverview(false)
	if !ok {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), QueryTimeout)
		defer cancel()
		s.FetchOverview(ctx, gen)
	}()
}

// NoteError lets the session act on an API call's failure: when the session
// is over (the refresh token was spent by the tab this one was duplicated
// from, or the site refused it), this tab's copy is forgotten, so the page
// offers a sign-in instead of failing on every call; with session storage a
// duplicated tab signs in again by itself, once (the site remembers the
// consent, so it is one round trip).
func (s *Session) NoteError(err error) {
	if err == nil || !errSessionEnded(err) {
		return
	}
	t := s.Token()
	if t == nil {
		return
	}
	if s.opts.Storage != StorageLocal {
		if store, serr := s.tokenStore(); serr == nil {
			store.Delete(keyToken)
		}
	}
	s.mu.Lock()
	s.ended = t
	s.mu.Unlock()
	s.adopt(nil)
	s.setNotice(err) // say why the page is signed out now
	if errors.Is(err, pkce.ErrRefreshTokenSpent) && s.opts.Storage == StorageSession && s.claimAutoSignIn() {
		returnTo := s.opts.Path(PathHome)
		if u := s.browser.Location(); u != "" {
			returnTo = SafeReturnPath(pkce.LocalPath(pathOf(u)), s.opts)
		}
		s.SignIn(t.SiteID, returnTo)
	}
}

// claimAutoSignIn allows one automatic sign-in per tab per ten minutes, so a
// site that does not remember the consent cannot make a loop.
func (s *Session) claimAutoSignIn() bool {
	store, err := s.browser.Store(StorageSession)
	if err != nil {
		return false
	}
	const key = "pkcelogs.auto_signin"
	if v, ok, _ := store.Get(key); ok {
		if at, err := time.Parse(time.RFC3339, v); err == nil && time.Since(at) < 10*time.Minute {
			return false
		}
	}
	return store.Set(key, time.Now().UTC().Format(time.RFC3339)) == nil
}

// RateLimit returns the last known rate limit and when it was read.
func (s *Session) RateLimit() (*logsapi.RateLimit, time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rate, s.rateAt
}

// NoteRateLimit records a rate limit read after a query (the console).
func (s *Session) NoteRateLimit(rl *logsapi.RateLimit) {
	if rl == nil {
		return
	}
	s.mu.Lock()
	s.rate, s.rateAt = rl, time.Now()
	s.mu.Unlock()
	s.changed()
}

// Notice is the last outcome to show beside the page once: a sign-out's
// SignOutResult, or an error.
func (s *Session) Notice() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.notice
}

// ClearNotice forgets the notice once it has been shown.
func (s *Session) ClearNotice() { s.setNotice(nil) }

func (s *Session) setNotice(n any) {
	s.mu.Lock()
	s.notice = n
	s.mu.Unlock()
	s.changed()
}
