//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// run does what the flags say until ctx is done (or, for -export, until the
// site is written).
func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parseFlags(args, out)
	if err != nil {
		return err
	}
	if o.export != "" {
		return export(o, out)
	}
	if o.static == "" && !o.providerOnly {
		if _, err := os.Stat(filepath.Join(o.webDir, "app.wasm")); err != nil {
			return fmt.Errorf("%s/app.wasm is missing: run `make build` first (or `make run`, which builds and starts this server)", o.webDir)
		}
	}
	if o.static != "" {
		if _, err := os.Stat(filepath.Join(o.static, "index.html")); err != nil {
			return fmt.Errorf("%s/index.html is missing: write the site first with `make static` (or -export %s)", o.static, o.static)
		}
	}

	var appLn net.Listener
	appOrigin := "http://" + o.addr
	if !o.providerOnly {
		appLn, err = listen("-addr", o.addr)
		if err != nil {
			return err
		}
		defer appLn.Close()
		appOrigin = "http://" + appLn.Addr().String()
	}
	redirectURI := o.redirectURI
	if redirectURI == "" {
		redirectURI = appOrigin + o.base() + "callback"
	}

	cfg := o.appConfig()
	if o.site == siteLocal {
		p, err := startProvider(o, appOrigin, redirectURI)
		if err != nil {
			return err
		}
		defer p.Close()
		cfg.Site = localSite(p.URL, o.game)
		cfg.RedirectURI = redirectURI // exactly what the provider has registered
		fmt.Fprintf(out, "local provider  %s  (sign in as %s; client %q; redirect URI %s)\n",
			p.URL, strings.Join(provider.UserLogins(), ", "), provider.DefaultClientID, redirectURI)
		if o.autoApprove != "" {
			fmt.Fprintf(out, "                approves every sign-in as %s without the consent page\n", o.autoApprove)
		}
	} else {
		cfg.Site, err = o.remoteSite()
		switch {
		case err == nil:
			fmt.Fprintf(out, "site            %s, client %s\n", cfg.Site.Name, o.clientID)
			fmt.Fprintf(out, "                register this redirect URI for the client at %s:\n                %s\n", clientsHint(cfg.Site), redirectURI)
		case o.static == "":
			return usagef("-site %s: %v", o.site, err)
		default:
			// -static serves a site exported earlier, its server baked in.
			fmt.Fprintf(out, "site            %s, as configured when %s was exported\n", o.site, o.static)
		}
	}

	if o.providerOnly {
		fmt.Fprintf(out, "provider only: serve the app at %s%s (its redirect URI %s is registered)\n", appOrigin, o.base(), redirectURI)
		<-ctx.Done()
		return nil
	}

	var h http.Handler
	if o.static != "" {
		h = webapp.StaticSite(o.static, o.base())
		fmt.Fprintf(out, "static site     %s%s  (files from %s, as a plain file host serves them)\n", appOrigin, o.base(), o.static)
	} else {
		h = webapp.Serve(cfg, o.webDir)
		fmt.Fprintf(out, "pkcelogs        %s%s\n", appOrigin, o.base())
	}
	fmt.Fprintln(out, "Press Ctrl-C to stop.")
	return serve(ctx, appLn, logRequests(h))
}

// localSite describes the local provider at baseURL, serving game's flavour
// of the API, as a custom site.
func localSite(baseURL, game string) sites.Site {
	return sites.Site{
		Provider: pkce.Provider{
			ID:           "local",
			Name:         "Local provider",
			AuthorizeURL: baseURL + provider.AuthorizePath,
			TokenURL:     baseURL + provider.TokenPath,
			RevokeURL:    baseURL + provider.RevokePath,
			Issuer:       baseURL, // it sends iss in every authorization response (RFC 9207)
			SendsIssuer:  true,
			Scopes:       provider.AllScopes,
		},
		Game:      game,
		APIURL:    baseURL + provider.APIPath,
		ReportURL: baseURL + provider.ReportPagePath + "%s", // its stand-in report pages
	}
}

func startProvider(o options, appOrigin, redirectURI string) (*provider.Server, error) {
	base := "http://" + o.providerAddr
	if _, port, _ := net.SplitHostPort(o.providerAddr); port == "0" {
		base = "" // a free port
	}
	p, err := provider.Start(provider.Options{
		BaseURL:     base,
		AppOrigins:  []string{appOrigin},
		Clients:     []provider.Client{{ID: provider.DefaultClientID, RedirectURIs: []string{redirectURI}}},
		AutoApprove: o.autoApprove,
		Game:        o.game,

		PublicAnyoneCanSignIn: o.providerPublic,
		Issuer:                issuerParameter(o.providerIss),
	})
	if err != nil {
		if errors.Is(err, provider.ErrNotLoopback) {
			return nil, fmt.Errorf("-provider-addr %s is not a loopback address, and the local provider signs in anyone who can reach it as %s, without a password: use 127.0.0.1, or add -%s if every machine that can reach it may do that",
				o.providerAddr, strings.Join(provider.UserLogins(), ", "), providerPublicFlag)
		}
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("-provider-addr %s is in use (another devserver?): stop it or choose another port with -provider-addr", o.providerAddr)
		}
		return nil, fmt.Errorf("starting the local provider: %w", err)
	}
	return p, nil
}

// issuerParameter turns -provider-iss into the provider's option.
func issuerParameter(flag string) provider.IssuerParameter {
	switch flag {
	case "":
		return provider.IssuerParameter{}
	case "omit":
		return provider.IssuerParameter{Omit: true}
	}
	return provider.IssuerParameter{Value: flag}
}

func listen(flagName, addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("%s %s is in use (another devserver?): stop it or choose another port with %s", flagName, addr, flagName)
		}
		return nil, fmt.Errorf("%s %s: %w", flagName, addr, err)
	}
	return ln, nil
}

func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
		return nil
	}
}

// logRequests prints one line per request: method, path (never the query,
// which carries codes and state on the callback), status and time.
func logRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		fmt.Fprintf(os.Stderr, "%s %s %d %s\n", r.Method, r.URL.Path, sw.status, time.Since(start).Round(time.Microsecond))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
