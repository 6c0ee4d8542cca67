package session

import (
	"testing"
	"time"
)

// Sign-out deletes every cached list of a person's data, and nothing else in
// Shared that the session still needs.
func TestSignOutClearsCaches(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab := NewMemoryBrowser(appURL)
	s := signedIn(t, srv, tab, StorageLocal)
	sh := tab.Shared()
	for _, k := range []string{CachePrefix + "reports:strict:1", CachePrefix + "reports:other:2"} {
		if err := sh.Update(ctx(t), k, func(string, bool) (string, bool, error) { return "[]", true, nil }); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SignOut(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if keys, err := sh.Keys(ctx(t), CachePrefix); err != nil || len(keys) != 0 {
		t.Fatalf("after sign-out the caches hold %v (%v)", keys, err)
	}
}
