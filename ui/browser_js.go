//go:build js && wasm

package ui

import (
	"sync"

	"github.com/pkcelogs/pkcelogs/session"
)

var page = sync.OnceValue(session.NewPage)

// prerendering is false in the browser: the page's configuration is fixed.
const prerendering = false

// pageBrowser is the real browser, one per page.
func pageBrowser() session.Browser { return page() }
