//go:build js && wasm

package session

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

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
	once sync.Once
	db   safejs.Value
	err  error
}

const (
	idbName  = "pkcelogs"
	idbStore = "kv"
)

var errIDBUnavailable = errors.New("IndexedDB is unavailable")

// request waits for an IDBRequest or IDBTransaction to fire one of its
// completion events, and releases its handlers.
func await(ctx context.Context, target safejs.Value, okEvent string, failEvents ...string) error {
	done := make(chan error, 1)
	var funcs []safejs.Func
	add := func(event string, err error) {
		f, ferr := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
			select {
			case done <- err:
			default:
			}
			return nil
		})
		if ferr != nil {
			return
		}
		funcs = append(funcs, f)
		target.Set("on"+event, f)
	}
	add(okEvent, nil)
	for _, ev := range failEvents {
		add(ev, fmt.Errorf("IndexedDB: %s%s", ev, idbErrorName(target)))
	}
	defer func() {
		for _, f := range funcs {
			f.Release()
		}
	}()
	select {
	case err := <-done:
		if err != nil {
			// The error event's details are on the target once it fired.
			err = fmt.Errorf("%w%s", err, idbErrorName(target))
		}
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

func (s *idbShared) open(ctx context.Context) (safejs.Value, error) {
	s.once.Do(func() {
		factory, err := global("indexedDB")
		if err != nil {
			s.err = errIDBUnavailable
			return
		}
		req, err := factory.Call("open", idbName, 1)
		if err != nil {
			s.err = fmt.Errorf("%w: %v", errIDBUnavailable, err)
			return
		}
		upgrade, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
			if db, err := getProp(req, "result"); err == nil {
				db.Call("createObjectStore", idbStore)
			}
			return nil
		})
		if err == nil {
			req.Set("onupgradeneeded", upgrade)
			defer upgrade.Release()
		}
		if err := await(ctx, req, "success", "error", "blocked"); err != nil {
			s.err = err
			return
		}
		s.db, s.err = getProp(req, "result")
	})
	return s.db, s.err
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
	if err := await(ctx, req, "success", "error"); err != nil {
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
	defer onGet.Release()
	req.Set("onsuccess", onGet)
	err = await(ctx, tx, "complete", "error", "abort")
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
	if err := await(ctx, req, "success", "error"); err != nil {
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
	if _, err := f.idb.open(ctx); err != nil {
		return &f.mem
	}
	return f.idb
}

func (f *fallbackShared) Get(ctx context.Context, key string) (string, bool, error) {
	return f.pick(ctx).Get(ctx, key)
}

func (f *fallbackShared) Update(ctx context.Context, key string, fn func(string, bool) (string, bool, error)) error {
	return f.pick(ctx).Update(ctx, key, fn)
}

func (f *fallbackShared) Keys(ctx context.Context, prefix string) ([]string, error) {
	return f.pick(ctx).Keys(ctx, prefix)
}
