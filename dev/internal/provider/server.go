//go:build !js

package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
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

// Start builds a Provider and serves it. When opts.BaseURL is empty it listens on a free
// port of 127.0.0.1 and sets BaseURL to that origin; otherwise it listens on BaseURL's
// host and port.
func Start(opts Options) (*Server, error) {
	addr := "127.0.0.1:0"
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || u.Scheme != "http" || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return nil, fmt.Errorf("provider: BaseURL %q must be http://host:port", opts.BaseURL)
		}
		addr = u.Host
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("provider: listen on %s: %w", addr, err)
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

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}
