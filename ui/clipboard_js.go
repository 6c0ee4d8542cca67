//go:build js && wasm

package ui

import (
	"errors"
	"time"

	"github.com/hack-pad/safejs"
)

// copyTimeout bounds the wait for the browser's clipboard (it may ask the person).
const copyTimeout = 5 * time.Second

// copyText puts text on the clipboard with navigator.clipboard.writeText,
// waiting for its promise. A browser without the API (an insecure origin, an
// old browser), a refusal (no permission, no user gesture) or a throwing
// override is an error: the caller then selects the text for the person to
// copy. Called off the UI goroutine (ctx.Async), so waiting blocks nothing.
func copyText(text string) error {
	nav, err := safejs.Global().Get("navigator")
	if err != nil || nav.IsUndefined() || nav.IsNull() {
		return errors.New("no navigator")
	}
	clip, err := nav.Get("clipboard")
	if err != nil || clip.IsUndefined() || clip.IsNull() {
		return errors.New("this page may not use the clipboard (it needs https or a loopback address)")
	}
	promise, err := clip.Call("writeText", text)
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	ok, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		done <- nil
		return nil
	})
	if err != nil {
		return err
	}
	fail, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		msg := "the browser refused to copy"
		if len(args) > 0 {
			if m, err := args[0].Get("message"); err == nil && m.Type() == safejs.TypeString {
				msg, _ = m.String()
			}
		}
		done <- errors.New(msg)
		return nil
	})
	if err != nil {
		ok.Release()
		return err
	}
	release := func() { ok.Release(); fail.Release() }
	if _, err := promise.Call("then", ok, fail); err != nil {
		release()
		return err
	}
	select {
	case err := <-done:
		release()
		return err
	case <-time.After(copyTimeout):
		// The promise may still settle: release the callbacks only then.
		go func() { <-done; release() }()
		return errors.New("the browser did not answer")
	}
}

// selectText selects the contents of the element with the id, so the person
// can copy it with the keyboard (the fallback when copyText fails).
func selectText(id string) error {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	el, err := doc.Call("getElementById", id)
	if err != nil || el.IsNull() || el.IsUndefined() {
		return errors.New("nothing to select")
	}
	sel, err := safejs.Global().Call("getSelection")
	if err != nil || sel.IsNull() {
		return errors.New("no selection")
	}
	_, err = sel.Call("selectAllChildren", el)
	return err
}
