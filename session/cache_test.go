package session

import (
	"testing"
	"time"
)

// fillCaches puts a person's data in the caches: lists in Shared, saved
// queries in local storage, next to a setting that must stay.
func fillCaches(t *testing.T, tab *MemoryBrowser) {
	t.Helper()
	for _, k := range []string{CachePrefix + "reports:strict:1", CachePrefix + "reports:other:2"} {
		if err := tab.Shared().Update(ctx(t), k, func(string, bool) (string, bool, error) { return "[]", true, nil }); err != nil {
			t.Fatal(err)
		}
	}
	local, _ := tab.Store(StorageLocal)
	if err := local.Set(LocalCachePrefix+"console.saved.strict", "[]"); err != nil {
		t.Fatal(err)
	}
	if err := local.Set(keySite, "strict"); err != nil {
		t.Fatal(err)
	}
}

// expectCachesCleared: no cached data left, the setting kept.
func expectCachesCleared(t *testing.T, tab *MemoryBrowser) {
	t.Helper()
	if keys, err := tab.Shared().Keys(ctx(t), CachePrefix); err != nil || len(keys) != 0 {
		t.Errorf("after sign-out the caches hold %v (%v)", keys, err)
	}
	local, _ := tab.Store(StorageLocal)
	if keys, _ := local.Keys(LocalCachePrefix); len(keys) != 0 {
		t.Errorf("after sign-out local storage holds %v", keys)
	}
	if _, ok, _ := local.Get(keySite); !ok {
		t.Error("sign-out deleted a setting")
	}
}

// Sign-out deletes every cached list of a person's data and their saved
// queries, and nothing else that the session still needs.
func TestSignOutClearsCaches(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab := NewMemoryBrowser(appURL)
	s := signedIn(t, srv, tab, StorageLocal)
	fillCaches(t, tab)
	if _, err := s.SignOut(ctx(t)); err != nil {
		t.Fatal(err)
	}
	expectCachesCleared(t, tab)
}

// A sign-out the next page finishes clears them too: the page that began it
// may have been closed first.
func TestFinishSignOutClearsCaches(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab := NewMemoryBrowser(appURL)
	a := signedIn(t, srv, tab, StorageLocal)
	release := holdLock(t, tab, a.Token())
	signOutThenLeave(t, a)
	release()
	fillCaches(t, tab) // what the closed page never got to clear
	b := New(a.Options(), nil, tab.NewTab(appURL))
	if _, done, err := b.FinishSignOut(ctx(t)); !done || err != nil {
		t.Fatalf("FinishSignOut: done %v, %v", done, err)
	}
	expectCachesCleared(t, tab)
}
