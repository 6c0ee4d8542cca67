//go:build js && wasm

package session

import (
	"errors"
	"strings"
	"sync"
	"syscall/js"

	"github.com/hack-pad/safejs"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// blockedStorage names the web storages whose getter threw (site data
// blocked); guardWebStorage replaced them with inert stand-ins.
var (
	blockedMu      sync.Mutex
	blockedStorage = map[string]bool{}
)

// guardWebStorage runs before go-app starts (package initialisation): where
// reading window.localStorage or window.sessionStorage throws, it puts an
// inert, empty storage in its place. go-app reads window.localStorage
// directly when it starts, and that throw would end the program before the
// page could explain anything; the stores here still report the storage as
// disabled.
func guardWebStorage() {
	for _, name := range []string{"localStorage", "sessionStorage"} {
		if _, err := getProp(safejs.Global(), name); err == nil {
			continue
		}
		blockedMu.Lock()
		blockedStorage[name] = true
		blockedMu.Unlock()
		if err := defineInertStorage(name); err != nil {
			println("pkcelogs: " + name + " is blocked and could not be replaced: " + err.Error())
		}
	}
}

func defineInertStorage(name string) error {
	objectCtor, err := global("Object")
	if err != nil {
		return err
	}
	inert, err := objectCtor.New()
	if err != nil {
		return err
	}
	for method, result := range map[string]any{"getItem": nil, "key": nil, "setItem": safejs.Undefined(), "removeItem": safejs.Undefined(), "clear": safejs.Undefined()} {
		result := result
		f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return result })
		if err != nil {
			return err
		}
		if err := inert.Set(method, f); err != nil {
			return err
		}
	}
	if err := inert.Set("length", 0); err != nil {
		return err
	}
	descriptor := map[string]any{"configurable": true, "enumerable": true, "value": inert}
	_, err = objectCtor.Call("defineProperty", safejs.Global(), name, descriptor)
	return err
}

// throws (window.localStorage with site data blocked throws SecurityError)

func (p *Page) Store(kind string) (pkce.Store, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if kind == StorageMemory {
		if p.memory == nil {
			p.memory = pkce.NewMemoryStore()
		}
		return p.memory, nil
	}
	if s, ok := p.stores[kind]; ok {
		return s, nil
	}
	s := &webStore{kind: kind, name: WebStorageOf(kind)}
	if _, err := s.storage(); err != nil {
		return nil, s.fail("open", err)
	}
	const probe = "pkcelogs.probe"
	if err := s.Set(probe, "1"); err != nil {
		return nil, err
	}
	if err := s.Delete(probe); err != nil {
		return nil, err
	}
	p.stores[kind] = s
	return s, nil
}

// webStore is a pkce.Store over window.localStorage or window.sessionStorage.
type webStore struct{ kind, name string }

func (s *webStore) storage() (safejs.Value, error) {
	blockedMu.Lock()
	blocked := blockedStorage[s.name]
	blockedMu.Unlock()
	if blocked {
		return safejs.Undefined(), errMissingAPI
	}
	v, err := global(s.name)
	if err != nil {
		return v, err
	}
	return v, nil
}

// fail turns what the browser threw into a *StorageError a person can act on.
func (s *webStore) fail(op string, err error) error {
	switch jsErrorName(err) {
	case "QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED":
		err = ErrStorageFull
	case "SecurityError", "":
		// Reading window.localStorage throws SecurityError when site data is
		// blocked; a missing object means the same to the person.
		if errors.Is(err, errMissingAPI) || jsErrorName(err) == "SecurityError" {
			err = ErrStorageDisabled
		}
	}
	return &StorageError{Kind: s.kind, Op: op, Err: err}
}

func jsErrorName(err error) string {
	var jsErr js.Error
	if !errors.As(err, &jsErr) {
		return ""
	}
	name, err := getProp(safejs.Safe(jsErr.Value), "name")
	if err != nil || name.Type() != safejs.TypeString {
		return ""
	}
	str, _ := name.String()
	return str
}

func (s *webStore) Get(key string) (string, bool, error) {
	st, err := s.storage()
	if err != nil {
		return "", false, s.fail("get", err)
	}
	v, err := st.Call("getItem", key)
	if err != nil {
		return "", false, s.fail("get", err)
	}
	if v.IsNull() || v.IsUndefined() {
		return "", false, nil
	}
	str, err := v.String()
	if err != nil {
		return "", false, s.fail("get", err)
	}
	return str, true, nil
}

func (s *webStore) Set(key, value string) error {
	st, err := s.storage()
	if err == nil {
		_, err = st.Call("setItem", key, value)
	}
	if err != nil {
		return s.fail("set", err)
	}
	return nil
}

func (s *webStore) Delete(key string) error {
	st, err := s.storage()
	if err == nil {
		_, err = st.Call("removeItem", key)
	}
	if err != nil {
		return s.fail("delete", err)
	}
	return nil
}

func (s *webStore) Keys(prefix string) ([]string, error) {
	st, err := s.storage()
	if err != nil {
		return nil, s.fail("keys", err)
	}
	n, err := getProp(st, "length")
	if err != nil {
		return nil, s.fail("keys", err)
	}
	length, err := n.Int()
	if err != nil {
		return nil, s.fail("keys", err)
	}
	var keys []string
	for i := 0; i < length; i++ {
		k, err := st.Call("key", i)
		if err != nil {
			return nil, s.fail("keys", err)
		}
		if k.Type() != safejs.TypeString {
			continue
		}
		key, _ := k.String()
		if strings.HasPrefix(key, prefix) {
			keys = append(keys, key)
		}
	}
	return keys, nil
}
