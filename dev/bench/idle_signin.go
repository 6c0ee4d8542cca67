//go:build !js

package main

import (
	"context"
	"time"
)

// idleBeforeSignIn is how long the idle sign-in figure stays on the warm
// signed-out page before it clicks: a person reading the welcome and picking
// a site. The main round trip clicks at once.
const idleBeforeSignIn = 5 * time.Second

// measureIdleSignIn is the sign-in round trip of a person who read the
// signed-out page for idleBeforeSignIn first (issue 14): a fresh profile's
// cold and warm start, the pause, the click, then the callback URL timed
// until the profile shows, as in measure. While the page is idle the loader
// runs the full build's start-up in a worker (dev/internal/webapp/appjs.go),
// so the callback page finds that code in V8's cache; the main round trip,
// clicked at once, gets no such chance.
func measureIdleSignIn(ctx context.Context, chrome string, t *target) (float64, error) {
	b, err := newBrowser(ctx, chrome, nil)
	if err != nil {
		return 0, err
	}
	defer b.close()
	var r run
	if err := startTwice(b, t, &r); err != nil {
		return 0, err
	}
	time.Sleep(idleBeforeSignIn)
	return signInRoundTrip(b, t)
}
