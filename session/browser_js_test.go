//go:build js && wasm

package session

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
)

// runJS runs JavaScript source in the global scope (the test's stand-in for
// a browser feature the runner lacks).
func runJS(t *testing.T, src string) {
	t.Helper()
	fn, err := safejs.Global().Get("Function")
	if err == nil {
		var f safejs.Value
		if f, err = fn.New(src); err == nil {
			_, err = f.Invoke()
		}
	}
	if err != nil {
		t.Fatalf("running %q: %v", src, err)
	}
}

func TestWebStorageMissingIsDisabledNotPanic(t *testing.T) {
	runJS(t, `delete globalThis.localStorage`)
	_, err := NewPage().Store(StorageLocal)
	if !errors.Is(err, ErrStorageDisabled) {
		t.Fatalf("Store(local) without localStorage = %v, want ErrStorageDisabled", err)
	}
	var se *StorageError
	if !errors.As(err, &se) || se.Kind != StorageLocal {
		t.Fatalf("error %T %v", err, err)
	}
}

func TestWebStorageThrowingGetterIsDisabled(t *testing.T) {
	runJS(t, `Object.defineProperty(globalThis, "sessionStorage", {configurable: true, get() { throw new DOMException("denied", "SecurityError") }})`)
	defer func() {
		runJS(t, `delete globalThis.sessionStorage`)
		blockedMu.Lock()
		delete(blockedStorage, "sessionStorage")
		blockedMu.Unlock()
	}()
	_, err := NewPage().Store(StorageSession)
	if !errors.Is(err, ErrStorageDisabled) {
		t.Fatalf("Store(session) = %v, want ErrStorageDisabled", err)
	}
	// go-app reads window.sessionStorage/localStorage directly: that read
	// must no longer throw.
	v, err := safejs.Global().Get("sessionStorage")
	if err != nil || v.IsUndefined() {
		t.Fatalf("sessionStorage after the guard: %v %v", v, err)
	}
	if _, err := v.Call("setItem", "k", "v"); err != nil {
		t.Errorf("inert setItem: %v", err)
	}
}

const fakeStorage = `
const m = new Map();
globalThis.localStorage = {
  full: false,
  getItem(k) { return m.has(k) ? m.get(k) : null },
  setItem(k, v) { if (this.full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); m.set(k, String(v)) },
  removeItem(k) { m.delete(k) },
  key(i) { const ks = [...m.keys()]; return i < ks.length ? ks[i] : null },
  get length() { return m.size },
};`

func TestWebStorageRoundTripAndQuota(t *testing.T) {
	runJS(t, fakeStorage)
	defer runJS(t, `delete globalThis.localStorage`)
	s, err := NewPage().Store(StorageLocal)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Set("pkce.pending.a", "1"); err != nil {
		t.Fatal(err)
	}
	s.Set("pkce.pending.b", "2")
	s.Set("other", "3")
	if v, ok, err := s.Get("pkce.pending.a"); v != "1" || !ok || err != nil {
		t.Errorf("Get = %q %v %v", v, ok, err)
	}
	if _, ok, err := s.Get("missing"); ok || err != nil {
		t.Errorf("Get(missing) = %v %v", ok, err)
	}
	keys, err := s.Keys("pkce.pending.")
	if err != nil || len(keys) != 2 {
		t.Errorf("Keys = %q %v", keys, err)
	}
	if err := s.Delete("pkce.pending.a"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Get("pkce.pending.a"); ok {
		t.Error("Delete did not delete")
	}
	runJS(t, `localStorage.full = true`)
	err = s.Set("k", "v")
	if !errors.Is(err, ErrStorageFull) {
		t.Fatalf("Set over quota = %v, want ErrStorageFull", err)
	}
}

func TestWebLocksSerialise(t *testing.T) {
	runJS(t, webLocksStandIn)
	defer runJS(t, `delete globalThis.navigator`)
	testLockerSerialises(t, webLocker{})
}

// webLocksStandIn is a Web Locks stand-in with the API's contract: the
// callback runs once the previous holder's promise settles. It ignores the
// abort signal, as a request already granted does.
const webLocksStandIn = `
const chains = {};
globalThis.navigator = {locks: {request(name, opts, cb) {
  const prev = chains[name] || Promise.resolve();
  const p = prev.then(() => cb({name}));
  chains[name] = p.catch(() => {});
  return p;
}}};`

// A request whose context ends while another holder has the lock returns the
// context's error, and gives back the lock granted to it afterwards, so the
// next request still gets it.
func TestWebLocksContextEndsWhileWaiting(t *testing.T) {
	runJS(t, webLocksStandIn)
	defer runJS(t, `delete globalThis.navigator`)
	l := webLocker{}
	holding := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- l.WithLock(context.Background(), "pkcelogs.test", func(context.Context) error {
			close(holding)
			time.Sleep(200 * time.Millisecond)
			return nil
		})
	}()
	<-holding
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := l.WithLock(ctx, "pkcelogs.test", func(context.Context) error {
		t.Error("ran after its context ended")
		return nil
	}); err != context.DeadlineExceeded {
		t.Errorf("err = %v, want the context's deadline", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	next, cancelNext := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelNext()
	ran := false
	if err := l.WithLock(next, "pkcelogs.test", func(context.Context) error { ran = true; return nil }); err != nil || !ran {
		t.Errorf("the next request: ran %v, err %v (the abandoned grant was not given back?)", ran, err)
	}
}

// A request the browser rejects is an error naming the lock and the
// browser's reason; fn does not run.
func TestWebLocksRequestRejected(t *testing.T) {
	runJS(t, `globalThis.navigator = {locks: {request() { return Promise.reject(new Error("lock manager gone")); }}};`)
	defer runJS(t, `delete globalThis.navigator`)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := webLocker{}.WithLock(ctx, "pkcelogs.test", func(context.Context) error {
		t.Error("ran without the lock")
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "pkcelogs.test") || !strings.Contains(err.Error(), "lock manager gone") {
		t.Errorf("err = %v, want the lock's name and the browser's reason", err)
	}
}

func TestWebLocksFallback(t *testing.T) {
	runJS(t, `delete globalThis.navigator`)
	testLockerSerialises(t, webLocker{})
}

func testLockerSerialises(t *testing.T, l webLocker) {
	t.Helper()
	var mu sync.Mutex
	inside, most, runs := 0, 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := l.WithLock(ctx, "pkcelogs.test", func(context.Context) error {
				mu.Lock()
				inside++
				runs++
				if inside > most {
					most = inside
				}
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
				mu.Lock()
				inside--
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if runs != 4 || most != 1 {
		t.Errorf("runs %d, most holders at once %d; want 4 and 1", runs, most)
	}
}

func TestBroadcastReachesOtherInstances(t *testing.T) {
	a, b := NewPage(), NewPage()
	got := make(chan string, 4)
	stop := b.Listen(func(msg string) { got <- msg })
	defer stop()
	a.Broadcast(msgSignOut)
	select {
	case msg := <-got:
		if msg != msgSignOut {
			t.Errorf("got %q", msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no message within 5s")
	}
}

func TestBroadcastDoesNotEchoToItsOwnPage(t *testing.T) {
	a, b := NewPage(), NewPage()
	own, other := make(chan string, 4), make(chan string, 4)
	defer a.Listen(func(msg string) { own <- msg })()
	defer b.Listen(func(msg string) { other <- msg })()
	a.Broadcast(msgToken)
	select {
	case <-other:
	case <-time.After(5 * time.Second):
		t.Fatal("the other page heard nothing")
	}
	select {
	case msg := <-own:
		t.Errorf("the sending page heard its own %q", msg)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestWebLocksFallBackToALeaseInLocalStorage(t *testing.T) {
	runJS(t, `delete globalThis.navigator`)
	runJS(t, fakeStorage)
	defer runJS(t, `delete globalThis.localStorage`)
	seen := make(chan bool, 1)
	err := webLocker{}.WithLock(context.Background(), "pkcelogs.test-lease", func(context.Context) error {
		v, err := safejs.Global().Get("localStorage")
		if err == nil {
			var item safejs.Value
			item, err = v.Call("getItem", leaseKeyPrefix+"pkcelogs.test-lease")
			seen <- err == nil && item.Type() == safejs.TypeString
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !<-seen {
		t.Error("no lease in local storage while the lock was held")
	}
}
