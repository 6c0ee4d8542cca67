//go:build js && wasm

package session

import (
	"context"
	"errors"
	"sync"

	"github.com/hack-pad/safejs"
)

// webLocker is a pkce.Locker over the Web Locks API
// (https://w3c.github.io/web-locks/): navigator.locks.request holds the lock
// while the promise its callback returns is pending. Where the API is missing
// (old browsers, insecure contexts) it falls back to a lease in local storage
// (leaseLocker), and where that is refused too, to a lock inside this page.
type webLocker struct{}

var (
	fallbackOnce  sync.Once
	fallbackLocks *leaseLocker
)

func fallbackLocker() *leaseLocker {
	fallbackOnce.Do(func() { fallbackLocks = newLeaseLocker(&webStore{kind: StorageLocal, name: "localStorage"}) })
	return fallbackLocks
}

func (webLocker) WithLock(ctx context.Context, name string, fn func(context.Context) error) error {
	req, err := requestWebLock(name)
	if err != nil {
		return fallbackLocker().WithLock(ctx, name, fn)
	}
	return req.run(ctx, fn)
}

// webLockRequest is one navigator.locks.request under way. When the browser
// grants the lock it calls grant, which returns a pending promise and sends
// the promise's resolve function to Go on granted: the lock is held until Go
// calls it. The request's own promise settles after the lock is given back,
// or when the request fails or is aborted; only then may the Go callbacks be
// released (settled), and a failure is reported on failed.
type webLockRequest struct {
	name    string
	granted chan safejs.Value // the resolve func of the promise holding the lock
	failed  chan error
	abort   safejs.Value // an AbortController for the request, or undefined

	grant, onFulfilled, onRejected safejs.Func
	releaseOnce                    sync.Once
}

// requestWebLock asks for the exclusive lock name. An error means the Web
// Locks API (or Promise) is missing or refused: use the fallback.
func requestWebLock(name string) (*webLockRequest, error) {
	locks, err := global("navigator", "locks")
	if err != nil {
		return nil, err
	}
	promiseCtor, err := global("Promise")
	if err != nil {
		return nil, err
	}
	r := &webLockRequest{name: name, granted: make(chan safejs.Value, 1), failed: make(chan error, 1), abort: safejs.Undefined()}
	if err := r.makeCallbacks(promiseCtor); err != nil {
		r.release() // JavaScript holds none of them yet
		return nil, err
	}
	request, err := locks.Call("request", name, r.options(), r.grant)
	if err == nil {
		_, err = request.Call("then", r.onFulfilled, r.onRejected)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (r *webLockRequest) makeCallbacks(promiseCtor safejs.Value) error {
	var err error
	r.grant, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return r.hold(promiseCtor) })
	if err != nil {
		return err
	}
	r.onFulfilled, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return r.fulfilled() })
	if err != nil {
		return err
	}
	r.onRejected, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any { return r.rejected(args) })
	return err
}

// options asks for an exclusive lock, abortable where AbortController exists.
func (r *webLockRequest) options() map[string]any {
	options := map[string]any{"mode": "exclusive"}
	ctor, err := global("AbortController")
	if err != nil {
		return options
	}
	abort, err := ctor.New()
	if err != nil {
		return options
	}
	if signal, err := getProp(abort, "signal"); err == nil {
		r.abort = abort
		options["signal"] = signal
	}
	return options
}

// hold runs when the lock is granted: it returns a promise that keeps the lock
// until Go resolves it. If the promise cannot be made, it returns nothing: the
// request then fulfils at once and fulfilled reports it.
func (r *webLockRequest) hold(promiseCtor safejs.Value) any {
	var resolve safejs.Value
	executor, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		resolve = args[0]
		return nil
	})
	if err != nil {
		return nil
	}
	promise, err := promiseCtor.New(executor) // runs the executor synchronously
	executor.Release()
	if err != nil {
		return nil
	}
	r.granted <- resolve
	return promise
}

// fulfilled runs when the request settles normally: the lock was granted and
// already handed back. If hold could not build its promise, this is the only
// news, and WithLock is told it failed.
func (r *webLockRequest) fulfilled() any {
	r.fail(errors.New("web lock " + r.name + ": the browser could not hold the lock"))
	go r.release()
	return nil
}

// rejected runs when the request fails or is aborted.
func (r *webLockRequest) rejected(args []safejs.Value) any {
	msg := "lock request failed"
	if len(args) > 0 {
		if m, err := getProp(args[0], "message"); err == nil && m.Type() == safejs.TypeString {
			msg, _ = m.String()
		}
	}
	r.fail(errors.New("web lock " + r.name + ": " + msg))
	go r.release()
	return nil
}

// fail reports err unless a failure was reported already.
func (r *webLockRequest) fail(err error) {
	select {
	case r.failed <- err:
	default:
	}
}

// release frees the Go callbacks, once the browser will call none of them.
func (r *webLockRequest) release() {
	r.releaseOnce.Do(func() {
		r.grant.Release()
		r.onFulfilled.Release()
		r.onRejected.Release()
	})
}

// run waits for the lock, runs fn while holding it and gives it back. If ctx
// ends first, the request is aborted, and a lock granted in the meantime is
// given straight back.
func (r *webLockRequest) run(ctx context.Context, fn func(context.Context) error) error {
	select {
	case resolve := <-r.granted:
		defer resolve.Invoke()
		return fn(ctx)
	case err := <-r.failed:
		return err
	case <-ctx.Done():
		if !r.abort.IsUndefined() {
			r.abort.Call("abort")
		}
		go r.giveBackIfGranted()
		return ctx.Err()
	}
}

func (r *webLockRequest) giveBackIfGranted() {
	select {
	case resolve := <-r.granted:
		resolve.Invoke()
	case <-r.failed:
	}
}
