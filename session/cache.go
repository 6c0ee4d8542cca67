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

// LocalCachePrefix starts the local-storage keys of what the person made or
// fetched in this browser that is not a setting (the console's saved queries,
// which may name unlisted reports and ids). SignOut deletes every one, like
// the Shared keys under CachePrefix.
const LocalCachePrefix = "pkcelogs.cache."

// cacheClearTimeout bounds the clearing at sign-out, so a stuck IndexedDB
// cannot hold the sign-out up.
const cacheClearTimeout = 5 * time.Second

// clearCaches deletes every key under CachePrefix in Shared and under
// LocalCachePrefix in local storage. Errors are ignored: the person is signed
// out regardless, and the caches are keyed by site and user, so another
// person never reads them through the app.
func (s *Session) clearCaches(ctx context.Context) {
	if local, err := s.browser.Store(StorageLocal); err == nil {
		if keys, err := local.Keys(LocalCachePrefix); err == nil {
			for _, k := range keys {
				local.Delete(k)
			}
		}
	}
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
