//go:build js && wasm

package main

import "testing"

// The warm-up's API round runs the whole path the callback page runs, to the
// decoded first screen, without a network: a failure early in it (an
// exchange refused, a query not sent) would leave most of that code
// uncompiled, and the warm-up would quietly buy less.
func TestWarmAPIDecodesTheFirstScreen(t *testing.T) {
	o, err := warmAPI()
	if err != nil {
		t.Fatalf("warmAPI: %v", err)
	}
	if o == nil || o.User == nil || o.User.Name != "n" || o.RateLimit == nil {
		t.Fatalf("warmAPI decoded %+v, want warmDoc's user n and its rate limit", o)
	}
}
