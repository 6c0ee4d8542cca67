//go:build js && wasm

package session

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hack-pad/safejs"
)

// idbShared is Shared over IndexedDB: database "pkcelogs", object store "kv".
//
// Why IndexedDB and not localStorage: Chromium keeps a copy of local storage in
// each renderer and propagates other tabs' writes asynchronously, so a tab that
// takes a Web Lock just released by another tab can still read the value from
// before that tab's write (measured: 10 of 40 reads stale). An IndexedDB
// readwrite transaction that has completed is seen by every later transaction
// of every tab (0 of 40 stale), and readwrite transactions on one store run one
// at a time, which makes Update atomic across tabs. (Indexed Database API 3.0,
// §2.7 "Transaction scheduling".)
//
// Every method blocks its goroutine until IndexedDB answers, so call them from
// goroutines (ctx.Async), never from a JavaScript callback.
type idbShared struct {
	mu    sync.Mutex
	ready chan struct{} // closed when the open finished; nil: open again
	db    safejs.Value
	err   error
}

const (
	idbName  = "pkcelogs"
	idbStore = "kv"
)

var errIDBUnavailable = errors.New("IndexedDB is unavailable")

// listen installs handlers for an IDBRequest's or IDBTransaction's completion
// events and returns a channel that receives the outcome once: nil for
// okEvent, an error for the others. The handlers release themselves when one
// fires, never before: a caller that stops waiting (its context ended) must not
// leave the browser calling a released function, which wasm_exec.js only logs,
// so an upgradeneeded or get handler would silently not run.
func listen(target safejs.Value, okEvent string, failEvents ...string) <-chan error {
	done := make(chan error, 1)
	var funcs []safejs.Func
	var once sync.Once
	release := func() {
		for _, f := range funcs {
			f.Release()
		}
	}
	add := func(event string, fail bool) {
		f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
			once.Do(func() {
				var err error
				if fail {
					err = fmt.Errorf("IndexedDB: %s%s", event, idbErrorName(target))
				}
				done <- err
				go release() // not from inside the call being released
			})
			return nil
		})
		if err != nil {
			return
		}
		funcs = append(funcs, f)
		target.Set("on"+event, f)
	}
	add(okEvent, false)
	for _, ev := range failEvents {
		add(ev, true)
	}
	return done
}

// await waits for listen's outcome or the end of ctx.
func await(ctx context.Context, done <-chan error) error {
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func idbErrorName(target safejs.Value) string {
	e, err := getProp(target, "error")
	if err != nil || e.IsNull() || e.IsUndefined() {
		return ""
	}
	n, err := getProp(e, "name")
	if err != nil {
		return ""
	}
	s, _ := n.String()
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// open opens the database once per page, whoever asks first and whatever
// their context: the open runs to its end on its own, so an upgrade is never
// cut short. A database that exists without the object store (left by an
// upgrade that did not finish) is upgraded to the next version, which creates
// it.
func (s *idbShared) open(ctx context.Context) (safejs.Value, error) {
	s.mu.Lock()
	if s.ready == nil {
		ready := make(chan struct{})
		s.ready = ready
		go func() {
			db, err := openDB(0)
			if err == nil && !hasStore(db) {
				v, _ := getProp(db, "version")
				n, _ := v.Int()
				db.Call("close")
				db, err = openDB(n + 1)
			}
			if err == nil {
				s.closeOnVersionChange(db)
			}
			s.mu.Lock()
			s.db, s.err = db, err
			s.mu.Unlock()
			close(ready)
		}()
	}
	ready := s.ready
	s.mu.Unlock()
	select {
	case <-ready:
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.db, s.err
	case <-ctx.Done():
		return safejs.Undefined(), ctx.Err()
	}
}

// closeOnVersionChange lets another tab upgrade the database (the repair in
// open): this connection closes, and the next use opens it again.
func (s *idbShared) closeOnVersionChange(db safejs.Value) {
	f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		db.Call("close")
		s.mu.Lock()
		s.ready = nil
		s.mu.Unlock()
		return nil
	})
	if err == nil {
		db.Set("onversionchange", f) // lives as long as the connection
	}
}

// openDB opens the database at version (0: the current one, creating version
// 1), creating the object store when an upgrade runs.
func openDB(version int) (safejs.Value, error) {
	factory, err := global("indexedDB")
	if err != nil {
		return safejs.Undefined(), errIDBUnavailable
	}
	args := []any{idbName}
	if version > 0 {
		args = append(args, version)
	}
	req, err := factory.Call("open", args...)
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("%w: %v", errIDBUnavailable, err)
	}
	upgrade, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		if db, err := getProp(req, "result"); err == nil && !hasStore(db) {
			db.Call("createObjectStore", idbStore)
		}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	req.Set("onupgradeneeded", upgrade)
	// Not "blocked": that only says other tabs still hold the old version;
	// success or error follows once they close (closeOnVersionChange), and
	// the upgrade handler must live until then.
	err = <-listen(req, "success", "error")
	upgrade.Release()
	if err != nil {
		return safejs.Undefined(), err
	}
	return getProp(req, "result")
}

// hasStore reports whether db has the object store.
func hasStore(db safejs.Value) bool {
	names, err := getProp(db, "objectStoreNames")
	if err != nil {
		return false
	}
	ok, err := names.Call("contains", idbStore)
	if err != nil {
		return false
	}
	b, _ := ok.Bool()
	return b
}

// store opens a transaction on the object store.
func (s *idbShared) store(ctx context.Context, mode string) (tx, store safejs.Value, err error) {
	db, err := s.open(ctx)
	if err != nil {
		return safejs.Undefined(), safejs.Undefined(), err
	}
	tx, err = db.Call("transaction", idbStore, mode)
	if err != nil {
		return tx, store, err
	}
	store, err = tx.Call("objectStore", idbStore)
	return tx, store, err
}

func (s *idbShared) Get(ctx context.Context, key string) (string, bool, error) {
	_, st, err := s.store(ctx, "readonly")
	if err != nil {
		return "", false, err
	}
	req, err := st.Call("get", key)
	if err != nil {
		return "", false, err
	}
	if err := await(ctx, listen(req, "success", "error")); err != nil {
		return "", false, err
	}
	v, err := getProp(req, "result")
	if err != nil || v.Type() != safejs.TypeString {
		return "", false, err
	}
	str, err := v.String()
	return str, err == nil, err
}

func (s *idbShared) Update(ctx context.Context, key string, fn func(string, bool) (string, bool, error)) error {
	tx, st, err := s.store(ctx, "readwrite")
	if err != nil {
		return err
	}
	req, err := st.Call("get", key)
	if err != nil {
		return err
	}
	// The put or delete is issued from the get's success handler, inside the
	// same transaction: no other tab's readwrite transaction can run between
	// the read and the write.
	var fnErr error
	onGet, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		old, ok := "", false
		if v, err := getProp(req, "result"); err == nil && v.Type() == safejs.TypeString {
			old, _ = v.String()
			ok = true
		}
		v, keep, err := fn(old, ok)
		switch {
		case err != nil:
			fnErr = err
			tx.Call("abort")
		case keep:
			st.Call("put", v, key)
		default:
			st.Call("delete", key)
		}
		return nil
	})
	if err != nil {
		return err
	}
	req.Set("onsuccess", onGet)
	done := listen(tx, "complete", "error", "abort")
	result := make(chan error, 1)
	go func() {
		err := <-done // the transaction always ends
		onGet.Release()
		result <- err
	}()
	select {
	case err = <-result:
	case <-ctx.Done():
		return ctx.Err()
	}
	if fnErr != nil {
		return fnErr
	}
	return err
}

func (s *idbShared) Keys(ctx context.Context, prefix string) ([]string, error) {
	_, st, err := s.store(ctx, "readonly")
	if err != nil {
		return nil, err
	}
	req, err := st.Call("getAllKeys")
	if err != nil {
		return nil, err
	}
	if err := await(ctx, listen(req, "success", "error")); err != nil {
		return nil, err
	}
	arr, err := getProp(req, "result")
	if err != nil {
		return nil, err
	}
	n, err := arr.Length()
	if err != nil {
		return nil, err
	}
	var keys []string
	for i := 0; i < n; i++ {
		v, err := arr.Index(i)
		if err != nil || v.Type() != safejs.TypeString {
			continue
		}
		k, _ := v.String()
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// fallbackShared is Shared where IndexedDB is refused (some private modes):
// it tries IndexedDB once and, failing that, keeps the values in this page's
// memory. Then tabs do not see each other's ledger; Web Locks and the stored
// token in local storage still keep them mostly apart, and the session core
// says nothing stronger for that case.
type fallbackShared struct {
	idb *idbShared
	mem MemoryShared
}

func (f *fallbackShared) pick(ctx context.Context) Shared {
	octx, cancel := context.WithTimeout(ctx, openPatience)
	defer cancel()
	if _, err := f.idb.open(octx); err != nil && ctx.Err() == nil {
		// IndexedDB refused, or has not answered in openPatience: an
		// open stranded by a page in the back-forward cache holds the
		// database until that page is evicted. This page goes on with
		// its own memory rather than stalling a sign-in.
		return &f.mem
	}
	return f.idb
}

// openPatience bounds the wait for IndexedDB to open the database, which
// takes milliseconds when it answers at all.
const openPatience = 5 * time.Second

func (f *fallbackShared) Get(ctx context.Context, key string) (string, bool, error) {
	return f.pick(ctx).Get(ctx, key)
}

func (f *fallbackShared) Update(ctx context.Context, key string, fn func(string, bool) (string, bool, error)) error {
	return f.pick(ctx).Update(ctx, key, fn)
}

func (f *fallbackShared) Keys(ctx context.Context, prefix string) ([]string, error) {
	return f.pick(ctx).Keys(ctx, prefix)
}
