//go:build !js

package provider

import (
	"net/http"
	"slices"
)

// withCORS answers cross-origin requests from Options.AppOrigins, as the real sites' token
// endpoint and API do for browser apps. The origin is echoed only when it is listed exactly;
// any other origin gets no CORS headers, so the browser refuses to hand the response to the
// page. Retry-After is exposed so a page can honour a 429.
//
// The authorize endpoint is deliberately not wrapped: it is navigated to, never fetched, and
// answering CORS there would let any page read the consent page (RFC 9700 §2.6, §4.16).
func (p *Provider) withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		allowed := origin != "" && slices.Contains(p.opts.AppOrigins, origin)
		h := w.Header()
		h.Add("Vary", "Origin")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			if allowed {
				h.Set("Access-Control-Allow-Origin", origin)
				h.Set("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
				h.Set("Access-Control-Max-Age", "600")
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if allowed {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Expose-Headers", "Retry-After")
		}
		next.ServeHTTP(w, r)
	})
}
