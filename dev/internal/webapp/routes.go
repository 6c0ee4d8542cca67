//go:build !js

package webapp

import "github.com/pkcelogs/pkcelogs/ui"

// registerRoutes registers the ui's pages with go-app on the server, which
// renders them before the wasm takes over (and answers 404 for anything not
// routed); the browser registers the same routes in cmd/wasm.
var registerRoutes = func() { ui.Routes(nil) }
