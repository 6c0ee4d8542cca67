//go:build js && wasm

package pkce

import (
	"net/http"
	"strings"
	"syscall/js"
)

// fetchRedirectHeader is net/http's request header, under js/wasm, that sets
// the fetch API's redirect option (net/http/roundtrip_js.go); the header
// itself is not sent.
const fetchRedirectHeader = "js.fetch:redirect"

// fetchRedirectMode is "manual" rather than "error": both keep fetch from
// following, but "error" rejects with the same opaque "failed to fetch" as
// being offline, while "manual" resolves with an opaque redirect (status 0;
// Node.js's fetch gives the 3xx itself) that RedirectError can name.
const fetchRedirectMode = "manual"

// viaFetch mirrors net/http's choice under js/wasm: its Transport sends
// through the fetch API when there is one, except under Node.js, where it
// uses Go's own client over the in-process network (go.dev/issue/57613) and
// the header above would be refused as an invalid field name. A variable so
// that tests under Node.js can check the browser's side.
var viaFetch = !js.Global().Get("fetch").IsUndefined() &&
	!(js.Global().Get("process").Type() == js.TypeObject &&
		strings.HasPrefix(js.Global().Get("process").Get("argv0").String(), "node"))

// refuseFetchRedirects asks fetch not to follow a redirect.
func refuseFetchRedirects(h http.Header) {
	if viaFetch {
		h.Set(fetchRedirectHeader, fetchRedirectMode)
	}
}

// opaqueRedirect: under fetch's "manual" mode a browser answers a redirect
// with status 0, hiding the status and the Location.
func opaqueRedirect(status int) bool { return status == 0 && viaFetch }
