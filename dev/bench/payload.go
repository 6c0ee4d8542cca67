//go:build !js

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/andybalholm/brotli"
)

// payload is the size of app.wasm as the static export ships it.
type payload struct {
	WasmRaw    int64 `json:"wasm_raw_bytes"`
	WasmGzip   int64 `json:"wasm_gzip_bytes"`
	WasmBrotli int64 `json:"wasm_brotli_bytes"`
	// The signed-out build (app-lite.wasm, ui/lite.go); 0 when not built.
	LiteRaw    int64 `json:"lite_wasm_raw_bytes,omitempty"`
	LiteBrotli int64 `json:"lite_wasm_brotli_bytes,omitempty"`
	// The sites' schemas (web/schema/), which only the query console
	// fetches (issue 16): not part of any page's first load.
	Schemas []schemaSize `json:"schemas,omitempty"`
}

type schemaSize struct {
	File   string `json:"file"`
	Raw    int64  `json:"raw_bytes"`
	Brotli int64  `json:"brotli_bytes"` // at quality 11, as a host would send it precompressed
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
	files, _ := filepath.Glob(filepath.Join(siteDir, "web", "schema", "*.graphql"))
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return p, err
		}
		var b bytes.Buffer
		w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: 11, LGWin: 22})
		if _, err := w.Write(data); err != nil {
			return p, err
		}
		if err := w.Close(); err != nil {
			return p, err
		}
		p.Schemas = append(p.Schemas, schemaSize{File: filepath.Base(f), Raw: int64(len(data)), Brotli: int64(b.Len())})
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
