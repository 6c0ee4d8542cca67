//go:build js && wasm

package ui

import "github.com/hack-pad/safejs"

// perfMark records a User Timing mark ("pkcelogs:"+name) so the benchmark
// and DevTools can see where the app's own time goes. A browser without
// performance.mark just gets no mark.
func perfMark(name string) {
	perf, err := safejs.Global().Get("performance")
	if err != nil || perf.IsUndefined() || perf.IsNull() {
		return
	}
	_, _ = perf.Call("mark", "pkcelogs:"+name)
}
