//go:build !(js && wasm)

package pkce

import "net/http"

// send is base.RoundTrip natively: net/http's client hands every redirect to
// NoRedirects before following it.
func send(base http.RoundTripper, req *http.Request) (*http.Response, error) {
	return base.RoundTrip(req)
}

// opaqueRedirect is false natively: status 0 is never a redirect.
func opaqueRedirect(int) bool { return false }
