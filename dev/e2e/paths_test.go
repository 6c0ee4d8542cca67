//go:build e2e

package e2e

// webDir holds the built app (make build writes app.wasm and wasm_exec.js).
const webDir = "../../web"
