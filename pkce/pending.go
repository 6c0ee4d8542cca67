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
	PendingKeyPrefix = "pkce.pending."
	UsedKeyPrefix    = "pkce.used."
)

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

// usedMarker is the value stored under UsedKeyPrefix+state: when it was used.
func usedMarker(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// prune deletes expired or unreadable pending sign-ins and used markers, and all
// but the newest MaxPending-1 pending sign-ins so one more fits. Errors are ignored:
// pruning is housekeeping and must never block a sign-in.
func (f *Flow) prune(now time.Time) {
	type entry struct {
		key string
		at  time.Time
	}
	var live []entry
	if keys, err := f.store.Keys(PendingKeyPrefix); err == nil {
		for _, k := range keys {
			v, ok, err := f.store.Get(k)
			if err != nil || !ok {
				continue
			}
			p, err := decodePending(v)
			if err != nil || p.expired(now) || PendingKeyPrefix+p.State != k {
				f.store.Delete(k)
				continue
			}
			live = append(live, entry{k, p.CreatedAt})
		}
	}
	if len(live) >= MaxPending {
		sort.Slice(live, func(i, j int) bool { return live[i].at.Before(live[j].at) })
		for _, e := range live[:len(live)-(MaxPending-1)] {
			f.store.Delete(e.key)
		}
	}
	if keys, err := f.store.Keys(UsedKeyPrefix); err == nil {
		for _, k := range keys {
			v, ok, err := f.store.Get(k)
			if err != nil || !ok {
				continue
			}
			t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v))
			if err != nil || now.Sub(t) > usedTTL || t.Sub(now) > time.Minute {
				f.store.Delete(k)
			}
		}
	}
}
