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
	locks, err := global("navigator", "locks")
	if err != nil {
		return fallbackLocker().WithLock(ctx, name, fn)
	}
	promiseCtor, err := global("Promise")
	if err != nil {
		return fallbackLocker().WithLock(ctx, name, fn)
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
		return fallbackLocker().WithLock(ctx, name, fn)
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
		return fallbackLocker().WithLock(ctx, name, fn)
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
		return fallbackLocker().WithLock(ctx, name, fn)
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
