//go:build !js

package webapp

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/pkcelogs/pkcelogs/sites"
)

// fakeWasm is not a real module, but the server never looks inside: it is
// bytes to compress and serve.
var fakeWasm = bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 pkcelogs test module "), 4096)

const toolchainWasmExec = "// the toolchain's wasm_exec.js (test copy)\n"

// newWebDir makes a web directory like `make build` leaves it.
func newWebDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"app.wasm":     fakeWasm,
		"wasm_exec.js": []byte(toolchainWasmExec),
		"app.css":      []byte("body{color:#eee}\n"),
		"icon.svg":     []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
		"icon-192.png": []byte("png192"),
		"icon-512.png": []byte("png512"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func localSite(t *testing.T) sites.Site {
	t.Helper()
	s, err := sites.Custom{ID: "local", Name: "Local provider", Game: sites.GameWarcraft, AuthorizeURL: "http://127.0.0.1:8001/oauth/authorize", TokenURL: "http://127.0.0.1:8001/oauth/token", RevokeURL: "http://127.0.0.1:8001/oauth/revoke", APIURL: "http://127.0.0.1:8001/api/v2/user", Scopes: []string{sites.ScopeViewUserProfile, sites.ScopeViewPrivateReports}}.Site()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func preset(t *testing.T, id string) sites.Site {
	t.Helper()
	s, err := sites.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func get(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8000"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func mustStatus(t *testing.T, rec *httptest.ResponseRecorder, want int, what string) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("%s: status %d, want %d; body: %.300s", what, rec.Code, want, rec.Body.String())
	}
}

func describe(h http.Header) string { return fmt.Sprint(map[string][]string(h)) }
