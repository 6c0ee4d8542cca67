//go:build !js

package provider

import (
	"fmt"
	"html"
	"net/http"
	"strings"
)

// handleAvatar serves a fixture user's avatar (the URL User.avatar gives) as a small SVG,
// so the app can show it without reaching any outside host.
func (p *Provider) handleAvatar(w http.ResponseWriter, r *http.Request) {
	login, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/avatars/"), ".svg")
	u := p.users.byLogin(login)
	if !ok || u == nil {
		http.NotFound(w, r)
		return
	}
	colors := []string{"#1f6feb", "#b42318", "#067647", "#6941c6"}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">`+
		`<rect width="64" height="64" rx="12" fill="%s"/>`+
		`<text x="32" y="42" font-family="sans-serif" font-size="30" text-anchor="middle" fill="#fff">%s</text></svg>`,
		colors[u.ID%len(colors)], html.EscapeString(strings.ToUpper(u.Name[:1])))
}
