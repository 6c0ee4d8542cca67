//go:build !(js && wasm)

package ui

import "github.com/pkcelogs/pkcelogs/session"

// pageBrowser is an in-memory browser: the server-side pre-render and tests.
func pageBrowser() session.Browser { return session.NewMemoryBrowser("http://127.0.0.1:8000/") }

// prerendering is true off the browser: the server pre-renders pages, and
// tests render components, under a Handler.Env that may change.
const prerendering = true
