//go:build !js

package webapp

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// wasmVariants is app.wasm in memory with its encodings, ready to serve.
type wasmVariants struct {
	raw  []byte
	hash string // of raw: the ETag's stem

	mu      sync.RWMutex
	encoded map[string][]byte // "br", "gzip"
}

// loadWasm reads webDir/app.wasm and its precompressed copies. A missing or
// stale gzip copy is made at once (about a second); a missing brotli copy is
// made in the background (quality 11 takes a while) and written next to
// app.wasm, so the next start and `make static` find it ready.
func loadWasm(webDir string, background *sync.WaitGroup) (*wasmVariants, error) {
	return loadWasmFile(webDir, "app.wasm", background)
}

// loadWasmFile is loadWasm for any build in webDir (app-lite.wasm).
func loadWasmFile(webDir, name string, background *sync.WaitGroup) (*wasmVariants, error) {
	path := filepath.Join(webDir, name)
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, missingWasm(webDir, err)
	}
	sum := sha256.Sum256(raw)
	v := &wasmVariants{raw: raw, hash: hex.EncodeToString(sum[:8]), encoded: map[string][]byte{}}
	var later []struct{ name, suffix string } // started once v.encoded is no longer written here
	for _, e := range encodings {
		if data, ok := readFresh(path+e.suffix, e.name, raw); ok {
			v.encoded[e.name] = data
			continue
		}
		if e.name == "gzip" {
			v.encoded[e.name] = compress(e.name, raw)
			if err := writeAtomic(path+e.suffix, v.encoded[e.name]); err != nil {
				log.Printf("webapp: writing %s: %v", path+e.suffix, err)
			}
			continue
		}
		later = append(later, e)
	}
	for _, e := range later {
		background.Go(func() { v.compressLater(e.name, path+e.suffix) })
	}
	return v, nil
}

func (v *wasmVariants) compressLater(encoding, path string) {
	start := time.Now()
	data := compress(encoding, v.raw)
	v.mu.Lock()
	v.encoded[encoding] = data
	v.mu.Unlock()
	if err := writeAtomic(path, data); err != nil {
		log.Printf("webapp: writing %s: %v", path, err)
		return
	}
	log.Printf("webapp: wrote %s (%d bytes, %s)", path, len(data), time.Since(start).Round(time.Millisecond))
}

// pick returns the best encoding the request accepts and the bytes to send.
func (v *wasmVariants) pick(acceptEncoding string) (string, []byte) {
	ok := acceptable(acceptEncoding)
	v.mu.RLock()
	defer v.mu.RUnlock()
	for _, e := range encodings {
		if data, have := v.encoded[e.name]; have && ok[e.name] {
			return e.name, data
		}
	}
	return "", v.raw
}

// serve sends app.wasm as application/wasm, so WebAssembly.instantiateStreaming
// compiles while it downloads, compressed when the browser accepts it.
func (v *wasmVariants) serve(w http.ResponseWriter, r *http.Request) {
	encoding, data := v.pick(r.Header.Get("Accept-Encoding"))
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Cache-Control", "no-cache") // revalidate by ETag; the service worker keeps its own copy
	h.Add("Vary", "Accept-Encoding")
	h.Set(wasmLengthHeader, strconv.Itoa(len(v.raw)))
	etag := v.hash
	if encoding != "" {
		// ServeContent leaves Content-Length out for encoded bodies, and a
		// byte range of a compressed stream helps nobody: send it whole.
		h.Set("Content-Encoding", encoding)
		h.Set("Content-Length", strconv.Itoa(len(data)))
		etag += "-" + encoding
		r = r.Clone(r.Context())
		r.Header.Del("Range")
	}
	h.Set("ETag", `"`+etag+`"`)
	http.ServeContent(w, r, "app.wasm", time.Time{}, bytes.NewReader(data)) // the name only gives the type, which is set
}
