//go:build js && wasm

package session

import (
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/hack-pad/safejs"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// Page is the real browser this code runs in. Every call that can throw
// (storage disabled, quota exceeded, a missing API) goes through safejs and
// comes back as an error.
type Page struct {
	mu     sync.Mutex
	stores map[string]pkce.Store
	memory *pkce.MemoryStore
	seq    int

	channelTried bool
	bc           safejs.Value // the page's BroadcastChannel (see channel)
	bcOK         bool
	shared       *fallbackShared
}

// NewPage returns the browser this code runs in. A page needs one (each
// listens to the other tabs for as long as it lives); two stand for two tabs
// in tests, as each has its own BroadcastChannel.
func NewPage() *Page {
	guardWebStorage()
	return &Page{stores: map[string]pkce.Store{}, shared: &fallbackShared{idb: &idbShared{}}}
}

// Shared is IndexedDB (shared_js.go).
func (p *Page) Shared() Shared { return p.shared }

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

func (p *Page) Locker() pkce.Locker { return webLocker{} }

func (p *Page) Location() string {
	href, err := global("location", "href")
	if err != nil {
		return ""
	}
	s, _ := href.String()
	return s
}

func (p *Page) ReplaceURL(rawURL string) error {
	history, err := global("history")
	if err == nil {
		_, err = history.Call("replaceState", safejs.Null(), "", rawURL)
	}
	return err
}

func (p *Page) Assign(rawURL string) error {
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

// channel is this page's BroadcastChannel, used both to send and to listen:
// a channel object never receives its own messages, so the page does not
// hear itself. ok is false where the browser has none.
func (p *Page) channel() (ch safejs.Value, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.channelTried {
		p.channelTried = true
		if ctor, err := global("BroadcastChannel"); err == nil {
			if ch, err := ctor.New(channelName); err == nil {
				p.bc, p.bcOK = ch, true
			}
		}
	}
	return p.bc, p.bcOK
}

func (p *Page) Broadcast(msg string) {
	if ch, ok := p.channel(); ok {
		if _, err := ch.Call("postMessage", msg); err == nil {
			return
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

func (p *Page) Listen(fn func(msg string)) (stop func()) {
	var stops []func()
	deliver := func(msg string) { go fn(msg) } // never block the JS event loop
	if ch, ok := p.channel(); ok {
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
			stops = append(stops, func() { ch.Call("removeEventListener", "message", f); f.Release() })
		}
	}
	if window, err := global("window"); err == nil {
		if f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
			if len(args) == 0 {
				return nil
			}
			k, err := getProp(args[0], "key")
			if err == nil && k.IsNull() {
				// Another tab cleared the whole storage: the token may be gone.
				deliver(msgToken)
				return nil
			}
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
