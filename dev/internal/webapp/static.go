//go:build !js

package webapp

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// StaticSite serves a site written by [Export] the way plain static hosts do
// (GitHub Pages, Netlify, nginx with try_files $uri $uri.html $uri/): the file
// at the address, else the address + ".html", else + "/index.html", else
// 404.html with status 404;
// a precompressed .br or .gz copy with Content-Encoding when the browser
// accepts it (nginx gzip_static, Caddy precompressed); .wasm as
// application/wasm; the response headers the export's _headers file gives
// for the address (Content-Security-Policy and the rest), as Netlify and
// Cloudflare Pages apply them. Dot files and _headers are not served. No app
// logic: if the export works here, it works there.
//
// basePath is where the site is mounted ("/" or e.g. "/pkcelogs/"); an
// invalid one is answered with a page that says so.
func StaticSite(dir, basePath string) http.Handler {
	prefix, err := normalizeBasePath(basePath)
	if err != nil {
		return problem(http.StatusInternalServerError, err.Error())
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if err := applyHeadersFile(w.Header(), filepath.Join(dir, headersFile), p); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if prefix != "" {
			if p == prefix {
				http.Redirect(w, r, prefix+"/", http.StatusMovedPermanently)
				return
			}
			rest, ok := strings.CutPrefix(p, prefix+"/")
			if !ok {
				serveStaticFile(w, r, dir, "404.html", http.StatusNotFound)
				return
			}
			p = "/" + rest
		}
		name := strings.TrimPrefix(path.Clean(p), "/")
		if name == "" || name == "." {
			name = "index.html"
		}
		for _, candidate := range []string{name, name + ".html", name + "/index.html"} {
			if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(candidate))); err == nil && !fi.IsDir() && !hiddenFile(candidate) && candidate != headersFile {
				serveStaticFile(w, r, dir, candidate, http.StatusOK)
				return
			}
		}
		serveStaticFile(w, r, dir, "404.html", http.StatusNotFound)
	})
}

// hiddenFile reports whether any part of the slash-separated name starts
// with a dot (.nojekyll, .git): static hosts do not serve those.
func hiddenFile(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

func serveStaticFile(w http.ResponseWriter, r *http.Request, dir, name string, status int) {
	full := filepath.Join(dir, filepath.FromSlash(name))
	h := w.Header()
	h.Set("Content-Type", staticContentType(name))
	h.Set("Cache-Control", "no-cache")
	if status == http.StatusOK {
		h.Add("Vary", "Accept-Encoding")
		ok := acceptable(r.Header.Get("Accept-Encoding"))
		for _, e := range encodings {
			if !ok[e.name] {
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

// staticContentType by extension; .wasm must be application/wasm for
// streaming compilation, whatever the system's MIME tables say.
func staticContentType(name string) string {
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

// applyHeadersFile sets the headers a _headers file (Netlify and Cloudflare Pages
// format: a path line, then indented "Name: value" lines; a trailing * matches any
// rest) gives for urlPath. A missing file sets nothing; a malformed one is an error
// that names the line.
func applyHeadersFile(h http.Header, file, urlPath string) error {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	matches := false
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			pattern, splat := strings.CutSuffix(trimmed, "*")
			matches = urlPath == pattern || splat && strings.HasPrefix(urlPath, pattern)
		default:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok {
				return fmt.Errorf("%s line %d: %q is not a path or an indented \"Name: value\"", file, i+1, trimmed)
			}
			if matches {
				h.Set(strings.TrimSpace(name), strings.TrimSpace(value))
			}
		}
	}
	return nil
}
