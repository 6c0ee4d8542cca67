//go:build !(js && wasm)

package ui

// waitForPaint returns at once outside the browser (see paint_js.go).
func waitForPaint() {}
