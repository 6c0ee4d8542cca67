package session

// The last first-screen data, kept for the next visit: a person reopening
// the app sees their dashboard at once, marked with its age, while the fresh
// request runs (issue 14). It is kept where the token is (local or session
// storage; nothing with memory storage), belongs to one person on one site,
// and goes with the sign-out.

import (
	"encoding/json"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
)

// keyOverview holds the last overview, in the token's storage.
const keyOverview = "pkcelogs.overview"

// overviewCacheMaxAge is how old kept data may be and still be shown: older,
// it says more about the past than about the person's logs now.
const overviewCacheMaxAge = 7 * 24 * time.Hour

type cachedOverview struct {
	SiteID  string            `json:"site"`
	Subject string            `json:"sub"`
	At      time.Time         `json:"at"`
	Data    *logsapi.Overview `json:"data"`
}

// saveOverview keeps ov, fetched at at for t's person, for the next visit.
// Failing to keep it (storage full) only costs that visit its head start.
func (s *Session) saveOverview(t *pkce.Token, ov *logsapi.Overview, at time.Time) {
	if t == nil || ov == nil || s.opts.Storage == StorageMemory {
		return
	}
	store, err := s.tokenStore()
	if err != nil {
		return
	}
	data, err := json.Marshal(cachedOverview{SiteID: t.SiteID, Subject: t.Subject, At: at.UTC(), Data: ov})
	if err == nil {
		store.Set(keyOverview, string(data))
	}
}

// loadOverview returns the kept overview if it is t's person's, on t's site,
// and recent enough; else nil.
func (s *Session) loadOverview(t *pkce.Token, now time.Time) (*logsapi.Overview, time.Time) {
	if t == nil || s.opts.Storage == StorageMemory {
		return nil, time.Time{}
	}
	store, err := s.tokenStore()
	if err != nil {
		return nil, time.Time{}
	}
	raw, ok, err := store.Get(keyOverview)
	if err != nil || !ok {
		return nil, time.Time{}
	}
	var c cachedOverview
	if json.Unmarshal([]byte(raw), &c) != nil || c.Data == nil || c.SiteID != t.SiteID || c.Subject != t.Subject ||
		now.Sub(c.At) > overviewCacheMaxAge || c.At.After(now.Add(time.Minute)) {
		return nil, time.Time{}
	}
	return c.Data, c.At
}

// forgetOverview drops the kept overview (signed out).
func (s *Session) forgetOverview() {
	if s.opts.Storage == StorageMemory {
		return
	}
	if store, err := s.tokenStore(); err == nil {
		store.Delete(keyOverview)
	}
}
