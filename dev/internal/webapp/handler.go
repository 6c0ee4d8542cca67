//go:build !js

package webapp

import (
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/sites"
	"github.com/pkcelogs/pkcelogs/ui"
)

// Paths of the assets under web/, as go-app resolves them (prefixed with the
// base path at run time).
const (
	wasmPath     = "/web/app.wasm"
	liteWasmPath = "/web/" + liteWasmFile // the signed-out build (cmd/wasm-lite), when built
	wasmExecPath = "/wasm_exec.js"        // go-app's page loads it from the package root
	appJSPath    = "/app.js"
	stylePath    = "/web/app.css"
	iconPath     = "/web/icon-192.png"
	iconLarge    = "/web/icon-512.png"
	iconSVG      = "/web/icon.svg"
)

// wasmLengthHeader carries app.wasm's uncompressed size: go-app's loader shows
// progress against it, and Content-Length is the compressed size.
const wasmLengthHeader = "X-Wasm-Content-Length"

// liteWasmFile is the signed-out build in the web directory (`make build`
// writes it; without it every page loads app.wasm).
const liteWasmFile = "app-lite.wasm"

var routesOnce sync.Once

// Handler returns the go-app handler for cfg. It renders the ui's pages on the
// server (so the routes are registered here too), carries cfg in Env, and uses
// only local files: icons and CSS from cfg.WebDir, no CDN. Call cfg.Validate
// first; Serve and Export do.
//
// On its own the handler still answers /wasm_exec.js with go-app's bundled
// copy (from an older Go: it differs from today's only in fs and test shims,
// but it is not the toolchain's) and /app.js with go-app's unpatched loader:
// Serve and Export put web/wasm_exec.js and the patched app.js (appjs.go) in
// their place.
func Handler(cfg Config) *app.Handler {
	routesOnce.Do(registerRoutes)
	prefix := cfg.prefix()
	res := newResources(prefix, cfg.webDir())
	title := cfg.Title
	if title == "" {
		title = "pkcelogs"
	}
	return &app.Handler{
		Name:        "pkcelogs",
		ShortName:   "pkcelogs",
		Title:       title,
		Description: "Sign in to " + siteNames(cfg) + " in the browser with OAuth 2.0 PKCE and browse your profile, guilds, characters and reports.",
		Lang:        "en",
		Icon: app.Icon{
			Default: iconPath,
			Large:   iconLarge,
			SVG:     iconSVG,
		},
		BackgroundColor: "#14161a",
		ThemeColor:      "#14161a",
		LoadingLabel:    "Loading pkcelogs… {progress}%",
		Styles:          []string{stylePath},
		Env:             cfg.Env(),
		InternalURLs:    internalURLs(cfg),
		Preconnect:      preconnect(cfg),
		RawHeaders: []string{
			storageGuard,
			// Which build to load, its preload (the big download starts while
			// the deferred scripts wait for the parser; app.js's fetch reuses
			// it), a click before the app has started, the signed-in hint:
			// early.go.
			earlyScript(cfg),
			// Settings' pre-rendered redirect URI has a placeholder for the origin,
			// which only the browser knows: filled in as soon as the page is parsed.
			ui.OriginScript,
		},
		Resources: res,
		// go-app caches the mount point without its slash ("/pkcelogs"), but the
		// page's address is "/pkcelogs/": without this a reload finds nothing in
		// the service worker's cache once offline.
		// The service worker also keeps the signed-out build: installed once
		// that build has started, it fetches the full one in the background,
		// ready for the callback page.
		CacheableResources:      cacheable(cfg),
		Version:                 version(cfg),
		WasmContentLengthHeader: wasmLengthHeader,
	}
}

// internalURLs are the authorize endpoints the app navigates to: go-app opens
// other hosts in a new tab unless listed, and the pending sign-in must stay in
// this tab. Every preset is listed unless the site is fixed.
func internalURLs(cfg Config) []string {
	seen := map[string]bool{}
	var urls []string
	add := func(s sites.Site) {
		if s.AuthorizeURL != "" && !seen[s.AuthorizeURL] {
			seen[s.AuthorizeURL] = true
			urls = append(urls, s.AuthorizeURL)
		}
	}
	add(cfg.Site)
	if !cfg.FixedSite {
		for _, s := range sites.Presets() {
			add(s)
		}
	}
	return urls
}

// preconnect lists the origins of the token and API endpoints, so the
// exchange after the redirect skips DNS, TCP and TLS set-up.
func preconnect(cfg Config) []string {
	seen := map[string]bool{}
	var origins []string
	for _, raw := range []string{cfg.Site.TokenURL, cfg.Site.APIURL} {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			continue
		}
		o := u.Scheme + "://" + u.Host
		if !seen[o] {
			seen[o] = true
			// "crossorigin": the token and API requests are CORS requests.
			origins = append(origins, o+" crossorigin")
		}
	}
	return origins
}

func siteNames(cfg Config) string {
	if cfg.FixedSite && cfg.Site.Name != "" {
		return cfg.Site.Name
	}
	return "Warcraft Logs, FF Logs or ESO Logs"
}

// storageGuard runs before go-app. When site data is blocked, merely reading
// window.localStorage throws, and go-app v9 reads it unguarded at start-up, so
// the app would die before it could say anything. The guard puts a stand-in
// there whose every method throws the browser's own error, which the ui's
// storage adapter turns into "Browser storage is unavailable" (found by e2e
// flow 9).
const storageGuard = `<script>(() => { for (const name of ["localStorage", "sessionStorage"]) {
  try { window[name]; } catch (err) {
    const refuse = () => { throw err; };
    Object.defineProperty(window, name, { configurable: true,
      value: { getItem: refuse, setItem: refuse, removeItem: refuse, key: refuse, clear: refuse, length: 0 } });
  } } })();</script>`

// cacheable are the resources the service worker keeps beyond go-app's own
// list (which has app.wasm): the mount point with its slash, and the
// signed-out build when there is one.
func cacheable(cfg Config) []string {
	prefix := cfg.prefix()
	list := []string{prefix + "/"}
	if hasLiteBuild(cfg) {
		list = append(list, prefix+liteWasmPath)
	}
	return list
}

// hasLiteBuild reports whether the web directory holds the signed-out build.
func hasLiteBuild(cfg Config) bool {
	fi, err := os.Stat(filepath.Join(cfg.webDir(), liteWasmFile))
	return err == nil && !fi.IsDir()
}
