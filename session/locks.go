package session

import (
	"context"
	"sync"
)

// mutexLocker is a pkce.Locker that serialises callers inside this page only:
// the host build's locker, and the queue a leaseLocker's callers wait in
// before they contend with other tabs.
type mutexLocker struct {
	mu    sync.Mutex
	locks map[string]chan struct{}
}

func (l *mutexLocker) WithLock(ctx context.Context, name string, fn func(context.Context) error) error {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[string]chan struct{}{}
	}
	ch, ok := l.locks[name]
	if !ok {
		ch = make(chan struct{}, 1)
		l.locks[name] = ch
	}
	l.mu.Unlock()
	select {
	case ch <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-ch }()
	return fn(ctx)
}
