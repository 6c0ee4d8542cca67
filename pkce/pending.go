package pkce

import (
	"encoding/json"
	"sort"
	"strings"
	"time"
)

// PendingTTL is how long a started sign-in waits for its callback.
const PendingTTL = 10 * time.Minute

// usedTTL is how long a finished sign-in's state is remembered, so a reload or
// replay of its callback says ErrStateUsed rather than ErrUnknownState.
const usedTTL = PendingTTL

// MaxPending bounds the pending sign-ins kept at once (several tabs); the oldest
// are dropped first.
const MaxPending = 16

// Storage keys. The state is base64url, so it is safe inside a key.
const (
	pendingKeyPrefix = "pkce.pending."
	usedKeyPrefix    = "pkce.used."
)

// PendingKeyPrefix starts the store key of every pending sign-in (the state
// follows). A page that has not started the app yet may look for such keys
// to tell that a sign-in is under way (session.PendingHint).
const PendingKeyPrefix = pendingKeyPrefix

// Pending is a started sign-in, stored under its state until the callback arrives
// or PendingTTL passes. It holds the only copy of the verifier.
type Pending struct {
	State       string    `json:"state"`
	Verifier    string    `json:"verifier"`
	SiteID      string    `json:"site"`
	ClientID    string    `json:"client_id"`
	RedirectURI string    `json:"redirect_uri"`
	Scopes      []string  `json:"scopes,omitempty"`
	ReturnTo    string    `json:"return_to,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

func (p *Pending) expired(now time.Time) bool {
	return now.Sub(p.CreatedAt) > PendingTTL || p.CreatedAt.Sub(now) > time.Minute
}

func decodePending(s string) (*Pending, error) {
	var p Pending
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return nil, err
	}
	if CheckVerifier(p.Verifier) != nil || p.State == "" || p.CreatedAt.IsZero() {
		return nil, ErrUnknownState
	}
	return &p, nil
}

// LookupPending returns the pending sign-in stored under state without taking
// it, so a caller can pick the provider and client to finish it with (a sign-in
// may have begun in another tab, for another site). Like Finish, it reports
// ErrUnknownState, ErrStateUsed or ErrStateExpired when there is none to finish.
func LookupPending(store Store, state string, now time.Time) (*Pending, error) {
	v, ok, err := store.Get(pendingKeyPrefix + state)
	if err != nil {
		return nil, storageFailed("reading the pending sign-in", err)
	}
	if !ok {
		return nil, missingPending(store, state)
	}
	p, err := decodePending(v)
	if err != nil || p.State != state {
		return nil, detail(ErrUnknownState, "the stored sign-in is unreadable")
	}
	if p.expired(now) {
		return nil, ErrStateExpired
	}
	return p, nil
}

// missingPending says why no pending sign-in is stored for state: it was used
// (a callback finished, in this tab or another), or it never was.
func missingPending(store Store, state string) error {
	if _, used, err := store.Get(usedKeyPrefix + state); err == nil && used {
		return ErrStateUsed
	}
	return ErrUnknownState
}

// usedMarker is the value stored under usedKeyPrefix+state: when it was used.
func usedMarker(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Prune deletes expired or unreadable pending sign-ins and used markers from
// store, and all but the newest MaxPending-1 pending sign-ins so one more fits.
// Start prunes; an app should also prune as it starts, so nothing of an
// abandoned sign-in outlives PendingTTL. Errors are ignored: pruning is
// housekeeping and must never block a sign-in.
func Prune(store Store, now time.Time) {
	type entry struct {
		key string
		at  time.Time
	}
	var live []entry
	if keys, err := store.Keys(pendingKeyPrefix); err == nil {
		for _, k := range keys {
			v, ok, err := store.Get(k)
			if err != nil || !ok {
				continue
			}
			p, err := decodePending(v)
			if err != nil || p.expired(now) || pendingKeyPrefix+p.State != k {
				store.Delete(k)
				continue
			}
			live = append(live, entry{k, p.CreatedAt})
		}
	}
	if len(live) >= MaxPending {
		sort.Slice(live, func(i, j int) bool { return live[i].at.Before(live[j].at) })
		for _, e := range live[:len(live)-(MaxPending-1)] {
			store.Delete(e.key)
		}
	}
	if keys, err := store.Keys(usedKeyPrefix); err == nil {
		for _, k := range keys {
			v, ok, err := store.Get(k)
			if err != nil || !ok {
				continue
			}
			t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v))
			if err != nil || now.Sub(t) > usedTTL || t.Sub(now) > time.Minute {
				store.Delete(k)
			}
		}
	}
}

// PendingSignIns lists the sign-ins started in store that are still waiting for
// their callback (not expired, readable), oldest first. A page uses it to notice a
// sign-in that never came back: the site refused it on its own page (as the Logs
// sites do for a redirect URI that is not registered exactly) and the person
// returned by hand. It takes nothing: each may still finish.
func PendingSignIns(store Store, now time.Time) ([]*Pending, error) {
	keys, err := store.Keys(pendingKeyPrefix)
	if err != nil {
		return nil, storageFailed("listing pending sign-ins", err)
	}
	var out []*Pending
	for _, k := range keys {
		v, ok, err := store.Get(k)
		if err != nil || !ok {
			continue
		}
		p, err := decodePending(v)
		if err != nil || p.expired(now) || pendingKeyPrefix+p.State != k {
			continue
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) })
	return out, nil
}
