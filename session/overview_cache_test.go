package session

import (
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// A later visit of the same person shows the last overview at once, marked
// as kept; another storage kind, stale data or a sign-out show none.
func TestOverviewKeptForTheNextVisit(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab := NewMemoryBrowser(appURL)
	s := signedIn(t, srv, tab, StorageLocal)
	if st := s.Overview(); st.Data != nil || st.Cached {
		t.Fatalf("a first sign-in shows kept data: %+v", st)
	}
	fetched := time.Now().Add(-3 * time.Minute)
	s.saveOverview(s.Token(), &logsapi.Overview{User: &logsapi.User{ID: 7, Name: "Alice"}}, fetched)

	later := New(s.Options(), nil, tab.NewTab(appURL)) // the app opened again
	st := later.Overview()
	if st.Data == nil || st.Data.User == nil || st.Data.User.Name != "Alice" || !st.Cached || !st.FetchedAt.Equal(fetched.UTC()) {
		t.Fatalf("reopened: %+v, want Alice's kept overview from %v", st, fetched)
	}

	// Too old to show.
	s.saveOverview(s.Token(), &logsapi.Overview{User: &logsapi.User{Name: "Alice"}}, time.Now().Add(-overviewCacheMaxAge-time.Hour))
	if st := New(s.Options(), nil, tab.NewTab(appURL)).Overview(); st.Data != nil {
		t.Errorf("a week-old overview is shown: %+v", st)
	}

	// Signed out: gone.
	s.saveOverview(s.Token(), &logsapi.Overview{User: &logsapi.User{Name: "Alice"}}, time.Now())
	if _, err := s.SignOut(ctx(t)); err != nil {
		t.Fatal(err)
	}
	store, _ := tab.Store(StorageLocal)
	if _, ok, _ := store.Get(keyOverview); ok {
		t.Error("the kept overview outlives the sign-out")
	}
}
