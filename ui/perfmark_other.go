//go:build !(js && wasm)

package ui

// perfMark does nothing outside the browser (see perfmark_js.go).
func perfMark(string) {}
