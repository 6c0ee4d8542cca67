//go:build !(js && wasm)

package ui

import "github.com/pkcelogs/pkcelogs/session"

// pageBrowser is an in-memory browser: the server-side pre-render and tests.
func pageBrowser() session.Browser { return session.NewMemoryBrowser("http://127.0.0.1:8000/") }
