//go:build !js

package webapp

import (
	"bytes"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

// Serve returns the development server's handler for the app in webDir: the
// go-app handler (pages, app.js, the service worker, the manifest, /web/...),
// the toolchain's wasm_exec.js from webDir, and app.wasm precompressed, sent
// as application/wasm with Content-Encoding br or gzip as the browser accepts.
//
// It watches webDir/app.wasm: after a rebuild the next request gets the new
// build under a new Version, so the service worker updates. A configuration
// mistake or a missing app.wasm is answered with a page that says what to do.
func Serve(cfg Config, webDir string) http.Handler {
	cfg.WebDir = webDir
	if err := cfg.Validate(); err != nil {
		return problem(http.StatusInternalServerError, err.Error())
	}
	return &server{cfg: cfg, prefix: cfg.prefix()}
}

type server struct {
	cfg    Config
	prefix string

	mu      sync.Mutex
	stamp   fileStamp // app.wasm as the current build saw it
	current *build

	background sync.WaitGroup // compressions still running (tests wait for them)
}

// build is everything derived from one app.wasm.
type build struct {
	app   *app.Handler
	csp   string        // the Content-Security-Policy header for every response
	appJS []byte        // go-app's app.js, patched (see appjs.go)
	wasm  *wasmVariants // nil: app.wasm could not be read
	lite  *wasmVariants // nil: no signed-out build (app-lite.wasm)
	err   error
}

type fileStamp struct {
	size    int64
	modTime time.Time
	// the signed-out build's, zero without one
	liteSize    int64
	liteModTime time.Time
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The callback page's address carries the authorization code until the
	// app cleans it up: keep it out of Referer headers (and host logs).
	w.Header().Set("Referrer-Policy", referrerPolicy)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	b := s.build()
	w.Header().Set("Content-Security-Policy", b.csp)
	p := r.URL.Path
	if s.prefix != "" {
		if p == s.prefix {
			target := s.prefix + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		rest, ok := strings.CutPrefix(p, s.prefix+"/")
		if !ok {
			problem(http.StatusNotFound, fmt.Sprintf("Not found. The app is served under %s/", s.prefix)).ServeHTTP(w, r)
			return
		}
		p = "/" + rest
	}
	switch p {
	case wasmPath:
		if b.wasm == nil {
			problem(http.StatusNotFound, b.err.Error()).ServeHTTP(w, r)
			return
		}
		b.wasm.serve(w, r)
	case liteWasmPath:
		if b.lite == nil {
			problem(http.StatusNotFound, "web/"+liteWasmFile+" is missing: run `make build`").ServeHTTP(w, r)
			return
		}
		b.lite.serve(w, r)
	case wasmExecPath:
		s.serveWasmExec(w, r, b)
	case appJSPath:
		s.serveAppJS(w, r, b)
	default:
		r2 := r.Clone(r.Context())
		r2.URL.Path = p
		r2.URL.RawPath = ""
		if strings.HasPrefix(p, "/web/") {
			b.app.ServeHTTP(w, r2) // files, streamed
			return
		}
		servePage(w, r2, b.app)
	}
}

// build returns the handler for the app.wasm on disk, rebuilding it when the
// file changed since the last request.
func (s *server) build() *build {
	stamp := fileStamp{}
	if fi, err := os.Stat(filepath.Join(s.cfg.webDir(), "app.wasm")); err == nil {
		stamp.size, stamp.modTime = fi.Size(), fi.ModTime()
	}
	if fi, err := os.Stat(filepath.Join(s.cfg.webDir(), liteWasmFile)); err == nil {
		stamp.liteSize, stamp.liteModTime = fi.Size(), fi.ModTime()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current != nil && stamp == s.stamp {
		return s.current
	}
	b := &build{app: Handler(s.cfg)}
	b.wasm, b.err = loadWasm(s.cfg.webDir(), &s.background)
	if stamp.liteSize > 0 {
		var err error
		if b.lite, err = loadWasmFile(s.cfg.webDir(), liteWasmFile, &s.background); err != nil {
			log.Printf("webapp: %v", err)
		}
	}
	if js, err := render(b.app, appJSPath); err != nil {
		log.Printf("webapp: %v", err)
	} else if b.appJS, err = patchAppJS(js, b.wasmSizes(s.prefix)); err != nil {
		log.Printf("webapp: %v", err)
		b.appJS = js
	}
	if b.err != nil {
		log.Printf("webapp: %v", b.err)
	}
	b.csp = servedPolicy(s.cfg, b.app)
	s.stamp, s.current = stamp, b
	return b
}

// servedPolicy is the Content-Security-Policy header for the pages h renders: every
// routed page and the not-found page, as served. A page the policy would refuse
// (a style attribute) is logged, and the policy still sent: the browser's console
// then names the element too.
func servedPolicy(cfg Config, h *app.Handler) string {
	var pages [][]byte
	for _, p := range append(slices.Clone(ui.Pages), ui.PathNotFound) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://localhost"+p, nil))
		pages = append(pages, rec.Body.Bytes())
	}
	policy, err := NewPolicy(cfg, pages...)
	if err != nil {
		log.Printf("webapp: %v", err)
	}
	return policy.Header()
}

// serveWasmExec serves the toolchain's wasm_exec.js that `make build` copied
// to web/: go-app v9 bundles one from an older Go whose imports do not match
// what today's compiler emits.
func (s *server) serveWasmExec(w http.ResponseWriter, r *http.Request, b *build) {
	f, err := os.Open(filepath.Join(s.cfg.webDir(), "wasm_exec.js"))
	if err != nil {
		problem(http.StatusNotFound, "web/wasm_exec.js is missing: run `make build` (it copies $(go env GOROOT)/lib/wasm/wasm_exec.js)").ServeHTTP(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		problem(http.StatusInternalServerError, err.Error()).ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", `"`+b.app.Version+`-wasm-exec"`)
	http.ServeContent(w, r, "wasm_exec.js", fi.ModTime(), f)
}

// wasmSizes are the builds' uncompressed sizes by URL path, for app.js.
func (b *build) wasmSizes(prefix string) map[string]int {
	sizes := map[string]int{}
	if b.wasm != nil {
		sizes[prefix+wasmPath] = len(b.wasm.raw)
	}
	if b.lite != nil {
		sizes[prefix+liteWasmPath] = len(b.lite.raw)
	}
	return sizes
}

// serveAppJS serves go-app's app.js with the loader patched (appjs.go).
func (s *server) serveAppJS(w http.ResponseWriter, r *http.Request, b *build) {
	if b.appJS == nil {
		b.app.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", `"`+b.app.Version+`-app-js"`)
	http.ServeContent(w, r, "app.js", time.Time{}, bytes.NewReader(b.appJS))
}

// problem is a plain-text answer that says what went wrong and what to do.
func problem(status int, msg string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		fmt.Fprintln(w, msg)
	})
}
