//go:build !js

package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
	"github.com/pkcelogs/pkcelogs/sites"
)

//go:embed ref/index.html
var refPage []byte

// stack is what every run measures against: the local provider (auto-approving
// alice), the app exported as `make static` does and served by a plain static
// file server, and the plain-JavaScript reference page, each on its own
// 127.0.0.1 origin.
type stack struct {
	provider *provider.Server
	app, ref *target
	siteDir  string
	cfg      webapp.Config // the app's, as exported; the floors are exported with it too
	servers  []*http.Server
	// identity, when set, makes the app's server ignore Accept-Encoding: the
	// raw files go over the wire, to show what precompression buys.
	identity atomic.Bool
}

// target is one page under test.
type target struct {
	name   string // "app" or "ref"
	origin string
	cb     *callbackCatcher
}

func (t *target) home() string { return t.origin + "/" }

// callbackCatcher lets the harness stop the provider's redirect to the
// callback page once, so it can time a fresh navigation to that address.
type callbackCatcher struct {
	next http.Handler
	mu   sync.Mutex
	ch   chan string // non-nil while armed
}

// arm makes the next /callback?code=... request answer 204 (the browser stays
// where it is) and returns a channel that receives its URL.
func (c *callbackCatcher) arm() <-chan string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ch = make(chan string, 1)
	return c.ch
}

func (c *callbackCatcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/callback" && r.URL.Query().Has("code") {
		c.mu.Lock()
		ch := c.ch
		c.ch = nil
		c.mu.Unlock()
		if ch != nil {
			// Answer first: the harness navigates as soon as it hears, and
			// that navigation must not race the one this 204 ends.
			w.WriteHeader(http.StatusNoContent)
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			ch <- "http://" + r.Host + r.URL.RequestURI()
			return
		}
	}
	c.next.ServeHTTP(w, r)
}

// startStack exports the app built in webDir to outDir/site and starts
// everything on free loopback ports.
func startStack(webDir, outDir string) (*stack, error) {
	appLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	refLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		appLn.Close()
		return nil, err
	}
	s := &stack{
		app: &target{name: "app", origin: "http://" + appLn.Addr().String()},
		ref: &target{name: "ref", origin: "http://" + refLn.Addr().String()},
	}
	s.provider, err = provider.Start(provider.Options{
		AppOrigins: []string{s.app.origin, s.ref.origin},
		Clients: []provider.Client{{ID: provider.DefaultClientID,
			RedirectURIs: []string{s.app.origin + "/callback", s.ref.origin + "/callback"}}},
		AutoApprove: provider.UserAlice,
	})
	if err != nil {
		appLn.Close()
		refLn.Close()
		return nil, fmt.Errorf("starting the local provider: %w", err)
	}
	site, err := sites.Custom{ID: "local", Name: "Local provider", Game: sites.GameWarcraft, AuthorizeURL: s.provider.AuthorizeURL(), TokenURL: s.provider.TokenURL(), RevokeURL: s.provider.RevokeURL(), APIURL: s.provider.APIURL(), Issuer: s.provider.Issuer(), SendsIssuer: true, Scopes: provider.AllScopes}.Site()
	if err != nil {
		s.close()
		return nil, err
	}
	s.siteDir = filepath.Join(outDir, "site")
	s.cfg = webapp.Config{Site: site, FixedSite: true, ClientID: provider.DefaultClientID, Version: "bench", WebDir: webDir}
	if err := webapp.Export(s.cfg, s.siteDir); err != nil {
		s.close()
		return nil, fmt.Errorf("exporting the app as `make static` does: %w", err)
	}
	refHTML, err := refHTML(s.ref.origin, s.provider)
	if err != nil {
		s.close()
		return nil, err
	}
	files := webapp.StaticSite(s.siteDir, "/")
	s.app.cb = &callbackCatcher{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.identity.Load() {
			r.Header.Del("Accept-Encoding")
		}
		files.ServeHTTP(w, r)
	})}
	s.ref.cb = &callbackCatcher{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" && r.URL.Path != "/callback" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(refHTML))
	})}
	s.serve(appLn, s.app.cb)
	s.serve(refLn, s.ref.cb)
	return s, nil
}

// refHTML is the reference page with its configuration filled in.
func refHTML(origin string, p *provider.Server) ([]byte, error) {
	cfg, err := json.Marshal(map[string]any{
		"authorizeURL": p.AuthorizeURL(),
		"tokenURL":     p.TokenURL(),
		"apiURL":       p.APIURL(),
		"clientID":     provider.DefaultClientID,
		"redirectURI":  origin + "/callback",
		"scopes":       provider.AllScopes,
	})
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(refPage, []byte("{{CONFIG}}")) {
		return nil, errors.New("dev/bench/ref/index.html lost its {{CONFIG}} placeholder")
	}
	return bytes.Replace(refPage, []byte("{{CONFIG}}"), cfg, 1), nil
}

func (s *stack) serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	s.servers = append(s.servers, srv)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "bench: server:", err)
		}
	}()
}

func (s *stack) close() {
	for _, srv := range s.servers {
		srv.Close()
	}
	if s.provider != nil {
		s.provider.Close()
	}
}
