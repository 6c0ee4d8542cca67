//go:build !js

package main

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// staticSite serves an exported site the way `make static` output is meant to
// be served by any plain file host: the file at the address, else address +
// ".html", else 404.html; a precompressed .br or .gz copy with
// Content-Encoding when the browser accepts it; .wasm as application/wasm so
// the browser compiles while downloading. No app logic.
func staticSite(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" || name == "." {
			name = "index.html"
		}
		for _, candidate := range []string{name, name + ".html"} {
			if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(candidate))); err == nil && !fi.IsDir() {
				serveFile(w, r, dir, candidate, http.StatusOK)
				return
			}
		}
		serveFile(w, r, dir, "404.html", http.StatusNotFound)
	})
}

func serveFile(w http.ResponseWriter, r *http.Request, dir, name string, status int) {
	full := filepath.Join(dir, filepath.FromSlash(name))
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	if status == http.StatusOK {
		accept := r.Header.Get("Accept-Encoding")
		for _, e := range []struct{ name, suffix string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if !strings.Contains(accept, e.name) {
				continue
			}
			if f, err := os.Open(full + e.suffix); err == nil {
				defer f.Close()
				if fi, err := f.Stat(); err == nil {
					h.Set("Content-Encoding", e.name)
					http.ServeContent(w, r, name, fi.ModTime(), f)
					return
				}
			}
		}
	}
	body, err := os.ReadFile(full)
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
		w.Write(body)
		return
	}
	f, _ := os.Open(full)
	defer f.Close()
	fi, _ := f.Stat()
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".webmanifest":
		return "application/manifest+json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".json":
		return "application/json"
	}
	return "application/octet-stream"
}
