//go:build !(js && wasm)

package ui

import "errors"

// downloadFile has no page to download from off the browser.
func downloadFile(string, string, string) error { return errors.New("no page here") }
