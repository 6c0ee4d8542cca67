//go:build js && wasm

package ui

import (
	"errors"
	"fmt"
	"time"

	"github.com/hack-pad/safejs"
)

// schemaCache is the Cache Storage cache the console keeps the site's
// schema in. go-app's service worker answers every request from any of the
// origin's caches (caches.match), so the schema then loads offline and
// without a request; when a new version of the app activates, the worker
// deletes every cache but its own, so a new version fetches the schema anew.
// The schema is not in the worker's install list (app.Handler's
// CacheableResources) on purpose: that would download it on the first
// visit of every page, and only the console needs it.
const schemaCache = "pkcelogs-schemas"

// schemaTimeout bounds the wait for the schema file.
const schemaTimeout = 20 * time.Second

// await waits for a promise's value, or its failure.
func await(p safejs.Value) (safejs.Value, error) {
	type result struct {
		v   safejs.Value
		err error
	}
	done := make(chan result, 1)
	ok, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		var v safejs.Value
		if len(args) > 0 {
			v = args[0]
		}
		done <- result{v: v}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	fail, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		msg := "the browser refused"
		if len(args) > 0 {
			if m, err := args[0].Get("message"); err == nil && m.Type() == safejs.TypeString {
				msg, _ = m.String()
			}
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	if err != nil {
		ok.Release()
		return safejs.Value{}, err
	}
	release := func() { ok.Release(); fail.Release() }
	if _, err := p.Call("then", ok, fail); err != nil {
		release()
		return safejs.Value{}, err
	}
	select {
	case r := <-done:
		release()
		return r.v, r.err
	case <-time.After(schemaTimeout):
		go func() { <-done; release() }()
		return safejs.Value{}, errors.New("the browser did not answer in time")
	}
}

// fetchSchema returns the text at url (the site's schema), from the
// console's cache when it holds it, else fetched and then cached. Called off
// the UI goroutine.
func fetchSchema(url string) (string, error) {
	g := safejs.Global()
	var cache safejs.Value
	if caches, err := g.Get("caches"); err == nil && !caches.IsUndefined() && !caches.IsNull() {
		if p, err := caches.Call("open", schemaCache); err == nil {
			cache, _ = await(p) // no cache (private mode, an insecure origin): fetch each time
		}
	}
	hasCache := cache.Type() == safejs.TypeObject
	if hasCache {
		if p, err := cache.Call("match", url); err == nil {
			if resp, err := await(p); err == nil && resp.Type() == safejs.TypeObject {
				if text, err := responseText(resp); err == nil {
					return text, nil
				}
			}
		}
	}
	p, err := g.Call("fetch", url)
	if err != nil {
		return "", err
	}
	resp, err := await(p)
	if err != nil {
		return "", err
	}
	okv, _ := resp.Get("ok")
	if ok, _ := okv.Bool(); !ok {
		st, _ := resp.Get("status")
		n, _ := st.Int()
		return "", fmt.Errorf("the schema file answered HTTP %d", n)
	}
	if hasCache {
		if clone, err := resp.Call("clone"); err == nil {
			if p, err := cache.Call("put", url, clone); err == nil {
				go func() { _, _ = await(p) }()
			}
		}
	}
	return responseText(resp)
}

func responseText(resp safejs.Value) (string, error) {
	p, err := resp.Call("text")
	if err != nil {
		return "", err
	}
	v, err := await(p)
	if err != nil {
		return "", err
	}
	return v.String()
}
