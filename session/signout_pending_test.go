package session

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// holdLock takes the session lock of t's session on tab, as a refresh in
// another tab does, until the returned func is called.
func holdLock(t *testing.T, tab *MemoryBrowser, tok *pkce.Token) (release func()) {
	t.Helper()
	held, done := make(chan struct{}), make(chan struct{})
	go tab.Locker().WithLock(context.Background(), pkce.LockName(tok.SiteID, tok.ClientID), func(context.Context) error {
		close(held)
		<-done
		return nil
	})
	select {
	case <-held:
	case <-time.After(5 * time.Second):
		t.Fatal("the lock was not taken")
	}
	return func() { close(done) }
}

// signOutThenLeave clicks Sign out on s while the lock is held elsewhere, and
// leaves the page (reload, closed tab) as soon as it shows signed out, before
// the sign-out could take the lock.
func signOutThenLeave(t *testing.T, s *Session) {
	t.Helper()
	page, leave := context.WithCancel(context.Background())
	finished := make(chan struct{})
	go func() {
		s.SignOut(page)
		close(finished)
	}()
	for i := 0; s.SignedIn(); i++ {
		if i == 200 {
			t.Fatal("the page still shows someone signed in 2 s after Sign out")
		}
		time.Sleep(10 * time.Millisecond)
	}
	leave()
	<-finished
}

// A page left (reloaded, closed) right after Sign out, while its sign-out
// waited for the session lock, used to leave the token in storage, and the
// next page was signed in again. Now the next page is signed out at once, in
// its first render and under the lock; once the lock is free, FinishSignOut
// deletes the token, revokes it at the site, and the mark is gone.
func TestSignOutSurvivesLeavingThePage(t *testing.T) {
	for _, storage := range []string{StorageLocal, StorageSession} {
		t.Run(storage, func(t *testing.T) {
			srv := newRotatingServer(t, time.Hour)
			srv.revocable = true
			tab := NewMemoryBrowser(appURL)
			a := signedIn(t, srv, tab, storage)
			tok := a.Token()
			release := holdLock(t, tab, tok)
			signOutThenLeave(t, a)

			next := tab // session storage outlives a reload of the same tab
			b := New(a.Options(), nil, next)
			if b.SignedIn() {
				t.Fatal("the reloaded page starts signed in")
			}
			if got, err := b.loadAuthority(ctx(t)); got != nil || err != nil || b.SignedIn() {
				t.Fatalf("the reloaded page takes the token up from the authority: %v %v", got, err)
			}
			if storage == StorageLocal {
				other := New(a.Options(), nil, tab.NewTab(appURL))
				if got, _ := other.loadAuthority(ctx(t)); got != nil || other.SignedIn() {
					t.Fatal("another tab takes the token up")
				}
			}
			if len(srv.revokes) != 0 {
				t.Fatalf("revoked before the lock was free: %v", srv.revokes)
			}

			release()
			res, done, err := b.FinishSignOut(ctx(t))
			if err != nil || !done || !res.Revoked {
				t.Fatalf("FinishSignOut: %+v done %v, %v", res, done, err)
			}
			srv.mu.Lock()
			revokes := slices.Clone(srv.revokes)
			srv.mu.Unlock()
			if !slices.Contains(revokes, tok.RefreshToken) && !slices.Contains(revokes, tok.AccessToken) {
				t.Errorf("the site was sent %v, not the signed-out token", revokes)
			}
			if got, _ := b.readAuthority(ctx(t)); got != nil {
				t.Errorf("the authority still holds a token after FinishSignOut")
			}
			if _, pending := b.pendingSignOut(); pending {
				t.Error("the sign-out mark is still there")
			}
			if _, again, _ := b.FinishSignOut(ctx(t)); again {
				t.Error("FinishSignOut ran twice")
			}
			if msg := b.Notice(); msg == nil {
				t.Error("the finished sign-out left no notice to show")
			}
		})
	}
}

// A sign-out that did not finish never ends a session begun after it: the
// new sign-in takes the mark away, and FinishSignOut then does nothing.
func TestNewSignInOutlivesAnUnfinishedSignOut(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	srv.revocable = true
	tab := NewMemoryBrowser(appURL)
	a := signedIn(t, srv, tab, StorageLocal)
	release := holdLock(t, tab, a.Token())
	signOutThenLeave(t, a)
	release()

	b := signedIn(t, srv, tab.NewTab(appURL), StorageLocal)
	if _, done, err := b.FinishSignOut(ctx(t)); done || err != nil {
		t.Fatalf("FinishSignOut after a new sign-in: done %v, %v", done, err)
	}
	if got, _ := b.loadAuthority(ctx(t)); got == nil || !b.SignedIn() {
		t.Fatal("the new sign-in was ended by the earlier sign-out")
	}
	if len(srv.revokes) != 0 {
		t.Fatalf("the site was asked to revoke %v", srv.revokes)
	}
}

// A sign-out that finishes on its page leaves no mark behind.
func TestFinishedSignOutLeavesNoMark(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	srv.revocable = true
	tab := NewMemoryBrowser(appURL)
	a := signedIn(t, srv, tab, StorageLocal)
	if res, err := a.SignOut(ctx(t)); err != nil || !res.Revoked {
		t.Fatalf("SignOut: %+v %v", res, err)
	}
	if _, pending := a.pendingSignOut(); pending {
		t.Fatal("a finished sign-out left its mark")
	}
}
