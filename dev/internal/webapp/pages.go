//go:build !js

package webapp

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/ui"
)

// go-app v9 writes this viewport into every page it renders. Its
// maximum-scale=1 and user-scalable=0 stop a person zooming in on a phone
// (WCAG 1.4.4 Resize text; axe-core's meta-viewport rule), so every page the
// server or the export hands out carries goodViewport instead.
const (
	goAppViewport = `content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover"`
	goodViewport  = `content="width=device-width, initial-scale=1, viewport-fit=cover"`
)

// fixViewport puts goodViewport in place of go-app's viewport in a rendered
// page. It fails loudly when go-app's is not there once: a go-app upgrade must
// be checked for it (DEVELOPERS.md, "Upgrading go-app").
func fixViewport(page []byte) ([]byte, error) {
	if n := bytes.Count(page, []byte(goAppViewport)); n != 1 {
		return nil, fmt.Errorf("the rendered page has go-app's viewport %d times, want once: review fixViewport for this go-app version", n)
	}
	return bytes.Replace(page, []byte(goAppViewport), []byte(goodViewport), 1), nil
}

// servePage answers a page address with go-app's pre-rendered page, its
// viewport fixed; an address the app has no page for is answered with the
// not-found page (ui.NotFoundPage, the static export's 404.html) and status
// 404, not go-app's plain-text "404 page not found".
func servePage(w http.ResponseWriter, r *http.Request, h *app.Handler) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Code == http.StatusNotFound {
		nf := r.Clone(r.Context())
		nf.URL.Path, nf.URL.RawPath = ui.PathNotFound, ""
		nf.Header.Del("If-None-Match")
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, nf)
		if rec.Code == http.StatusOK {
			rec.Code = http.StatusNotFound
		}
	}
	body := rec.Body.Bytes()
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		if fixed, err := fixViewport(body); err == nil {
			body = fixed
		} else {
			problem(http.StatusInternalServerError, err.Error()).ServeHTTP(w, r)
			return
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	if rec.Header().Get("Content-Length") != "" {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(rec.Code)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
