package session

import (
	"context"
	"time"
)

// CachePrefix starts the Shared keys under which a person's data is kept for
// speed, not for the session (the full list of their reports: package
// reportsync). They are per site and per user, and SignOut deletes every one:
// the next person on this browser must not see them.
const CachePrefix = "cache:"

// cacheClearTimeout bounds the clearing at sign-out, so a stuck IndexedDB
// cannot hold the sign-out up.
const cacheClearTimeout = 5 * time.Second

// clearCaches deletes every key under CachePrefix. Errors are ignored: the
// person is signed out regardless, and the caches are keyed by site and user,
// so another person never reads them through the app.
func (s *Session) clearCaches(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, cacheClearTimeout)
	defer cancel()
	sh := s.browser.Shared()
	keys, err := sh.Keys(ctx, CachePrefix)
	if err != nil {
		return
	}
	for _, k := range keys {
		sh.Update(ctx, k, func(string, bool) (string, bool, error) { return "", false, nil })
	}
}
