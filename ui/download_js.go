//go:build js && wasm

package ui

import (
	"errors"

	"github.com/hack-pad/safejs"
)

// downloadFile offers text to the person as a file named name, from a blob:
// URL made in the page (nothing is sent anywhere).
func downloadFile(name, mime, text string) error {
	g := safejs.Global()
	blobCtor, err := g.Get("Blob")
	if err != nil {
		return err
	}
	parts, err := safejs.ValueOf([]any{text})
	if err != nil {
		return err
	}
	opts, err := safejs.ValueOf(map[string]any{"type": mime})
	if err != nil {
		return err
	}
	blob, err := blobCtor.New(parts, opts)
	if err != nil {
		return err
	}
	urlCtor, err := g.Get("URL")
	if err != nil {
		return err
	}
	href, err := urlCtor.Call("createObjectURL", blob)
	if err != nil {
		return err
	}
	doc, err := g.Get("document")
	if err != nil {
		return err
	}
	a, err := doc.Call("createElement", "a")
	if err != nil {
		return err
	}
	_ = a.Set("href", href)
	_ = a.Set("download", name)
	body, err := doc.Get("body")
	if err != nil || body.IsNull() {
		return errors.New("no page body")
	}
	_, _ = body.Call("appendChild", a)
	_, err = a.Call("click")
	_, _ = a.Call("remove")
	// The download has its own reference to the blob: the URL can go once
	// the click has been handled.
	if set, e := g.Get("setTimeout"); e == nil {
		if revoke, e := urlCtor.Get("revokeObjectURL"); e == nil {
			if bound, e := revoke.Call("bind", urlCtor, href); e == nil {
				_, _ = set.Invoke(bound, 60000)
			}
		}
	}
	return err
}
