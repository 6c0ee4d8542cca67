//go:build !js

package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Server is a Provider listening on a loopback address.
type Server struct {
	// URL is the provider's origin, e.g. "http://127.0.0.1:41234".
	URL string
	*Provider

	http *http.Server
	done chan struct{}
}

// ErrNotLoopback is the errors.Is target of [Start]'s refusal to listen on an address
// that is not loopback without Options.PublicAnyoneCanSignIn.
var ErrNotLoopback = errors.New("provider: not a loopback address")

// Start builds a Provider and serves it. When opts.BaseURL is empty it listens on a free
// port of 127.0.0.1 and sets BaseURL to that origin; otherwise it listens on BaseURL's
// host and port, which must be loopback (127.0.0.0/8, ::1 or localhost) unless
// opts.PublicAnyoneCanSignIn is set: the provider signs anyone who reaches it in as the
// fixture users, without a password.
func Start(opts Options) (*Server, error) {
	addr := "127.0.0.1:0"
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || u.Scheme != "http" || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return nil, fmt.Errorf("provider: BaseURL %q must be http://host:port", opts.BaseURL)
		}
		addr = u.Host
		if !opts.PublicAnyoneCanSignIn && !isLoopbackHost(u.Hostname()) {
			return nil, notLoopback(addr)
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("provider: listen on %s: %w", addr, err)
	}
	// localhost could resolve to anything: check where the listener ended up.
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !opts.PublicAnyoneCanSignIn && !tcp.IP.IsLoopback() {
		ln.Close()
		return nil, notLoopback(addr)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "http://" + ln.Addr().String()
	}
	opts.BaseURL = trimSlash(opts.BaseURL)
	p, err := New(opts)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{
		URL:      opts.BaseURL,
		Provider: p,
		http:     &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second},
		done:     make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Printf("provider: %v\n", err)
		}
	}()
	return s, nil
}

// Close stops the server, waiting at most a few seconds for requests in flight (a Delay
// fault may be holding one).
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if err != nil {
		err = s.http.Close()
	}
	<-s.done
	return err
}

// isLoopbackHost reports whether host (without port or brackets) names a loopback
// address: an IP in 127.0.0.0/8 or ::1, or localhost.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func notLoopback(addr string) error {
	return fmt.Errorf("%w: refusing to listen on %s. The local provider has no passwords: anyone who can reach it signs in as the fixture users (%s) and reads their private reports. "+
		"Listen on 127.0.0.1 or [::1]; if every machine that can reach %s may do that, set Options.PublicAnyoneCanSignIn (devserver: -provider-public-anyone-can-sign-in)",
		ErrNotLoopback, addr, strings.Join(UserLogins(), ", "), addr)
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}
