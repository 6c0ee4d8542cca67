//go:build !js

package webapp

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pkcelogs/pkcelogs/ui"
)

// Export writes the app to dir as a static site any file host can serve: one
// pre-rendered HTML file per page (index.html, callback.html, ...), a
// 404.html (the not-found page, which boots the app like the others) for any
// other address, go-app's app.js,
// app-worker.js, manifest and CSS, the toolchain's wasm_exec.js, and web/
// with app.wasm and its .br and .gz copies. Every link is prefixed with
// cfg.BasePath, so the directory's contents go at that path on the host
// (for a GitHub Pages project site, BasePath "/<repository>/").
//
// dir must be empty, missing, or a previous export (which is replaced).
func Export(cfg Config, dir string) error {
	webDir := cfg.webDir()
	cfg.WebDir = webDir
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := Precompress(webDir); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(webDir, "wasm_exec.js")); err != nil {
		return fmt.Errorf("%s is missing: run `make build` (it copies $(go env GOROOT)/lib/wasm/wasm_exec.js)", filepath.Join(webDir, "wasm_exec.js"))
	}
	if err := prepareDir(dir); err != nil {
		return err
	}

	wasmInfo, err := os.Stat(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		return missingWasm(webDir, err)
	}
	wasmSizes := map[string]int{cfg.prefix() + wasmPath: int(wasmInfo.Size())}
	if fi, err := os.Stat(filepath.Join(webDir, liteWasmFile)); err == nil {
		wasmSizes[cfg.prefix()+liteWasmPath] = int(fi.Size())
	}

	h := Handler(cfg)
	files := map[string]string{ // URL path (without prefix) -> file
		"/app.js":               "app.js",
		"/app-worker.js":        "app-worker.js",
		"/manifest.webmanifest": "manifest.webmanifest",
		"/app.css":              "app.css",
	}
	for _, page := range ui.Pages {
		files[page] = pageFile(page)
	}
	// Any other address gets the not-found page, which boots the app like
	// every page (it routes by the address itself, so a deep link a host
	// does not map still opens its page).
	files[ui.PathNotFound] = "404.html"
	// Report pages (/report/CODE) have no file each: report.html is their
	// pre-rendered page, for hosts that can rewrite /report/* to it (README);
	// elsewhere 404.html opens them.
	files[ui.PathReportPrefix] = "report.html"
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		body, err := render(h, p)
		if err != nil {
			return err
		}
		if p == appJSPath {
			if body, err = patchAppJS(body, wasmSizes); err != nil {
				return err
			}
		}
		if strings.HasSuffix(files[p], ".html") {
			if body, err = fixViewport(body); err != nil {
				return err
			}
			if body, err = normalizeHTML(body); err != nil {
				return err
			}
		}
		if err := writeFile(dir, files[p], body); err != nil {
			return err
		}
	}
	// Hosts that do not map /callback to callback.html (python -m http.server,
	// S3 websites, nginx without try_files) redirect /callback to /callback/
	// when a directory of that name exists, and serve its index.html: the
	// same page, which first puts the address back to /callback (go-app
	// routes by exact path), query and all.
	for _, page := range ui.Pages {
		if page == "/" {
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, pageFile(page)))
		if err != nil {
			return err
		}
		if body, err = withSlashFix(body); err != nil {
			return err
		}
		if err := writeFile(dir, strings.Trim(page, "/")+"/index.html", body); err != nil {
			return err
		}
	}
	if err := writePolicy(cfg, dir); err != nil {
		return err
	}
	// GitHub Pages: publish the files as they are, without Jekyll.
	if err := writeFile(dir, ".nojekyll", nil); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(webDir, "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js")); err != nil {
		return err
	}
	if err := copyWeb(webDir, filepath.Join(dir, "web")); err != nil {
		return err
	}
	return precompressText(dir)
}

// pageFile names the file a host serves for a page path: "/" is index.html,
// "/callback" is callback.html (GitHub Pages, Netlify and Cloudflare Pages map
// the extension-less address to it).
func pageFile(page string) string {
	if page == "/" || page == "" {
		return "index.html"
	}
	return strings.Trim(page, "/") + ".html"
}

// render asks the handler for one path, as a browser would.
func render(h http.Handler, path string) ([]byte, error) {
	req := httptest.NewRequest(http.MethodGet, "http://localhost"+path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("exporting %s: the app answered %d: %s (is the page routed in the ui package?)", path, rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	return rec.Body.Bytes(), nil
}

// exportMarkers are files every export has and few other directories do: a
// non-empty dir holding all of them is taken for an earlier export, whose
// contents Export replaces.
var exportMarkers = []string{"app-worker.js", "404.html", ".nojekyll"}

func prepareDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return fmt.Errorf("%s is a file: choose a directory to export to", dir)
		}
		return err
	case len(entries) == 0:
		return nil
	}
	for _, m := range exportMarkers {
		if _, err := os.Stat(filepath.Join(dir, m)); err != nil {
			return fmt.Errorf("%s is not empty and does not look like an earlier export (no %s): choose an empty directory", dir, m)
		}
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(dir, name string, data []byte) error {
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// copyWeb copies the static assets, skipping dot files and wasm_exec.js (the
// page loads that from the site root).
func copyWeb(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if rel != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || rel == "wasm_exec.js" {
			return nil
		}
		return copyFile(p, filepath.Join(to, rel))
	})
}
