package session

import (
	"context"
	"sort"
	"strings"
	"sync"
)

// MemoryShared is a Shared in memory, consistent and atomic by a mutex: what
// IndexedDB is to the tabs of a browser, one value is to the tabs of a
// MemoryBrowser. The js build also uses it where IndexedDB is unavailable,
// as a last resort that holds only within one page.
type MemoryShared struct {
	mu sync.Mutex
	m  map[string]string
}

// Get returns the value under key.
func (s *MemoryShared) Get(_ context.Context, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	return v, ok, nil
}

// Update changes the value under key atomically.
func (s *MemoryShared) Update(_ context.Context, key string, fn func(string, bool) (string, bool, error)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.m[key]
	v, keep, err := fn(old, ok)
	if err != nil {
		return err
	}
	if s.m == nil {
		s.m = map[string]string{}
	}
	if keep {
		s.m[key] = v
	} else {
		delete(s.m, key)
	}
	return nil
}

// Keys returns the keys starting with prefix, sorted.
func (s *MemoryShared) Keys(_ context.Context, prefix string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var keys []string
	for k := range s.m {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys, nil
}
