//go:build js && wasm

package ui

import (
	"sync"

	"github.com/pkcelogs/pkcelogs/session"
)

var page = sync.OnceValue(session.NewPage)

// pageBrowser is the real browser, one per page.
func pageBrowser() session.Browser { return page() }
