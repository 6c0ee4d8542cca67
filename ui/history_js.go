//go:build js && wasm

package ui

import "github.com/hack-pad/safejs"

// announceAddressChange dispatches a popstate event on window: go-app, which
// listens to it for Back and Forward, then shows the page of the address now
// in the address bar without adding a history entry.
func announceAddressChange() error {
	ctor, err := safejs.Global().Get("PopStateEvent")
	if err != nil {
		return err
	}
	ev, err := ctor.New("popstate")
	if err != nil {
		return err
	}
	_, err = safejs.Global().Call("dispatchEvent", ev)
	return err
}
