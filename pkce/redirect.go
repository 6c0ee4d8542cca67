package pkce

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// EndpointAPI names the site's API endpoint (the logsapi package's requests)
// in RedirectError, NetworkError and ResponseError.
const EndpointAPI = "api"

// ErrRedirected is the errors.Is target of every RedirectError.
var ErrRedirected = errors.New("the site answered with a redirect, which this app never follows")

// RedirectError means the token, revocation or API endpoint answered with a
// redirect (HTTP 301, 302, 303, 307 or 308). It is never followed: a 307 from
// the token endpoint would send the code and code_verifier again, a redirected
// revoke or API request the token itself, to wherever it points, and a token
// from there would be accepted (RFC 9700 §4.11 names the open redirector on
// token-bearing requests; RFC 6749 §3.2 gives the token endpoint no redirects).
// Nothing of the request reached the redirect target. The message names the
// endpoint and where it pointed, never a code or token.
type RedirectError struct {
	Endpoint string // "token" | "revoke" | "api"
	URL      string // the endpoint's address, without query
	Location string // where the redirect pointed, without query or fragment; "" when the browser hides it
	Status   int    // the redirect's HTTP status; 0 in a browser, which does not show it
}

func (e *RedirectError) Error() string {
	what := "the site's " + e.Endpoint + " endpoint"
	switch e.Endpoint {
	case EndpointToken:
		what = "the site's token endpoint"
	case EndpointRevoke:
		what = "the site's revocation endpoint"
	case EndpointAPI:
		what = "the site's API"
	}
	if host := hostOf(e.URL); host != "" {
		what += " (" + host + ")"
	}
	to := "elsewhere"
	if e.Location != "" {
		to = "to " + e.Location
	}
	status := ""
	if e.Status != 0 {
		status = fmt.Sprintf(", HTTP %d", e.Status)
	}
	return fmt.Sprintf("%s answered with a redirect %s%s. This app never follows a redirect there, because it would carry the sign-in code or your token along, so nothing was sent on. The site may have moved, or a proxy in front of it is misconfigured: try again later, and if it keeps happening tell whoever runs this page that the site's address needs updating.",
		what, to, status)
}

func (e *RedirectError) Unwrap() error { return ErrRedirected }

// NoRedirects wraps base (nil: http.DefaultTransport) so that a redirect from
// endpoint is returned as a *RedirectError and never followed, whatever the
// http.Client's CheckRedirect says. In a browser (js/wasm) fetch would follow
// a redirect by itself, before Go sees it, so each request also asks fetch not
// to follow (Go's "js.fetch:redirect" request header, see net/http's
// roundtrip_js.go): the browser hands back the redirect unopened instead; the
// header goes on a copy, req is not changed.
func NoRedirects(base http.RoundTripper, endpoint string) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	if nr, ok := base.(*noRedirects); ok && nr.endpoint == endpoint {
		return nr
	}
	return &noRedirects{base: base, endpoint: endpoint}
}

type noRedirects struct {
	base     http.RoundTripper
	endpoint string
}

func (t *noRedirects) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := send(t.base, req)
	if err != nil {
		return nil, err
	}
	if !isRedirect(resp.StatusCode) {
		return resp, nil
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	e := &RedirectError{Endpoint: t.endpoint, URL: withoutQuery(req.URL), Status: resp.StatusCode}
	if loc, err := resp.Location(); err == nil {
		e.Location = withoutQuery(loc)
	}
	return nil, e
}

// isRedirect reports whether status is one an http.Client or fetch would
// follow; in a browser an opaque redirect ("redirect: manual") has status 0.
func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return opaqueRedirect(status)
}

// noRedirectClient is hc (nil: http.DefaultClient) with its transport wrapped
// in NoRedirects for endpoint; hc itself is not changed.
func noRedirectClient(hc *http.Client, endpoint string) *http.Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	c := *hc
	c.Transport = NoRedirects(hc.Transport, endpoint)
	c.CheckRedirect = refuseRedirects(endpoint)
	return &c
}

// refuseRedirects is an http.Client CheckRedirect that follows nothing: the
// second line of defence, should a redirect ever get past NoRedirects.
func refuseRedirects(endpoint string) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		e := &RedirectError{Endpoint: endpoint, Location: withoutQuery(req.URL)}
		if len(via) > 0 {
			e.URL = withoutQuery(via[0].URL)
		}
		if req.Response != nil {
			e.Status = req.Response.StatusCode
		}
		return e
	}
}

// withoutQuery is u as scheme://host/path: a redirect's query may carry
// anything, and messages never repeat it.
func withoutQuery(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.RawQuery, c.ForceQuery, c.Fragment, c.RawFragment, c.User = "", false, "", "", nil
	return c.String()
}

// hostOf is rawURL's host, or "".
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Host
}
