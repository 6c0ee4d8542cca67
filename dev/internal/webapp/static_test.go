//go:build !js

package webapp

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStaticSiteServesLikeAPlainHost(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":       "home",
		"callback.html":    "callback",
		"404.html":         "shell",
		"web/app.wasm":     "raw",
		"web/app.wasm.gz":  "gz",
		"web/app.wasm.br":  "br",
		".nojekyll":        "",
		"console/index.ht": "x",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := StaticSite(dir, "/pkcelogs/")
	cases := []struct {
		path, accept          string
		status                int
		body, ctype, encoding string
	}{
		{"/pkcelogs/", "", 200, "home", "text/html; charset=utf-8", ""},
		{"/pkcelogs/callback?code=x&state=y", "", 200, "callback", "text/html; charset=utf-8", ""},
		{"/pkcelogs/nowhere", "", 404, "shell", "text/html; charset=utf-8", ""},
		{"/elsewhere", "", 404, "shell", "text/html; charset=utf-8", ""},
		{"/pkcelogs/.nojekyll", "", 404, "shell", "text/html; charset=utf-8", ""},
		{"/pkcelogs/web/app.wasm", "gzip, deflate, br", 200, "br", "application/wasm", "br"},
		{"/pkcelogs/web/app.wasm", "gzip, deflate", 200, "gz", "application/wasm", "gzip"},
		{"/pkcelogs/web/app.wasm", "gzip;q=0", 200, "raw", "application/wasm", ""},
		{"/pkcelogs/../index.html", "", 200, "home", "text/html; charset=utf-8", ""},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+tc.path, nil)
		req.Header.Set("Accept-Encoding", tc.accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.status || rec.Body.String() != tc.body || rec.Header().Get("Content-Type") != tc.ctype || rec.Header().Get("Content-Encoding") != tc.encoding {
			t.Errorf("%s (%s): %d %q %q %q; want %d %q %q %q", tc.path, tc.accept,
				rec.Code, rec.Body.String(), rec.Header().Get("Content-Type"), rec.Header().Get("Content-Encoding"),
				tc.status, tc.body, tc.ctype, tc.encoding)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/pkcelogs", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/pkcelogs/" {
		t.Errorf("/pkcelogs: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
}

func TestStaticSiteExplainsABadBasePath(t *testing.T) {
	rec := httptest.NewRecorder()
	StaticSite(t.TempDir(), "/a b/").ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1/", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "base path") {
		t.Errorf("bad base path: %d %q, want 500 naming the base path", rec.Code, rec.Body.String())
	}
}

// A page exported in both forms is served from name.html, as nginx's
// try_files $uri $uri.html $uri/ and GitHub Pages do.
func TestStaticSitePrefersTheHTMLFile(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "callback"), 0o755)
	for name, body := range map[string]string{"callback.html": "page", "callback/index.html": "slash fix", "404.html": "shell"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec := httptest.NewRecorder()
	StaticSite(dir, "/").ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1/callback?code=x", nil))
	if rec.Code != 200 || rec.Body.String() != "page" {
		t.Errorf("/callback: %d %q, want 200 from callback.html", rec.Code, rec.Body.String())
	}
}
