//go:build !(js && wasm)

package ui

import "errors"

// announceAddressChange has no browser to tell off the browser: callers
// fall back to go-app's Navigate.
func announceAddressChange() error { return errors.New("no browser") }
