package session

import (
	"sync"
	"testing"
	"time"
)

// The callback page waits for its code exchange to be on the network before
// it draws itself (AwaitCallbackSent): the wait ends when the token request
// has left, not when its answer is back.
func TestAwaitCallbackSentEndsWhenTheRequestLeaves(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	gate := make(chan struct{})
	var open sync.Once
	release := func() { open.Do(func() { close(gate) }) }
	t.Cleanup(release) // before the server closes, which waits for its handlers
	srv.gate, srv.seen = gate, make(chan string, 4)
	tab := NewMemoryBrowser(appURL)
	s := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tab)
	start := time.Now()
	s.AwaitCallbackSent(20 * time.Second) // no callback begun: returns at once
	if waited := time.Since(start); waited > 15*time.Second {
		t.Fatalf("AwaitCallbackSent waited %v with no callback begun", waited)
	}
	if err := s.SignIn("strict", "/console"); err != nil {
		t.Fatal(err)
	}
	tab.Navigate(srv.approve(tab.Assigned()[0]))
	s.BeginCallback()
	start = time.Now()
	s.AwaitCallbackSent(20 * time.Second)
	if waited := time.Since(start); waited > 15*time.Second {
		t.Fatalf("AwaitCallbackSent returned after %v, at its limit: it did not see the request leave", waited)
	}
	select {
	case grant := <-srv.seen:
		if grant != "authorization_code" {
			t.Fatalf("the server got a %q request, want the code exchange", grant)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("AwaitCallbackSent returned, but the code exchange never reached the server")
	}
	if s.SignedIn() {
		t.Fatal("signed in while the server still held the token answer")
	}
	release()
	if res, err := s.CallbackResult(ctx(t)); err != nil || res.ReturnTo != "/console" || !s.SignedIn() {
		t.Fatalf("callback: %+v %v", res, err)
	}
}

// A callback that fails before any request (its state is unknown) ends the
// wait as well.
func TestAwaitCallbackSentEndsWhenTheCallbackFails(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab := NewMemoryBrowser(appURL + "callback?code=c&state=nobody-started-this")
	s := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tab)
	s.BeginCallback()
	start := time.Now()
	s.AwaitCallbackSent(20 * time.Second)
	if waited := time.Since(start); waited > 15*time.Second {
		t.Fatalf("AwaitCallbackSent waited %v for a callback that had failed", waited)
	}
	if _, err := s.CallbackResult(ctx(t)); err == nil {
		t.Fatal("an unknown state was accepted")
	}
	if srv.exchanges != 0 {
		t.Fatalf("%d code exchanges for an unknown state", srv.exchanges)
	}
}

// Back to the first screen after signing in: its request starts as the token
// is kept, before any page asks (the dashboard then finds it under way), and
// it is the only one. Back to any other page: nothing is fetched for it.
func TestCallbackPrefetchesTheFirstScreenOnlyForIt(t *testing.T) {
	for _, returnTo := range []string{"/", "/console"} {
		t.Run(returnTo, func(t *testing.T) {
			srv := newRotatingServer(t, time.Hour)
			tab := NewMemoryBrowser(appURL)
			s := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tab)
			if err := s.SignIn("strict", returnTo); err != nil {
				t.Fatal(err)
			}
			tab.Navigate(srv.approve(tab.Assigned()[0]))
			res, err := s.CallbackResult(ctx(t))
			if err != nil || res.ReturnTo != returnTo {
				t.Fatalf("callback: %+v %v", res, err)
			}
			st := s.Overview()
			if returnTo != "/" {
				if st.Loading || st.Data != nil {
					t.Fatalf("overview %+v after returning to %s: fetched for a page that does not show it", st, returnTo)
				}
				if _, ok := s.ClaimOverview(false); !ok {
					t.Fatal("the overview was claimed although nothing fetches it")
				}
				return
			}
			if !st.Loading && st.Data == nil {
				t.Fatalf("overview %+v when the callback ended: the first screen's request was not started", st)
			}
			if _, ok := s.ClaimOverview(false); ok {
				t.Fatal("the page could claim the overview again: two requests would go out")
			}
			deadline := time.Now().Add(20 * time.Second)
			for s.Overview().Loading && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			st = s.Overview()
			if st.Err != nil || st.Data == nil || st.Data.User == nil || st.Data.User.Name != "bob" {
				t.Fatalf("overview %+v, want bob's profile", st)
			}
			if n := srv.apiRequests(); n != 2 { // the profile, then its reports (no user id in the token)
				t.Fatalf("%d API requests, want the overview's two", n)
			}
		})
	}
}
