package session

import (
	"errors"
	"sync"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// MemoryBrowser is a Browser in memory: storage, an in-process lock, an
// address bar that is just a string, and tabs (NewTab) that share local
// storage, Shared and the lock and hear each other's broadcasts, as the tabs of
// one browser do. Tests drive it; the host build pre-renders with it.
type MemoryBrowser struct {
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

	shared *MemoryShared
}

type tabGroup struct {
	mu   sync.Mutex
	tabs []*MemoryBrowser
}

// NewMemoryBrowser returns a browser with one tab showing location.
func NewMemoryBrowser(location string) *MemoryBrowser {
	p := &MemoryBrowser{
		local:   pkce.NewMemoryStore(),
		session: pkce.NewMemoryStore(),
		memory:  pkce.NewMemoryStore(),
		locker:  &mutexLocker{},
		url:     location,
		tabs:    &tabGroup{},
		shared:  &MemoryShared{},
	}
	p.tabs.tabs = []*MemoryBrowser{p}
	return p
}

// NewTab opens another tab of the same origin: it shares local storage,
// Shared and the lock, and hears broadcasts; session and memory storage are
// its own.
func (p *MemoryBrowser) NewTab(location string) *MemoryBrowser {
	t := &MemoryBrowser{
		local:   p.local,
		session: pkce.NewMemoryStore(),
		memory:  pkce.NewMemoryStore(),
		locker:  p.locker,
		shared:  p.shared,
		url:     location,
		tabs:    p.tabs,
	}
	p.tabs.mu.Lock()
	p.tabs.tabs = append(p.tabs.tabs, t)
	p.tabs.mu.Unlock()
	return t
}

// Store returns the tab's store of the given kind.
func (p *MemoryBrowser) Store(kind string) (pkce.Store, error) {
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
	from *MemoryBrowser
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

// Locker returns the lock the tabs share.
func (p *MemoryBrowser) Locker() pkce.Locker { return p.locker }

// Location returns the address bar.
func (p *MemoryBrowser) Location() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.url
}

// ReplaceURL rewrites the address bar.
func (p *MemoryBrowser) ReplaceURL(rawURL string) error {
	if rawURL == "" {
		return errors.New("empty URL")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.url = rawURL
	p.replaced = append(p.replaced, rawURL)
	return nil
}

// Assign records a navigation to rawURL.
func (p *MemoryBrowser) Assign(rawURL string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.assigned = append(p.assigned, rawURL)
	return nil
}

// Duplicate opens a copy of this tab as the browser's "Duplicate tab" does:
// session storage is copied, refresh token included.
func (p *MemoryBrowser) Duplicate() *MemoryBrowser {
	t := p.NewTab(p.Location())
	keys, _ := p.session.Keys("")
	for _, k := range keys {
		v, _, _ := p.session.Get(k)
		t.session.Set(k, v)
	}
	return t
}

// Shared returns the store the tabs share consistently.
func (p *MemoryBrowser) Shared() Shared { return p.shared }

// SetStorage makes storage refuse everything (disabled) or every write
// (full), as a browser with site data blocked or over its quota does.
func (p *MemoryBrowser) SetStorage(disabled, full bool) {
	p.mu.Lock()
	p.disabled, p.full = disabled, full
	p.mu.Unlock()
}

// Assigned returns every URL passed to Assign, in order.
func (p *MemoryBrowser) Assigned() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.assigned...)
}

// Replaced returns every URL passed to ReplaceURL, in order: what the
// address bar was rewritten to (tests check no code or state stayed).
func (p *MemoryBrowser) Replaced() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.replaced...)
}

// Navigate sets the address bar, as a navigation in this tab would.
func (p *MemoryBrowser) Navigate(rawURL string) {
	p.mu.Lock()
	p.url = rawURL
	p.mu.Unlock()
}

// Broadcast delivers msg to the other tabs at once.
func (p *MemoryBrowser) Broadcast(msg string) { p.deliver(msg) }

// deliver hands msg to every other tab's listeners, synchronously so tests
// see its effect as soon as the call returns.
func (p *MemoryBrowser) deliver(msg string) {
	p.tabs.mu.Lock()
	tabs := append([]*MemoryBrowser(nil), p.tabs.tabs...)
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

// Listen hears the other tabs' broadcasts and local storage writes.
func (p *MemoryBrowser) Listen(fn func(msg string)) (stop func()) {
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
