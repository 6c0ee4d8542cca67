//go:build !js

// Command devserver runs pkcelogs for development and exports it as a static
// site.
//
//	go run ./dev/cmd/devserver                  # app on :8000, local provider on :8001
//	go run ./dev/cmd/devserver -site warcraftlogs -client-id ID
//	go run ./dev/cmd/devserver -site custom -client-id ID -authorize-url URL -token-url URL -api-url URL
//	go run ./dev/cmd/devserver -export dist -base-path /pkcelogs/
//	go run ./dev/cmd/devserver -static dist -base-path /pkcelogs/
//
// By default (-site local) it starts the local OAuth 2.0 provider from
// dev/internal/provider on -provider-addr, registers the app's exact callback
// address with it, and allows the app's origin by CORS, so the app signs in
// the way it does against the real sites. With a real site (-site
// warcraftlogs, fflogs, esologs, ...) and -client-id, the provider is not
// started and the app talks to that site; -site custom with -authorize-url,
// -token-url and -api-url (optionally -revoke-url, -issuer, -site-name and
// -scopes) does the same for any OAuth 2.0 server that allows PKCE for
// public clients.
//
// Run `make build` first: it compiles the app to web/app.wasm.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "devserver:", err)
		fmt.Fprintln(os.Stderr, "run `go run ./dev/cmd/devserver -h` for the flags")
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "devserver:", err)
		os.Exit(1)
	}
}
