//go:build !js

package provider

import (
	"sync"
	"time"
)

// PointsPerRequest is what one API request costs. The real sites weigh queries by their
// complexity; a flat cost keeps budgets predictable in tests.
const PointsPerRequest = 1.0

// rateLimitWindow is how long a client's points last before they reset.
const rateLimitWindow = time.Hour

// RateLimitStatus is one client's budget, as rateLimitData reports it.
type RateLimitStatus struct {
	LimitPerHour int
	PointsSpent  float64
	ResetIn      time.Duration
}

// rateLimiter counts points per client id per hour, as the real sites do (one public client
// shared by every user of a static site pools their budget). A client's hour starts with
// its first request.
type rateLimiter struct {
	mu      sync.Mutex
	limit   int
	now     func() time.Time
	clients map[string]*budget
}

type budget struct {
	start  time.Time
	points float64
}

func newRateLimiter(perHour int, now func() time.Time) *rateLimiter {
	return &rateLimiter{limit: perHour, now: now, clients: map[string]*budget{}}
}

func (l *rateLimiter) setLimit(perHour int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.limit = perHour
}

func (l *rateLimiter) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.clients = map[string]*budget{}
}

// spend charges cost to client. When the budget cannot cover it, nothing is charged and ok
// is false; the status then says how long until the budget resets.
func (l *rateLimiter) spend(client string, cost float64) (s RateLimitStatus, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.clients[client]
	if b == nil || now.Sub(b.start) >= rateLimitWindow {
		b = &budget{start: now}
		l.clients[client] = b
	}
	ok = b.points+cost <= float64(l.limit)
	if ok {
		b.points += cost
	}
	return RateLimitStatus{LimitPerHour: l.limit, PointsSpent: b.points, ResetIn: b.start.Add(rateLimitWindow).Sub(now)}, ok
}

// RateLimit returns client's budget as the API would report it now.
func (p *Provider) RateLimit(clientID string) RateLimitStatus {
	s, _ := p.limits.spend(clientID, 0)
	return s
}
