//go:build !(js && wasm)

package ui

import "errors"

// copyText has no clipboard off the browser.
func copyText(string) error { return errors.New("no clipboard here") }

// selectText has no page to select in off the browser.
func selectText(string) error { return errors.New("no page here") }
