//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// payload is the size of app.wasm as the static export ships it.
type payload struct {
	WasmRaw    int64 `json:"wasm_raw_bytes"`
	WasmGzip   int64 `json:"wasm_gzip_bytes"`
	WasmBrotli int64 `json:"wasm_brotli_bytes"`
	// The signed-out build (app-lite.wasm, ui/lite.go); 0 when not built.
	LiteRaw    int64 `json:"lite_wasm_raw_bytes,omitempty"`
	LiteBrotli int64 `json:"lite_wasm_brotli_bytes,omitempty"`
}

func measurePayload(siteDir string) (payload, error) {
	var p payload
	for _, f := range []struct {
		suffix string
		dst    *int64
	}{{"", &p.WasmRaw}, {".gz", &p.WasmGzip}, {".br", &p.WasmBrotli}} {
		fi, err := os.Stat(filepath.Join(siteDir, "web", "app.wasm"+f.suffix))
		if err != nil {
			return p, fmt.Errorf("the export lacks app.wasm%s: %w", f.suffix, err)
		}
		*f.dst = fi.Size()
	}
	for _, f := range []struct {
		suffix string
		dst    *int64
	}{{"", &p.LiteRaw}, {".br", &p.LiteBrotli}} {
		if fi, err := os.Stat(filepath.Join(siteDir, "web", "app-lite.wasm"+f.suffix)); err == nil {
			*f.dst = fi.Size()
		}
	}
	return p, nil
}
