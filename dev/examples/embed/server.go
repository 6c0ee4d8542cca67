//go:build !js

package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
)

// serve runs the example: the local provider (standing in for Warcraft Logs)
// and this app, configured for it through Handler.Env.
func serve() {
	addr := flag.String("addr", "127.0.0.1:8080", "host:port this example is served on")
	providerAddr := flag.String("provider-addr", "127.0.0.1:8081", "host:port of the local provider")
	flag.Parse()
	const web = "web" // go-app serves ./web at /web/: run from this directory

	origin := "http://" + *addr
	prov, err := provider.Start(provider.Options{
		BaseURL:    "http://" + *providerAddr,
		AppOrigins: []string{origin},
		Clients:    []provider.Client{provider.LocalClient(origin)},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer prov.Close()

	// The page's configuration, through the session package's Env contract
	// (the browser reads it back with session.OptionsFromEnv).
	site, err := sites.Custom{Name: "Local Logs", Game: sites.GameWarcraft,
		AuthorizeURL: prov.URL + provider.AuthorizePath, TokenURL: prov.URL + provider.TokenPath,
		RevokeURL: prov.URL + provider.RevokePath, APIURL: prov.URL + provider.APIPath,
		ReportURL: prov.ReportURL(), Issuer: prov.Issuer(), SendsIssuer: true}.Site()
	if err != nil {
		log.Fatal(err)
	}
	env := session.Options{Site: site, FixedSite: true, ClientID: provider.DefaultClientID}.Env()

	if _, err := os.Stat(filepath.Join(web, "app.wasm")); err != nil {
		log.Fatalf("%s/app.wasm is missing: build it first, from dev/examples/embed (see README.md)", web)
	}
	handler := &app.Handler{
		Name:    "pkcelogs embedding example",
		Title:   "The Stormchasers",
		Version: "example", // fixed, so the service worker does not reload on every start
		Icon:    app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg"},
		Styles:  []string{"/web/app.css"},
		Env:     app.Environment(env),
	}
	mux := http.NewServeMux()
	// go-app v9 bundles an old wasm_exec.js; serve the toolchain's instead.
	mux.HandleFunc("/wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		http.ServeFile(w, r, filepath.Join(web, "wasm_exec.js"))
	})
	// The callback page's address carries the authorization code until the app
	// exchanges it: keep it out of the Referer of the page's own requests.
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Referrer-Policy", "strict-origin")
		handler.ServeHTTP(w, r)
	}))

	log.Printf("local provider %s (sign in as %s)", prov.URL, strings.Join(provider.UserLogins(), ", "))
	log.Printf("example        %s/", origin)
	log.Fatal(http.ListenAndServe(*addr, mux))
}
