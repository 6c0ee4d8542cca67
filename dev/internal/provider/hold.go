//go:build !js

package provider

import (
	"bytes"
	"net/http"
	"time"
)

// holdResponse serves r with next at once but sends the response only
// after d (Fault.Hold), or never if the client gives up first.
func holdResponse(w http.ResponseWriter, r *http.Request, d time.Duration, next http.Handler) {
	bw := &heldResponse{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(bw, r)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
		return
	}
	for k, v := range bw.header {
		w.Header()[k] = v
	}
	w.WriteHeader(bw.status)
	w.Write(bw.body.Bytes())
}

type heldResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (h *heldResponse) Header() http.Header { return h.header }

func (h *heldResponse) WriteHeader(code int) {
	if !h.wrote {
		h.status, h.wrote = code, true
	}
}

func (h *heldResponse) Write(b []byte) (int, error) {
	h.wrote = true
	return h.body.Write(b)
}
