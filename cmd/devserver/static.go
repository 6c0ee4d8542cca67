//go:build !js

package main

import (
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// staticSite serves an exported site the way plain static hosts do (GitHub
// Pages, Netlify, nginx with try_files): the file at the address, else the
// address + ".html", else 404.html with status 404; a precompressed .br or
// .gz copy when the browser accepts it (nginx gzip_static, Caddy
// precompressed). No app logic: if the export works here, it works there.
func staticSite(dir, base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if base != "/" {
			if p == strings.TrimSuffix(base, "/") {
				http.Redirect(w, r, base, http.StatusMovedPermanently)
				return
			}
			rest, ok := strings.CutPrefix(p, base)
			if !ok {
				serveFile(w, r, dir, "404.html", http.StatusNotFound)
				return
			}
			p = "/" + rest
		}
		name := strings.TrimPrefix(path.Clean(p), "/")
		if name == "" || name == "." {
			name = "index.html"
		}
		for _, candidate := range []string{name, name + "/index.html", name + ".html"} {
			if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(candidate))); err == nil && !fi.IsDir() && !hidden(candidate) {
				serveFile(w, r, dir, candidate, http.StatusOK)
				return
			}
		}
		serveFile(w, r, dir, "404.html", http.StatusNotFound)
	})
}

func hidden(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

func serveFile(w http.ResponseWriter, r *http.Request, dir, name string, status int) {
	full := filepath.Join(dir, filepath.FromSlash(name))
	ctype := contentType(name)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	if status == http.StatusOK {
		h.Add("Vary", "Accept-Encoding")
		accept := r.Header.Get("Accept-Encoding")
		for _, e := range []struct{ name, suffix string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if !acceptsEncoding(accept, e.name) {
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
	f, err := os.Open(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			http.Error(w, "404 page not found", http.StatusNotFound)
			return
		}
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			io.Copy(w, f)
		}
		return
	}
	fi, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

// contentType by extension; .wasm must be application/wasm for streaming
// compilation, whatever the system's MIME tables say.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// acceptsEncoding reports whether an Accept-Encoding header lists the
// encoding without q=0.
func acceptsEncoding(header, encoding string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		if !strings.EqualFold(strings.TrimSpace(fields[0]), encoding) {
			continue
		}
		for _, p := range fields[1:] {
			if q, ok := strings.CutPrefix(strings.ReplaceAll(p, " ", ""), "q="); ok && strings.Trim(q, "0.") == "" {
				return false
			}
		}
		return true
	}
	return false
}
