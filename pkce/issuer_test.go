package pkce

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"
)

// RFC 9207: a callback's iss is compared with the provider's issuer before the
// code goes anywhere.
func TestFinishChecksIssuer(t *testing.T) {
	srv := newStrictServer(t)
	withIssuer := func(sends bool) *Flow {
		p := srv.site()
		p.Issuer, p.SendsIssuer = srv.srv.URL, sends
		f, err := NewFlow(Config{Provider: p, ClientID: srv.clientID, RedirectURI: srv.redirectURI, HTTPClient: srv.srv.Client()}, NewMemoryStore())
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	// approved returns the genuine callback with iss set to iss ("" = none).
	approved := func(f *Flow, iss string) string {
		raw, err := f.Start("/")
		if err != nil {
			t.Fatal(err)
		}
		cb, _ := url.Parse(srv.approve(raw))
		q := cb.Query()
		q.Del("iss")
		if iss != "" {
			q.Set("iss", iss)
		}
		cb.RawQuery = q.Encode()
		return cb.String()
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		sends bool
		iss   string
		want  error
	}{
		{"match", true, srv.srv.URL, nil},
		{"absent, not promised", false, "", nil},
		{"absent, promised", true, "", ErrIssuerMissing},
		{"mismatch", false, "https://attacker.example", ErrIssuerMismatch},
		{"trailing slash differs", true, srv.srv.URL + "/", ErrIssuerMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.mu.Lock()
			before := srv.exchanges
			srv.mu.Unlock()
			f := withIssuer(tc.sends)
			_, err := f.Finish(ctx, approved(f, tc.iss))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			srv.mu.Lock()
			exchanges := srv.exchanges
			srv.mu.Unlock()
			if exchanges != before {
				t.Fatal("the code was sent to the token endpoint")
			}
		})
	}
	// An error reply is checked too: a forged iss cannot put its text on the page.
	f := withIssuer(false)
	raw, _ := f.Start("/")
	state := mustQuery(t, raw).Get("state")
	_, err := f.Finish(ctx, srv.redirectURI+"?error=access_denied&state="+state+"&iss=https%3A%2F%2Fattacker.example")
	if !errors.Is(err, ErrIssuerMismatch) {
		t.Fatalf("error reply with wrong iss: %v", err)
	}
}

func TestLookupPending(t *testing.T) {
	f := testFlow(t, nil)
	store := f.store
	raw, err := f.Start("/console")
	if err != nil {
		t.Fatal(err)
	}
	state := mustQuery(t, raw).Get("state")
	now := time.Now()
	p, err := LookupPending(store, state, now)
	if err != nil || p.SiteID != "warcraftlogs" || p.ClientID != "9a1b-client" || p.ReturnTo != "/console" {
		t.Fatalf("LookupPending = %+v, %v", p, err)
	}
	// Looking does not take it.
	if _, err := LookupPending(store, state, now); err != nil {
		t.Fatal(err)
	}
	if _, err := LookupPending(store, "nope", now); !errors.Is(err, ErrUnknownState) {
		t.Errorf("unknown: %v", err)
	}
	if _, err := LookupPending(store, state, now.Add(PendingTTL+time.Minute)); !errors.Is(err, ErrStateExpired) {
		t.Errorf("expired: %v", err)
	}
	if _, err := f.takePending(state); err != nil {
		t.Fatal(err)
	}
	if _, err := LookupPending(store, state, now); !errors.Is(err, ErrStateUsed) {
		t.Errorf("used: %v", err)
	}
}

func TestPruneAtStart(t *testing.T) {
	store := NewMemoryStore()
	f, _ := NewFlow(Config{Provider: mustSiteTB(t, "x"), ClientID: "c", RedirectURI: "https://me.example/cb",
		Now: func() time.Time { return time.Now().Add(-2 * PendingTTL) }}, store)
	raw, _ := f.Start("/")
	state := mustQuery(t, raw).Get("state")
	if _, err := f.takePending(state); err != nil && !errors.Is(err, ErrStateExpired) {
		t.Fatal(err)
	}
	f.Start("/") // an abandoned sign-in, long ago
	store.Set(pendingKeyPrefix+"junk", "{")
	Prune(store, time.Now())
	if keys, _ := store.Keys(""); len(keys) != 0 {
		t.Fatalf("left after Prune: %v", keys)
	}
}

// deleteHook is a Store that calls after once a key is deleted, as another
// tab reading the same storage at that moment would.
type deleteHook struct {
	Store
	after func(key string)
}

func (d deleteHook) Delete(key string) error {
	err := d.Store.Delete(key)
	d.after(key)
	return err
}

// Another tab looking up a callback's state while this one takes it finds the
// sign-in pending or used, never unknown: the used marker is written first.
func TestTakePendingNeverLooksUnknown(t *testing.T) {
	f := testFlow(t, nil)
	raw, err := f.Start("/")
	if err != nil {
		t.Fatal(err)
	}
	state := mustQuery(t, raw).Get("state")
	seen := 0
	f.store = deleteHook{Store: f.store, after: func(key string) {
		if key != pendingKeyPrefix+state {
			return
		}
		seen++
		if _, err := LookupPending(f.store, state, time.Now()); !errors.Is(err, ErrStateUsed) {
			t.Errorf("looked up while being taken: %v, want ErrStateUsed", err)
		}
	}}
	if _, err := f.takePending(state); err != nil {
		t.Fatal(err)
	}
	if seen != 1 {
		t.Fatalf("the pending sign-in was deleted %d times, want 1", seen)
	}
}
