//go:build !js

package provider

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/ory/fosite"
)

//go:embed pages/*.html
var pageFiles embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"describeScope": describeScope,
}).ParseFS(pageFiles, "pages/*.html"))

// pageError is what the error page shows.
type pageError struct {
	Title      string
	Message    string
	Client     string   // the client id the request named, if any
	Redirect   string   // the redirect URI the request named, if any
	Registered []string // the client's registered redirect URIs, when the redirect URI is the problem
	// DevHint, when set, is what a real site would not say: the page then reads like
	// the site's (Title and Message only), and the hint, the client and the redirect
	// URIs go in small print marked as the local provider's.
	DevHint string
}

func (p *Provider) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, "provider: page template: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// The consent page must not be framed by another site (clickjacking, RFC 9700 §4.16).
	h.Set("X-Frame-Options", "DENY")
	// Browsers apply form-action to the redirect that answers the form too, so the
	// consent form may also lead to the client's (already verified) redirect URI.
	formAction := "'self'"
	if c, ok := data.(consentData); ok {
		if u, err := url.Parse(c.Redirect); err == nil && u.Scheme != "" && u.Host != "" {
			formAction += " " + u.Scheme + "://" + u.Host
		}
	}
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action "+formAction+"; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

func (p *Provider) errorPage(w http.ResponseWriter, status int, e pageError) {
	p.render(w, status, "error.html", e)
}

type consentData struct {
	Client   string
	Redirect string
	Scopes   []string
	Users    []FixtureUser
	Token    string
	Action   string
	Problem  string
	Game     string
}

func (p *Provider) consentPage(w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester, problem string) {
	p.render(w, http.StatusOK, "consent.html", consentData{
		Client:   ar.GetClient().GetID(),
		Redirect: ar.GetRedirectURI().String(),
		Scopes:   ar.GetRequestedScopes(),
		Users:    p.users.fixtureUsers(),
		Token:    p.consentToken(ar),
		Action:   AuthorizePath + "?" + r.URL.RawQuery,
		Problem:  problem,
		Game:     p.opts.Game,
	})
}

type indexData struct {
	Base    string
	Game    string
	Clients []Client
	Users   []FixtureUser
	Origins string
}

func (p *Provider) handleIndex(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		p.errorPage(w, http.StatusNotFound, pageError{Title: "Not found", Message: "The local provider has no page at " + r.URL.Path + "."})
		return
	}
	cs := make([]Client, 0, len(p.opts.Clients))
	cs = append(cs, p.opts.Clients...)
	p.render(w, http.StatusOK, "index.html", indexData{
		Base: p.opts.BaseURL, Game: p.opts.Game, Clients: cs, Users: p.users.fixtureUsers(),
		Origins: strings.Join(p.opts.AppOrigins, ", "),
	})
}

// favicon is the provider pages' icon, a key (SVG, which browsers take at
// /favicon.ico when the type says so): without it every page's automatic
// /favicon.ico request ended in a 404.
const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f6feb"/>` +
	`<circle cx="12" cy="16" r="6" fill="none" stroke="#fff" stroke-width="3"/><path d="M17 16h11v5M24 16v4" fill="none" stroke="#fff" stroke-width="3"/></svg>`

func handleFavicon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "max-age=86400")
	w.Write([]byte(favicon))
}
