//go:build !js

package provider

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Endpoint names one of the provider's endpoints, for faults and the request log.
type Endpoint string

// The endpoints.
const (
	EndpointAuthorize Endpoint = "authorize" // /oauth/authorize, including the consent form
	EndpointToken     Endpoint = "token"     // /oauth/token
	EndpointRevoke    Endpoint = "revoke"    // /oauth/revoke
	EndpointAPI       Endpoint = "api"       // /api/v2/user
)

// Fault is a failure an endpoint produces on demand, as the real sites (or a CDN in front
// of them) sometimes do. The zero Fault means "behave normally".
type Fault struct {
	// Delay holds each request this long before answering (or failing).
	Delay time.Duration
	// Status answers with this HTTP status instead of the real response, e.g. 502 or 503,
	// with a short text body as a CDN sends. On the API, 401 and 429 come as the real site
	// sends them: {"error":"Unauthenticated."}, and {"error":"Too Many Attempts."} with
	// Retry-After: 60 (or RetryAfter). With HTML it is the HTML page's status.
	Status int
	// HTML answers with an HTML page (a CDN challenge or error page) instead of JSON,
	// with Status, or 200 when Status is 0: a success status whose body is not JSON is the
	// case a client most easily gets wrong.
	HTML bool
	// Drop closes the connection without any response.
	Drop bool
	// Times limits the fault to the next Times requests; 0 means until cleared.
	Times int
	// Skip lets the next Skip requests through untouched before the fault applies: a
	// 429 in the middle of a fetch of several pages.
	Skip int
	// RetryAfter is the Retry-After of a 429 on the API; 0 means 60 seconds.
	RetryAfter time.Duration
	// Redirect answers with a redirect to this address instead of the real
	// response: Status when it is a 3xx, else 307 Temporary Redirect, which
	// a client that follows it re-sends with its body (code and
	// code_verifier, a refresh token) to the new address. CORS headers come
	// as on any answer, so a browser hands the redirect to the page.
	Redirect string
	// Hold, with Delay, lets the request take effect at once (a refresh
	// token is spent and new tokens issued) and holds only its response for
	// Delay: the client hears late of what already happened.
	Hold bool
}

func (f Fault) isZero() bool {
	return f.Delay == 0 && f.Status == 0 && !f.HTML && !f.Drop && f.Redirect == ""
}

type faultTable struct {
	mu     sync.Mutex
	faults map[Endpoint]Fault
}

// SetFault makes endpoint e fail as f describes, from the next request on, until changed.
// The zero Fault clears it. Safe to call while requests are in flight.
func (p *Provider) SetFault(e Endpoint, f Fault) {
	p.faults.mu.Lock()
	defer p.faults.mu.Unlock()
	if p.faults.faults == nil {
		p.faults.faults = map[Endpoint]Fault{}
	}
	if f.isZero() {
		delete(p.faults.faults, e)
		return
	}
	p.faults.faults[e] = f
}

// ClearFaults makes every endpoint behave normally again.
func (p *Provider) ClearFaults() {
	p.faults.mu.Lock()
	defer p.faults.mu.Unlock()
	p.faults.faults = nil
}

// take returns the fault to apply to one request on e, counting down Times.
func (t *faultTable) take(e Endpoint) (Fault, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.faults[e]
	if !ok {
		return Fault{}, false
	}
	if f.Skip > 0 {
		f.Skip--
		t.faults[e] = f
		return Fault{}, false
	}
	if f.Times > 0 {
		if f.Times == 1 {
			delete(t.faults, e)
		} else {
			f.Times--
			t.faults[e] = f
		}
	}
	return f, true
}

// cdnPage is what a CDN in front of the real sites answers instead of JSON.
const cdnPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Just a moment...</title></head>
<body><h1>Checking your browser before accessing the site.</h1>
<p>This process is automatic. (Fault injected by the pkcelogs local provider.)</p></body></html>
`

func (p *Provider) withFault(e Endpoint, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		f, ok := p.faults.take(e)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if f.Hold && f.Delay > 0 {
			holdResponse(w, r, f.Delay, next)
			return
		}
		if f.Delay > 0 {
			t := time.NewTimer(f.Delay)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		switch {
		case f.Drop:
			dropConnection(w)
		case f.Redirect != "":
			status := f.Status
			if status < 300 || status > 399 {
				status = http.StatusTemporaryRedirect
			}
			w.Header().Set("Location", f.Redirect)
			w.WriteHeader(status)
		case f.HTML:
			status := f.Status
			if status == 0 {
				status = http.StatusOK
			}
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.WriteHeader(status)
			fmt.Fprint(w, cdnPage)
		case e == EndpointAPI && f.Status == http.StatusUnauthorized:
			writeJSON(w, f.Status, map[string]string{"error": "Unauthenticated."})
		case e == EndpointAPI && f.Status == http.StatusTooManyRequests:
			retry := 60
			if f.RetryAfter > 0 {
				retry = int(math.Ceil(f.RetryAfter.Seconds()))
			}
			w.Header().Set("Retry-After", strconv.Itoa(retry))
			writeJSON(w, f.Status, map[string]string{"error": "Too Many Attempts."})
		case f.Status != 0:
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(f.Status)
			fmt.Fprintf(w, "error code: %d\n", f.Status)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// dropConnection closes the client's connection without writing a response. When the
// connection cannot be hijacked (HTTP/2), aborting the handler is the closest equivalent.
func dropConnection(w http.ResponseWriter) {
	if rc := http.NewResponseController(w); rc != nil {
		if conn, _, err := rc.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
