//go:build js && wasm

package ui

import "github.com/hack-pad/safejs"

// InWorker reports whether the program runs without a document: in the
// signed-out page's warm-up worker (dev/internal/webapp/appjs.go), which runs
// the full build's start-up so that V8 caches its compiled code before the
// callback page needs it. cmd/wasm stops before go-app there.
func InWorker() bool {
	doc, err := safejs.Global().Get("document")
	return err != nil || doc.IsUndefined() || doc.IsNull()
}
