//go:build js && wasm

package pkce

import (
	"net/http"
	"strings"
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

// send asks fetch not to follow a redirect. net/http's Transport uses fetch
// in a browser; under Node.js (Go's own tests) and with a dialer of its own it
// uses Go's client instead, which refuses the header as an invalid field name
// before sending anything, and which hands every redirect back to NoRedirects
// unfollowed. So a refusal naming the header means "not fetch": the request
// goes again without it, its body rewound. (This package does not look at the
// JavaScript environment itself: it stays free of syscall/js.)
func send(base http.RoundTripper, req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.Header.Set(fetchRedirectHeader, fetchRedirectMode)
	resp, err := base.RoundTrip(out)
	if err == nil || !strings.Contains(err.Error(), fetchRedirectHeader) {
		return resp, err
	}
	retry := req.Clone(req.Context())
	retry.Header.Del(fetchRedirectHeader)
	if req.Body != nil && req.Body != http.NoBody {
		if req.GetBody == nil {
			return nil, err
		}
		body, gerr := req.GetBody()
		if gerr != nil {
			return nil, err
		}
		retry.Body = body
	}
	return base.RoundTrip(retry)
}

// opaqueRedirect: under fetch's "manual" mode a browser answers a redirect
// with status 0, hiding the status and the Location; nothing else does.
func opaqueRedirect(status int) bool { return status == 0 }
