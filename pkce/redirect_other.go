//go:build !(js && wasm)

package pkce

import "net/http"

// refuseFetchRedirects does nothing natively: net/http's client hands every
// redirect to NoRedirects before following it.
func refuseFetchRedirects(http.Header) {}

// opaqueRedirect is false natively: status 0 is never a redirect.
func opaqueRedirect(int) bool { return false }
