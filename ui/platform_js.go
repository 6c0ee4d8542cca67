//go:build js && wasm

package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"syscall/js"

	"github.com/hack-pad/safejs"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// jsPlatform is the real browser. Every call that can throw (storage
// disabled, quota exceeded, a missing API) goes through safejs and comes
// back as an error.
type jsPlatform struct {
	mu     sync.Mutex
	stores map[string]pkce.Store
	memory *pkce.MemoryStore
	seq    int
}

func newPlatform() browser {
	guardWebStorage()
	return &jsPlatform{stores: map[string]pkce.Store{}}
}

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

// getProp reads v[p] through Reflect.get called as a function. A getter that
// throws (window.localStorage with site data blocked throws SecurityError)
// would otherwise escape syscall/js's property read, which has no try/catch
// in wasm_exec.js, and kill the program; a call's exception becomes an error.
func getProp(v safejs.Value, p string) (safejs.Value, error) {
	reflect, err := safejs.Global().Get("Reflect") // a plain data property: cannot throw
	if err != nil {
		return safejs.Undefined(), err
	}
	return reflect.Call("get", v, p)
}

func global(path ...string) (safejs.Value, error) {
	v := safejs.Global()
	for _, p := range path {
		next, err := getProp(v, p)
		if err != nil {
			return safejs.Undefined(), err
		}
		if next.IsUndefined() || next.IsNull() {
			return next, errMissingAPI
		}
		v = next
	}
	return v, nil
}

var errMissingAPI = errors.New("this browser lacks the API")

// Store opens localStorage or sessionStorage, probing it with a write: some
// private modes expose a storage object that refuses every write.
func (p *jsPlatform) Store(kind string) (pkce.Store, error) {
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
	s := &webStore{kind: kind, name: "localStorage"}
	if kind == StorageSession {
		s.name = "sessionStorage"
	}
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

func (p *jsPlatform) Locker() pkce.Locker { return webLocker{} }

func (p *jsPlatform) Location() string {
	href, err := global("location", "href")
	if err != nil {
		return ""
	}
	s, _ := href.String()
	return s
}

func (p *jsPlatform) ReplaceURL(rawURL string) error {
	history, err := global("history")
	if err == nil {
		_, err = history.Call("replaceState", safejs.Null(), "", rawURL)
	}
	return err
}

func (p *jsPlatform) Assign(rawURL string) error {
	location, err := global("location")
	if err == nil {
		_, err = location.Call("assign", rawURL)
	}
	return err
}

const (
	channelName  = "pkcelogs"
	broadcastKey = "pkcelogs.broadcast" // the storage-event fallback when BroadcastChannel is missing
)

func (p *jsPlatform) Broadcast(msg string) {
	if ctor, err := global("BroadcastChannel"); err == nil {
		if ch, err := ctor.New(channelName); err == nil {
			_, err = ch.Call("postMessage", msg)
			ch.Call("close")
			if err == nil {
				return
			}
		}
	}
	// No BroadcastChannel: a write to local storage fires a storage event in
	// every other tab. The counter makes repeated messages distinct writes.
	p.mu.Lock()
	p.seq++
	seq := p.seq
	p.mu.Unlock()
	if s, err := p.Store(StorageLocal); err == nil {
		s.Set(broadcastKey, msg+"|"+strconv.Itoa(seq))
	}
}

func (p *jsPlatform) Listen(fn func(msg string)) (stop func()) {
	var stops []func()
	deliver := func(msg string) { go fn(msg) } // never block the JS event loop
	if ctor, err := global("BroadcastChannel"); err == nil {
		if ch, err := ctor.New(channelName); err == nil {
			if f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
				if len(args) > 0 {
					if data, err := getProp(args[0], "data"); err == nil && data.Type() == safejs.TypeString {
						msg, _ := data.String()
						deliver(msg)
					}
				}
				return nil
			}); err == nil {
				ch.Call("addEventListener", "message", f)
				stops = append(stops, func() { ch.Call("close"); f.Release() })
			}
		}
	}
	if window, err := global("window"); err == nil {
		if f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
			if len(args) == 0 {
				return nil
			}
			k, err := getProp(args[0], "key")
			if err != nil || k.Type() != safejs.TypeString {
				return nil
			}
			key, _ := k.String()
			if key == broadcastKey {
				if v, err := getProp(args[0], "newValue"); err == nil && v.Type() == safejs.TypeString {
					s, _ := v.String()
					msg, _, _ := strings.Cut(s, "|")
					deliver(msg)
				}
				return nil
			}
			deliver(msgStorage + key)
			return nil
		}); err == nil {
			window.Call("addEventListener", "storage", f)
			stops = append(stops, func() { window.Call("removeEventListener", "storage", f); f.Release() })
		}
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}

// webLocker is a pkce.Locker over the Web Locks API
// (https://w3c.github.io/web-locks/): navigator.locks.request holds the lock
// while the promise its callback returns is pending. Where the API is missing
// (old browsers, insecure contexts) it falls back to a lock inside this page.
type webLocker struct{}

var pageLocks = &mutexLocker{}

func (webLocker) WithLock(ctx context.Context, name string, fn func(context.Context) error) error {
	locks, err := global("navigator", "locks")
	if err != nil {
		return pageLocks.WithLock(ctx, name, fn)
	}
	promiseCtor, err := global("Promise")
	if err != nil {
		return pageLocks.WithLock(ctx, name, fn)
	}

	granted := make(chan safejs.Value, 1) // the resolve func of the promise holding the lock
	failed := make(chan error, 1)
	callback, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		var resolve safejs.Value
		executor, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
			resolve = args[0]
			return nil
		})
		if err != nil {
			return nil // the request then fulfils at once and WithLock waits on: reported below
		}
		promise, err := promiseCtor.New(executor) // runs the executor synchronously
		executor.Release()
		if err != nil {
			return nil
		}
		granted <- resolve
		return promise
	})
	if err != nil {
		return pageLocks.WithLock(ctx, name, fn)
	}
	// The request promise settles after the lock is released (or when the
	// request fails or is aborted): only then may the Go callbacks go.
	var onFulfilled, onRejected safejs.Func
	var releaseOnce sync.Once
	release := func() {
		releaseOnce.Do(func() {
			callback.Release()
			onFulfilled.Release()
			onRejected.Release()
		})
	}
	onFulfilled, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		// Normally the lock was granted and already handed back. If the
		// callback could not build its promise, this is the only news.
		select {
		case failed <- errors.New("web lock " + name + ": the browser could not hold the lock"):
		default:
		}
		go release()
		return nil
	})
	if err == nil {
		onRejected, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
			msg := "lock request failed"
			if len(args) > 0 {
				if m, err := getProp(args[0], "message"); err == nil && m.Type() == safejs.TypeString {
					msg, _ = m.String()
				}
			}
			select {
			case failed <- errors.New("web lock " + name + ": " + msg):
			default:
			}
			go release()
			return nil
		})
	}
	if err != nil {
		return pageLocks.WithLock(ctx, name, fn)
	}

	options := map[string]any{"mode": "exclusive"}
	var abort safejs.Value
	if ctor, err := global("AbortController"); err == nil {
		if abort, err = ctor.New(); err == nil {
			if signal, err := getProp(abort, "signal"); err == nil {
				options["signal"] = signal
			}
		}
	}
	request, err := locks.Call("request", name, options, callback)
	if err == nil {
		_, err = request.Call("then", onFulfilled, onRejected)
	}
	if err != nil {
		return pageLocks.WithLock(ctx, name, fn)
	}

	select {
	case resolve := <-granted:
		defer resolve.Invoke()
		return fn(ctx)
	case err := <-failed:
		return err
	case <-ctx.Done():
		if !abort.IsUndefined() {
			abort.Call("abort")
		}
		// If the lock was granted in the meantime, give it straight back.
		go func() {
			select {
			case resolve := <-granted:
				resolve.Invoke()
			case <-failed:
			}
		}()
		return ctx.Err()
	}
}
