package ui

// PerfMark records a User Timing mark "pkcelogs:"+name in the browser, where
// `go run ./dev/bench -probe N` and DevTools' Performance panel show it; it does
// nothing elsewhere. The app marks: main (cmd/wasm), callback-begin,
// callback-finished, overview-request, overview-decoded, dashboard-mount,
// profile-render.
func PerfMark(name string) { perfMark(name) }
