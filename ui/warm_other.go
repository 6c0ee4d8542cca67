//go:build !(js && wasm)

package ui

// InWorker reports whether the program runs without a document; off the
// browser it never runs as the warm-up worker (warm_js.go).
func InWorker() bool { return false }

// WarmUp does nothing off the browser (warm_js.go).
func WarmUp() {}
