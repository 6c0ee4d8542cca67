//go:build !(js && wasm)

package main

// inWorker reports whether the program runs without a document; off the
// browser it never runs as the warm-up worker (warm_js.go).
func inWorker() bool { return false }

// warmUp does nothing off the browser (warm_js.go).
func warmUp() {}
