//go:build !js

package webapp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pkcelogs/pkcelogs/ui"
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
//
// The signed-out page runs the small build (early.go), so the callback page,
// a full page load back from the site's sign-in, was the first to run the
// full one: V8 compiled ~2,500 of its functions lazily, on the main thread,
// on the sign-in's critical path. V8 keeps compiled wasm code in its code
// cache only for code that ran (once top-tier code exists, 2 s after the
// last of it is compiled); compiling app.wasm without running it caches
// nothing. So once the signed-out page's sign-in button works and the page
// is idle (and its service worker is ready, so the bytes come from its
// cache), the patched app.js starts itself again as a dedicated worker
// (worker-src 'self'), which runs the full build's start-up there: Go's
// runtime, every package's initialisation and cmd/wasm's main up to go-app,
// which needs a document (cmd/wasm/warm_js.go). The module comes from the same
// Cache Storage entry (or HTTP cache entry) the callback page will read, so
// V8's cache of that code is attached to it. See docs/benchmarks.md.
//
// A page on the full build shows dates (the report lists, Intl.DateTimeFormat
// with ui.DateTimeOptions), and V8's first formatter for a locale builds ICU's
// date patterns: 37–120 ms of the main thread, which fell between the sign-in's
// GraphQL answer and the profile on screen. pkcelogsFetchWasm has V8 make one
// while the module compiles off the main thread; the app's own is then quick.
const (
	wasmFetchCall   = `fetchWithProgress("`
	initWorkerCall  = "\ngoappInitServiceWorker();\n"
	initWasmCall    = "\ngoappInitWebAssembly();\n"
	initWasmDeferSW = "\ngoappInitWebAssembly().finally(() => setTimeout(goappInitServiceWorker, 0));\n"
	// app.js runs as the warm-up worker too: no document, no go-app loader.
	pageStartCalls = "\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly().finally(() => setTimeout(goappInitServiceWorker, 0));\n"
	pageOrWorker   = "\nif (typeof document === \"undefined\") {\n  pkcelogsWarmWorker();\n} else {\n  goappWatchForUpdate();\n  goappWatchForInstallable();\n  goappInitWebAssembly().finally(() => { setTimeout(goappInitServiceWorker, 0); pkcelogsScheduleWarm(); });\n}\n"
	wasmFetchJS    = `
// pkcelogs: see dev/internal/webapp/appjs.go.
async function pkcelogsFetchWasm(url, progress) {
  // The build the page's early script chose (early.go): the signed-out one
  // on the home page when nobody seems signed in. The full build (url) is
  // then the one to warm up once the page is idle.
  if (window.pkcelogsWasm && window.pkcelogsWasm !== url) pkcelogsFullBuild = url;
  url = window.pkcelogsWasm || url;
  const response = await fetch(url);
  // The full build shows dates: while the module compiles (off the main
  // thread), have V8 build ICU's date patterns for the locale once, so the
  // first report list does not wait for them (ui.DateTimeOptions).
  if (!pkcelogsFullBuild) setTimeout(pkcelogsWarmDates, 0);
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

function pkcelogsWarmDates() {
  try { new Intl.DateTimeFormat(undefined, PKCELOGS_DATE_OPTIONS).format(0); } catch (err) {}
}

var pkcelogsFullBuild; // set on the signed-out build's page; no initialiser: this line runs after the loader has set it

// pkcelogsScheduleWarm runs on the page once its build has started: on the
// signed-out build's page, when the sign-in button works (data-ready, set by
// the app), the page is idle and its service worker is ready (or has not
// come within 10 s), it starts the warm-up worker, and ends it 10 s after
// the full build's start-up has run: V8 writes its code cache 2 s after the
// last top-tier compilation of a module that is still alive. The outcome is
// the User Timing mark "pkcelogs:full-build-warmed" (detail: where the bytes
// came from, Go's exit code, ms) or "pkcelogs:full-build-warm-failed".
function pkcelogsScheduleWarm() {
  const full = pkcelogsFullBuild;
  if (!full || typeof Worker === "undefined") return;
  const buttonReady = () => !!document.querySelector("[" + PKCELOGS_SIGNIN_ATTR + "][data-ready=\"true\"]");
  const whenButtonReady = () => new Promise((done) => {
    if (buttonReady()) return done();
    const observer = new MutationObserver(() => { if (buttonReady()) { observer.disconnect(); done(); } });
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready"] });
  });
  const whenIdle = () => new Promise((done) => (window.requestIdleCallback ? requestIdleCallback(() => done(), { timeout: 3000 }) : setTimeout(done, 500)));
  const whenWorkerReady = () => !navigator.serviceWorker ? Promise.resolve() :
    Promise.race([navigator.serviceWorker.ready, new Promise((done) => setTimeout(done, 10000))]);
  const script = (name) => { const s = document.querySelector("script[src$=\"" + name + "\"]"); return s ? s.src : ""; };
  whenButtonReady().then(whenIdle).then(whenWorkerReady).then(() => {
    const appJS = script("/app.js"), wasmExec = script("/wasm_exec.js");
    if (!appJS || !wasmExec) return;
    performance.mark("pkcelogs:full-build-warm-start");
    const worker = new Worker(appJS);
    worker.onmessage = (e) => {
      const m = e.data || {};
      if (m.done) performance.mark("pkcelogs:full-build-warmed", { detail: m });
      else performance.mark("pkcelogs:full-build-warm-failed", { detail: m });
      setTimeout(() => worker.terminate(), m.done ? 10000 : 0);
    };
    worker.onerror = (e) => {
      performance.mark("pkcelogs:full-build-warm-failed", { detail: { error: e.message || "worker error" } });
      worker.terminate();
    };
    worker.postMessage({ wasm: new URL(full, location.href).href, wasmExec: wasmExec });
  }).catch((err) => console.warn("pkcelogs: warming up the full build:", err));
}

// pkcelogsWarmWorker is app.js run as the warm-up worker: it runs the full
// build's start-up on the bytes the callback page will get (the service
// worker's cache, else the HTTP cache) and says how it went. Go's main sees
// no document and returns before go-app (cmd/wasm/warm_js.go).
function pkcelogsWarmWorker() {
  self.onmessage = async (e) => {
    const t0 = performance.now();
    try {
      importScripts(e.data.wasmExec);
      const url = e.data.wasm;
      let response, from = "cache";
      try { response = self.caches ? await caches.match(url) : undefined; } catch (err) {}
      if (!response) { response = await fetch(url); from = "network"; }
      if (!response.ok) throw new Error("HTTP " + response.status);
      const go = new Go();
      let code = -1;
      go.exit = (c) => { code = c; };
      const { instance } = await WebAssembly.instantiateStreaming(response, go.importObject);
      await go.run(instance);
      self.postMessage({ done: code === 0, from: from, code: code, ms: Math.round(performance.now() - t0) });
    } catch (err) {
      self.postMessage({ done: false, error: String(err) });
    }
  };
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
	if bytes.Count(patched, []byte(pageStartCalls)) != 1 {
		return nil, fmt.Errorf("webapp: go-app's app.js no longer starts with %q: review patchAppJS for this go-app version", strings.TrimSpace(pageStartCalls))
	}
	patched = bytes.Replace(patched, []byte(pageStartCalls), []byte(pageOrWorker), 1)
	sizes, err := json.Marshal(wasmSizes)
	if err != nil {
		return nil, err
	}
	patched = append(patched, fmt.Sprintf("\nvar pkcelogsWasmSizes = %s; // var: read before this line runs would be a TDZ error with const\n", sizes)...)
	dateOptions, err := json.Marshal(ui.DateTimeOptions())
	if err != nil {
		return nil, err
	}
	return append(patched, strings.NewReplacer(
		"PKCELOGS_SIGNIN_ATTR", jsString(ui.SignInButtonAttr),
		"PKCELOGS_DATE_OPTIONS", string(dateOptions),
	).Replace(wasmFetchJS)...), nil
}
