package session

import (
	"fmt"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// Once an API call said the session has ended, the dead token left in local
// storage (for the other tabs to judge) never signs this page in again: with
// two API callers (the overview and the report explorer) each re-read of the
// token signed the page in, the other caller's 401 ended it, and the two took
// turns for ever, a request loop against the site.
func TestEndedSessionIsNotTakenUpAgain(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab := NewMemoryBrowser(appURL)
	s := signedIn(t, srv, tab, StorageLocal)
	r, err := s.Refresher()
	if err != nil {
		t.Fatal(err)
	}
	changes := 0
	stop := s.Subscribe(func() { changes++ })
	defer stop()

	s.NoteError(fmt.Errorf("the site said: %w", pkce.ErrSignInAgain))
	if s.SignedIn() {
		t.Fatal("still signed in after the session ended")
	}
	changes = 0
	// A caller still holding the refresher reads the token again.
	if tok, err := s.loadAuthority(ctx(t)); tok != nil || err != nil {
		t.Errorf("loadAuthority after the end: %v %v, want no token", tok, err)
	}
	if _, err := r.Token(ctx(t)); err == nil {
		t.Error("the refresher still hands out the ended token")
	}
	if s.loadMirror(); s.SignedIn() || changes != 0 {
		t.Errorf("the ended token signed the page in again (signed in %v, %d changes)", s.SignedIn(), changes)
	}

	// A new sign-in is a new token: taken up as usual.
	s2 := signedIn(t, srv, tab, StorageLocal)
	if !s2.SignedIn() {
		t.Fatal("a new sign-in on the tab did not sign in")
	}
	if s.loadAuthority(ctx(t)); !s.SignedIn() {
		t.Error("the page does not take up the new sign-in's token")
	}
}
