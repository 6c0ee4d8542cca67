package session

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// leaseLocker is a pkce.Locker across tabs for browsers without the Web Locks
// API (insecure contexts, older browsers): a lease in local storage, which
// every tab of the origin shares. Storage has no compare-and-swap, so a tab
// writes its claim, waits a moment, and holds the lease only if its claim is
// still there; a lease left by a closed tab expires. It narrows the window
// for two tabs refreshing at once to a few milliseconds rather than closing
// it, which the Web Locks API does.
//
// Correctness does not rest on the lease. Two tabs that both hold it (a claim
// raced past the settle time, or a lease lapsed while its owner was still
// working) cannot spend a rotating refresh token twice: pkce.Refresher records
// every refresh token in its Spend ledger before sending it, and saves the
// renewed token by compare-and-swap, so the second tab finds the token spent
// and takes the first one's result (or asks for a new sign-in) instead of
// presenting it again. The lease only spares the site and the person that
// second, refused attempt.
type leaseLocker struct {
	store  pkce.Store
	owner  string        // this page's random id
	ttl    time.Duration // how long a lease holds without its owner
	settle time.Duration // between writing a claim and trusting it
	poll   time.Duration // between attempts while another tab holds it
	page   *mutexLocker  // callers inside this page queue here first
}

const leaseKeyPrefix = "pkcelogs.lease."

// leaseTTL is how long a lease holds without its owner. It outlives the
// longest work done under the session lock: a refresh runs within its
// caller's context, at most QueryTimeout (an API call that renews the token
// first; sign-in and sign-out take ExchangeTimeout), so a live owner never
// loses the lease to a tab that thinks it abandoned. The cost is that a tab
// closed while holding it blocks the others until it lapses; release deletes
// the lease in every other case.
const leaseTTL = QueryTimeout + 15*time.Second

func newLeaseLocker(store pkce.Store) *leaseLocker {
	id := make([]byte, 12)
	rand.Read(id)
	return &leaseLocker{
		store:  store,
		owner:  base64.RawURLEncoding.EncodeToString(id),
		ttl:    leaseTTL,
		settle: 30 * time.Millisecond,
		poll:   50 * time.Millisecond,
		page:   &mutexLocker{},
	}
}

func (l *leaseLocker) WithLock(ctx context.Context, name string, fn func(context.Context) error) error {
	return l.page.WithLock(ctx, name, func(ctx context.Context) error {
		key := leaseKeyPrefix + name
		for {
			held, err := l.take(key)
			if err != nil {
				// Storage refused: this page's lock is all there is (and the
				// page explains the storage failure elsewhere).
				return fn(ctx)
			}
			if held {
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(l.poll):
			}
		}
		defer l.release(key)
		return fn(ctx)
	})
}

// take claims the lease unless another live owner holds it, and reports
// whether the claim survived the settle time.
func (l *leaseLocker) take(key string) (bool, error) {
	v, ok, err := l.store.Get(key)
	if err != nil {
		return false, err
	}
	if ok {
		owner, until := parseLease(v)
		if owner != l.owner && time.Now().Before(until) {
			return false, nil
		}
	}
	claim := l.owner + " " + strconv.FormatInt(time.Now().Add(l.ttl).UnixMilli(), 10)
	if err := l.store.Set(key, claim); err != nil {
		return false, err
	}
	time.Sleep(l.settle)
	v, ok, err = l.store.Get(key)
	return err == nil && ok && v == claim, err
}

// release gives the lease back if it is still this page's.
func (l *leaseLocker) release(key string) {
	if v, ok, err := l.store.Get(key); err == nil && ok {
		if owner, _ := parseLease(v); owner == l.owner {
			l.store.Delete(key)
		}
	}
}

// parseLease reads "owner expiry-unix-ms"; junk is an expired lease.
func parseLease(v string) (owner string, until time.Time) {
	owner, ms, ok := strings.Cut(v, " ")
	n, err := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil {
		return "", time.Time{}
	}
	return owner, time.UnixMilli(n)
}
