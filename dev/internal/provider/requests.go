//go:build !js

package provider

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Recorded is one request the provider received, kept so tests can assert what a client
// sent: for example that the token request carried code_verifier and no client_secret, and
// that the authorize request carried only the challenge.
type Recorded struct {
	Endpoint Endpoint
	Method   string
	Path     string
	Query    url.Values  // the URL's query parameters
	Form     url.Values  // the body's parameters, for application/x-www-form-urlencoded bodies
	Header   http.Header // a copy of the request headers (Authorization included: this is a test log)
	Body     string      // the body as received (at most maxRecordedBody bytes), e.g. a GraphQL query
	Status   int         // the status the provider answered with; 0 when the connection was dropped
	Time     time.Time
}

const (
	maxRecordedBody     = 64 << 10
	maxRecordedRequests = 10000
)

type requestLog struct {
	mu   sync.Mutex
	list []*Recorded
}

// Requests returns a copy of every request received since the last ResetRequests, oldest
// first. Preflight (OPTIONS) requests are included.
func (p *Provider) Requests() []Recorded {
	p.requests.mu.Lock()
	defer p.requests.mu.Unlock()
	out := make([]Recorded, len(p.requests.list))
	for i, r := range p.requests.list {
		out[i] = *r
	}
	return out
}

// RequestsTo returns the recorded requests to endpoint e.
func (p *Provider) RequestsTo(e Endpoint) []Recorded {
	var out []Recorded
	for _, r := range p.Requests() {
		if r.Endpoint == e {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the recorded requests.
func (p *Provider) ResetRequests() {
	p.requests.mu.Lock()
	defer p.requests.mu.Unlock()
	p.requests.list = nil
}

// add records r as soon as it arrives, so a client that sees a response (or a dropped
// connection) always finds its request in the log.
func (l *requestLog) add(r *Recorded) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.list) >= maxRecordedRequests {
		l.list = l.list[1:]
	}
	l.list = append(l.list, r)
}

func (l *requestLog) setStatus(r *Recorded, status int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r.Status = status
}

func (p *Provider) withLog(e Endpoint, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &Recorded{
			Endpoint: e,
			Method:   r.Method,
			Path:     r.URL.Path,
			Query:    r.URL.Query(),
			Header:   r.Header.Clone(),
			Time:     time.Now(),
		}
		if r.Body != nil {
			body, err := io.ReadAll(io.LimitReader(r.Body, maxRecordedBody+1))
			r.Body.Close()
			if err != nil {
				http.Error(w, "cannot read the request body", http.StatusBadRequest)
				return
			}
			if len(body) > maxRecordedBody {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			rec.Body = string(body)
			if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
				rec.Form, _ = url.ParseQuery(string(body))
			}
		}
		p.requests.add(rec)
		sw := &statusWriter{ResponseWriter: w, log: &p.requests, rec: rec}
		next.ServeHTTP(sw, r)
	})
}

// statusWriter records the status written through it before the client can see it.
type statusWriter struct {
	http.ResponseWriter
	log     *requestLog
	rec     *Recorded
	written bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.written {
		w.written = true
		w.log.setStatus(w.rec, code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.written {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (for the Drop fault).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
