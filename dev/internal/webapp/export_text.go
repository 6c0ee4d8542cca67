//go:build !js

package webapp

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// textExtensions are the exported files, besides the builds, that a browser
// fetches as text: the pages, app.js, wasm_exec.js, the stylesheets, the
// manifest, the SVG icon and the console's schemas.
var textExtensions = map[string]bool{".html": true, ".js": true, ".css": true, ".webmanifest": true, ".svg": true, ".graphql": true, ".json": true}

// precompressText writes .br and .gz copies next to every text file of the
// export, as Precompress does for the builds: a host that serves
// precompressed files (the export's own static server, nginx
// brotli_static/gzip_static, Caddy) then sends the page, app.js and
// wasm_exec.js in ~a quarter of their size before the sign-in button works
// (issue 14's first-visit budget counts every byte of them; a host that
// compresses by itself does the same on the fly). A copy that would not be
// smaller is not written.
func precompressText(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !textExtensions[filepath.Ext(path)] || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, e := range encodings {
			packed := compress(e.name, raw)
			if len(packed) >= len(raw) {
				continue
			}
			if err := os.WriteFile(path+e.suffix, packed, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}
