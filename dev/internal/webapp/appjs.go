//go:build !js

package webapp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// go-app v9.8.0's app.js fetches app.wasm through fetchWithProgress, which
// re-wraps the body in a new Response to count bytes. That Response has no
// URL, so Chrome cannot keep the compiled module in its code cache and every
// visit compiles the whole app again; and a 404 page reaches the compiler as
// "expected magic word". patchAppJS points the loader at wasmFetchJS instead:
// the browser's own Response goes to instantiateStreaming, progress is
// counted on a clone (only when the network serves it: a page the service
// worker controls gets it from the cache, where counting only costs time),
// an HTTP error says which file and status, and a host that sends .wasm with
// the wrong MIME type still works (without streaming).
//
// go-app also registers its service worker as app.js starts, so on a first
// visit the worker's install reads, decodes and stores its own 13 MB copy of
// app.wasm while the page is still compiling: on two cores that cost a fifth
// of the cold start (docs/benchmarks.md). The patched app.js registers the
// worker once the app has started; the install then revalidates the copy the
// page put in the HTTP cache.
const (
	wasmFetchCall   = `fetchWithProgress("`
	initWorkerCall  = "\ngoappInitServiceWorker();\n"
	initWasmCall    = "\ngoappInitWebAssembly();\n"
	initWasmDeferSW = "\ngoappInitWebAssembly().finally(() => setTimeout(goappInitServiceWorker, 0));\n"
	wasmFetchJS     = `
// pkcelogs: see dev/internal/webapp/appjs.go.
async function pkcelogsFetchWasm(url, progress) {
  // The build the page's early script chose (early.go): the signed-out one
  // on the home page when nobody seems signed in.
  url = window.pkcelogsWasm || url;
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error("Loading " + url + " failed: HTTP " + response.status + ". Reload the page; if it persists, the site is missing app.wasm.");
  }
  // The uncompressed size: from the build, else the server; Content-Length
  // is the compressed size, or missing, when the host compresses.
  const total = pkcelogsWasmSizes[url] || parseInt(response.headers.get(goappWasmContentLengthHeader) || response.headers.get("Content-Length"), 10);
  // A page the service worker controls gets app.wasm from its cache in a
  // blink: counting a clone of 13 MB there only costs the start-up time.
  const fromWorker = !!(navigator.serviceWorker && navigator.serviceWorker.controller);
  if (response.body && total > 0 && !fromWorker) {
    const reader = response.clone().body.getReader();
    (async () => {
      let loaded = 0, shown = -1;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.byteLength;
        const percent = Math.min(100, Math.round((loaded * 100) / total));
        if (percent !== shown) progress(shown = percent); // one DOM write per percent, not per chunk
      }
    })().catch(() => {});
  }
  const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
  if (type !== "application/wasm") {
    // A host that does not know .wasm: still start, without streaming compilation.
    console.warn("pkcelogs: " + url + " is served as " + (type || "no type") + ", not application/wasm: compiling after the download.");
    return new Response(response.body, { status: 200, headers: { "Content-Type": "application/wasm" } });
  }
  return response;
}
`
)

// patchAppJS rewrites go-app's app.js; wasmSizes are the builds' uncompressed
// sizes by URL path for the progress display (missing: unknown, use the
// response's headers).
func patchAppJS(appJS []byte, wasmSizes map[string]int) ([]byte, error) {
	for _, call := range []string{wasmFetchCall, initWorkerCall, initWasmCall} {
		if bytes.Count(appJS, []byte(call)) != 1 {
			return nil, fmt.Errorf("webapp: go-app's app.js no longer calls %s once: review patchAppJS for this go-app version", strings.TrimSpace(call))
		}
	}
	patched := bytes.Replace(appJS, []byte(wasmFetchCall), []byte(`pkcelogsFetchWasm("`), 1)
	patched = bytes.Replace(patched, []byte(initWorkerCall), []byte("\n"), 1)
	patched = bytes.Replace(patched, []byte(initWasmCall), []byte(initWasmDeferSW), 1)
	sizes, err := json.Marshal(wasmSizes)
	if err != nil {
		return nil, err
	}
	patched = append(patched, fmt.Sprintf("\nvar pkcelogsWasmSizes = %s; // var: read before this line runs would be a TDZ error with const\n", sizes)...)
	return append(patched, wasmFetchJS...), nil
}
