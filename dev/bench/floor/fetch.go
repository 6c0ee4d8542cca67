//go:build floorhttp

package main

import "net/http"

// With -tags floorhttp the button also makes one request through an
// *http.Client, as every library the app uses does (x/oauth2,
// machinebox/graphql): the interface call to RoundTrip links net/http's whole
// client Transport, which brings crypto/tls and crypto/x509 even though the
// browser's fetch does the work.
func init() { onClick = func() { go http.Get("/") } }
