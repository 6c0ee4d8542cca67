//go:build !js

package webapp

// registerRoutes registers the ui's pages with go-app on the server, which
// renders them before the wasm takes over; the browser registers the same
// routes in cmd/wasm.
var registerRoutes = func() {}
