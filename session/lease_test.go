package session

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// Two tabs (two lockers over one shared store) never hold the lease at once.
func TestLeaseLockerSerialisesTabs(t *testing.T) {
	shared := pkce.NewMemoryStore()
	tabs := []*leaseLocker{newLeaseLocker(shared), newLeaseLocker(shared)}
	var mu sync.Mutex
	inside, most, runs := 0, 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(l *leaseLocker) {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := l.WithLock(ctx, "refresh", func(context.Context) error {
				mu.Lock()
				inside++
				runs++
				most = max(most, inside)
				mu.Unlock()
				time.Sleep(10 * time.Millisecond)
				mu.Lock()
				inside--
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}(tabs[i%2])
	}
	wg.Wait()
	if runs != 6 || most != 1 {
		t.Errorf("runs %d, most holders at once %d; want 6 and 1", runs, most)
	}
	if keys, _ := shared.Keys(leaseKeyPrefix); len(keys) != 0 {
		t.Errorf("leases left behind: %q", keys)
	}
}

func TestLeaseLockerTakesOverAnExpiredLease(t *testing.T) {
	shared := pkce.NewMemoryStore()
	// A tab that closed while holding the lease.
	shared.Set(leaseKeyPrefix+"refresh", "gone "+strconv.FormatInt(time.Now().Add(-time.Second).UnixMilli(), 10))
	ran := false
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := newLeaseLocker(shared).WithLock(ctx, "refresh", func(context.Context) error { ran = true; return nil }); err != nil || !ran {
		t.Fatalf("ran %v, err %v", ran, err)
	}
}

func TestLeaseLockerWaitsForALiveLeaseUntilTheContextEnds(t *testing.T) {
	shared := pkce.NewMemoryStore()
	shared.Set(leaseKeyPrefix+"refresh", "other "+strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err := newLeaseLocker(shared).WithLock(ctx, "refresh", func(context.Context) error {
		t.Error("ran while another tab holds the lease")
		return nil
	})
	if err != context.DeadlineExceeded {
		t.Errorf("err = %v, want the context's deadline", err)
	}
}

// A lease a live tab holds must not lapse while it works: the longest work
// under the session lock is an API call renewing the token first
// (QueryTimeout), or a sign-in or sign-out exchange (ExchangeTimeout).
func TestLeaseOutlivesTheLongestWorkUnderTheLock(t *testing.T) {
	l := newLeaseLocker(pkce.NewMemoryStore())
	for name, longest := range map[string]time.Duration{"query": QueryTimeout, "exchange": ExchangeTimeout, "spent wait": pkce.SpentWait} {
		if l.ttl <= longest {
			t.Errorf("lease TTL %v does not outlive the %s's %v", l.ttl, name, longest)
		}
	}
}
