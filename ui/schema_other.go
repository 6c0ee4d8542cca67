//go:build !(js && wasm)

package ui

import "errors"

// fetchSchema has no browser to fetch with off the browser.
func fetchSchema(string) (string, error) { return "", errors.New("no browser here") }
