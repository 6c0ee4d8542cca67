//go:build !js

package webapp

import (
	"net/http"
	"strings"
)

// resources is go-app's ResourceProvider for a web directory anywhere on disk,
// mounted under a base path. go-app calls the directory "/web" in its links.
type resources struct {
	prefix string // "" or "/name"
	files  http.Handler
}

func newResources(prefix, webDir string) resources {
	return resources{prefix: prefix, files: http.StripPrefix("/web", noListing(http.FileServer(http.Dir(webDir))))}
}

func (r resources) Package() string { return r.prefix }
func (r resources) Static() string  { return r.prefix }
func (r resources) AppWASM() string { return r.prefix + wasmPath }

// ServeHTTP serves /web/... (the base path already stripped) from the directory.
func (r resources) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.files.ServeHTTP(w, req)
}

// noListing answers 404 for directories and dot files instead of listing them.
func noListing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || strings.Contains(r.URL.Path, "/.") {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}
