//go:build !js

package ui

import (
	"errors"
	"sync"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// hostPlatform is the browser as the host build sees it: storage in memory,
// an in-process lock, an address bar that is just a string, and tabs that are
// other hostPlatforms sharing the same local store. Tests drive it directly.
type hostPlatform struct {
	mu        sync.Mutex
	local     *pkce.MemoryStore // shared with "other tabs" (see newTab)
	session   *pkce.MemoryStore
	memory    *pkce.MemoryStore
	locker    *mutexLocker
	url       string
	assigned  []string // every URL passed to Assign, in order
	replaced  []string // every URL passed to ReplaceURL, in order
	disabled  bool     // storage refuses everything, like a browser with site data blocked
	full      bool     // storage refuses writes, like a browser over its quota
	tabs      *tabGroup
	listeners map[int]func(string)
	nextID    int

	zone *time.Location // the browser's time zone (UTCOffset); nil is time.Local
}

type tabGroup struct {
	mu   sync.Mutex
	tabs []*hostPlatform
}

func newPlatform() browser { return newHostPlatform("http://127.0.0.1:8000/") }

func newHostPlatform(location string) *hostPlatform {
	p := &hostPlatform{
		local:   pkce.NewMemoryStore(),
		session: pkce.NewMemoryStore(),
		memory:  pkce.NewMemoryStore(),
		locker:  &mutexLocker{},
		url:     location,
		tabs:    &tabGroup{},
	}
	p.tabs.tabs = []*hostPlatform{p}
	return p
}

// newTab opens another tab of the same origin: it shares local storage and
// the lock, and hears broadcasts; session and memory storage are its own.
func (p *hostPlatform) newTab(location string) *hostPlatform {
	t := &hostPlatform{
		local:   p.local,
		session: pkce.NewMemoryStore(),
		memory:  pkce.NewMemoryStore(),
		locker:  p.locker,
		zone:    p.zone, // the same browser
		url:     location,
		tabs:    p.tabs,
	}
	p.tabs.mu.Lock()
	p.tabs.tabs = append(p.tabs.tabs, t)
	p.tabs.mu.Unlock()
	return t
}

func (p *hostPlatform) Store(kind string) (pkce.Store, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.disabled {
		return nil, &StorageError{Kind: kind, Op: "open", Err: ErrStorageDisabled}
	}
	switch kind {
	case StorageSession:
		return &hostStore{Store: p.session, kind: kind, from: p}, nil
	case StorageMemory:
		return p.memory, nil
	default:
		return &hostStore{Store: p.local, kind: StorageLocal, from: p}, nil
	}
}

// hostStore is a web storage as a browser behaves: writes to local storage
// fire the other tabs' storage listeners, and a disabled or full storage
// refuses with the browser's errors.
type hostStore struct {
	pkce.Store
	kind string
	from *hostPlatform
}

func (s *hostStore) refuse(op string, write bool) error {
	s.from.mu.Lock()
	defer s.from.mu.Unlock()
	switch {
	case s.from.disabled:
		return &StorageError{Kind: s.kind, Op: op, Err: ErrStorageDisabled}
	case s.from.full && write:
		return &StorageError{Kind: s.kind, Op: op, Err: ErrStorageFull}
	}
	return nil
}

func (s *hostStore) Get(key string) (string, bool, error) {
	if err := s.refuse("get", false); err != nil {
		return "", false, err
	}
	return s.Store.Get(key)
}

func (s *hostStore) Keys(prefix string) ([]string, error) {
	if err := s.refuse("keys", false); err != nil {
		return nil, err
	}
	return s.Store.Keys(prefix)
}

func (s *hostStore) Set(key, value string) error {
	if err := s.refuse("set", true); err != nil {
		return err
	}
	if err := s.Store.Set(key, value); err != nil {
		return err
	}
	if s.kind == StorageLocal {
		s.from.deliver(msgStorage + key)
	}
	return nil
}

func (s *hostStore) Delete(key string) error {
	if err := s.refuse("delete", false); err != nil {
		return err
	}
	if err := s.Store.Delete(key); err != nil {
		return err
	}
	if s.kind == StorageLocal {
		s.from.deliver(msgStorage + key)
	}
	return nil
}

func (p *hostPlatform) Locker() pkce.Locker { return p.locker }

func (p *hostPlatform) Location() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.url
}

func (p *hostPlatform) ReplaceURL(rawURL string) error {
	if rawURL == "" {
		return errors.New("empty URL")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.url = rawURL
	p.replaced = append(p.replaced, rawURL)
	return nil
}

func (p *hostPlatform) Assign(rawURL string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.assigned = append(p.assigned, rawURL)
	return nil
}

func (p *hostPlatform) UTCOffset(t time.Time) (int, error) {
	p.mu.Lock()
	zone := p.zone
	p.mu.Unlock()
	if zone == nil {
		zone = time.Local
	}
	_, offset := t.In(zone).Zone()
	return offset, nil
}

func (p *hostPlatform) Broadcast(msg string) { p.deliver(msg) }

// deliver hands msg to every other tab's listeners, synchronously so tests
// see its effect as soon as the call returns.
func (p *hostPlatform) deliver(msg string) {
	p.tabs.mu.Lock()
	tabs := append([]*hostPlatform(nil), p.tabs.tabs...)
	p.tabs.mu.Unlock()
	for _, t := range tabs {
		if t == p {
			continue
		}
		t.mu.Lock()
		fns := make([]func(string), 0, len(t.listeners))
		for _, fn := range t.listeners {
			fns = append(fns, fn)
		}
		t.mu.Unlock()
		for _, fn := range fns {
			fn(msg)
		}
	}
}

func (p *hostPlatform) Listen(fn func(msg string)) (stop func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.listeners == nil {
		p.listeners = map[int]func(string){}
	}
	id := p.nextID
	p.nextID++
	p.listeners[id] = fn
	return func() {
		p.mu.Lock()
		delete(p.listeners, id)
		p.mu.Unlock()
	}
}
