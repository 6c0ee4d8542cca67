//go:build !js

package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
	"github.com/pkcelogs/pkcelogs/sites"
)

// siteLocal is the -site value that starts the local provider.
const siteLocal = "local"

// providerPublicFlag lets the local provider listen off loopback; its name says why
// that is not the default.
const providerPublicFlag = "provider-public-anyone-can-sign-in"

// options are the parsed and checked flags.
type options struct {
	addr         string
	providerAddr string
	autoApprove  string
	game         string
	site         string
	clientID     string
	redirectURI  string
	storage      string
	basePath     string
	fixedSite    bool
	webDir       string
	export       string
	static       string
	providerOnly bool
	// providerPublic lets the local provider listen on an address that is not loopback.
	providerPublic bool
	// imgSrc are further origins the page may show images from (comma-separated).
	imgSrc string
	// providerIss is what the local provider sends as iss: "" the issuer, "omit", or a URL.
	providerIss string
	custom      customFlags // -site custom
}

// usageError is a mistake in the flags: the message says which and why.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func parseFlags(args []string, out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("devserver", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8000", "`host:port` the app is served on (with -export: where the exported site will be served, for the local provider)")
	fs.StringVar(&o.providerAddr, "provider-addr", "127.0.0.1:8001", "`host:port` of the local provider (-site local)")
	fs.StringVar(&o.autoApprove, "auto-approve", "", "fixture `login` ("+strings.Join(provider.UserLogins(), ", ")+") the local provider approves without its consent page")
	fs.StringVar(&o.game, "game", provider.GameWarcraft, "`flavour` of the local (or custom) provider's API: warcraft (battleTag, avatar), ffxiv (lodestoneID) or eso (display names)")
	fs.StringVar(&o.site, "site", siteLocal, "`id`: \"local\" for the local provider, \"custom\" for another OAuth 2.0 server (-authorize-url, -token-url, -api-url, ...), or a preset: "+strings.Join(presetIDs(), ", "))
	fs.StringVar(&o.clientID, "client-id", "", "public client `id` registered on the site (required for a real site)")
	fs.StringVar(&o.redirectURI, "redirect-uri", "", "redirect `URI` to bake in (default: the page's origin + base path + \"callback\")")
	fs.StringVar(&o.storage, "storage", "local", "`where` the browser keeps tokens: local, session or memory")
	fs.StringVar(&o.basePath, "base-path", "/", "`path` the app is mounted under, e.g. /pkcelogs/ for a GitHub Pages project site")
	fs.BoolVar(&o.fixedSite, "fixed-site", false, "hide the site chooser (always on with -site local)")
	fs.StringVar(&o.webDir, "web", "web", "`dir`ectory with app.wasm, wasm_exec.js and the static assets (make build fills it)")
	fs.StringVar(&o.export, "export", "", "write a static site to `dir` instead of serving")
	fs.StringVar(&o.static, "static", "", "serve an exported `dir` with a plain static file server under -base-path (and the local provider)")
	fs.StringVar(&o.imgSrc, "img-src", "", "further `origins` (comma-separated) the page may show images from, for its Content-Security-Policy: avatar hosts beyond the Logs sites' known ones")
	o.custom.register(fs)
	fs.BoolVar(&o.providerOnly, "provider-only", false, "start only the local provider, for the app served elsewhere at -addr under -base-path")
	fs.BoolVar(&o.providerPublic, providerPublicFlag, false, "let the local provider listen on a -provider-addr that is not loopback. It has no passwords: anyone who can reach it signs in as "+strings.Join(provider.UserLogins(), ", "))
	fs.StringVar(&o.providerIss, "provider-iss", "", "what the local provider sends as iss in authorization responses (RFC 9207): empty for its issuer, \"omit\" for none, or a `URL` to send instead (to see the app refuse a mix-up)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: devserver [flags]\n\nServes pkcelogs on -addr with the local OAuth provider on -provider-addr, or exports it as a static site.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, usagef("unexpected argument %q: every setting is a flag", fs.Arg(0))
	}
	return o, o.check()
}

func (o *options) check() error {
	if err := checkAddr("-addr", o.addr); err != nil {
		return err
	}
	modes := 0
	for _, on := range []bool{o.export != "", o.static != "", o.providerOnly} {
		if on {
			modes++
		}
	}
	if modes > 1 {
		return usagef("-export, -static and -provider-only are different modes: choose one")
	}
	if o.site != siteCustom && o.custom.set() {
		return usagef("-authorize-url, -token-url, -revoke-url, -api-url, -issuer, -site-name and -scopes describe a custom provider: add -site custom (or leave them out for -site %s)", o.site)
	}
	if o.site == siteLocal {
		if err := checkAddr("-provider-addr", o.providerAddr); err != nil {
			return err
		}
		if o.clientID != "" && o.clientID != provider.DefaultClientID {
			return usagef("-client-id %q: the local provider has one client, %q; leave -client-id out", o.clientID, provider.DefaultClientID)
		}
		o.clientID = provider.DefaultClientID
		o.fixedSite = true
		switch o.game {
		case provider.GameWarcraft, provider.GameFFXIV, provider.GameESO:
		default:
			return usagef("-game %q: choose warcraft, ffxiv or eso", o.game)
		}
	} else if o.site == siteCustom {
		if o.providerOnly || o.autoApprove != "" {
			return usagef("-provider-only and -auto-approve are for the local provider (-site local), not a custom provider")
		}
		switch o.game {
		case provider.GameWarcraft, provider.GameFFXIV, provider.GameESO:
		default:
			return usagef("-game %q: choose warcraft, ffxiv or eso (the schema fields the page asks the custom provider's API for)", o.game)
		}
		if err := o.custom.check(o.static == ""); err != nil {
			return err
		}
		if o.static == "" {
			if _, err := o.custom.site(o.game); err != nil {
				return usagef("-site custom: %v", err)
			}
		}
		if o.clientID == "" && o.static == "" {
			return usagef("-site custom needs -client-id: register a public client (no secret, PKCE) on the server with the redirect URI %s and pass its id", o.callbackHint())
		}
		o.fixedSite = true
	} else {
		s, err := sites.Lookup(o.site)
		if err != nil {
			return usagef("-site %q is not \"local\", \"custom\" or a preset; choose one of: %s, %s, %s", o.site, siteLocal, siteCustom, strings.Join(presetIDs(), ", "))
		}
		if o.providerOnly || o.autoApprove != "" || o.game != provider.GameWarcraft {
			return usagef("-provider-only, -auto-approve and -game are for the local provider (-site local), not %s", s.Name)
		}
		if o.providerPublic || o.providerIss != "" {
			return usagef("-provider-iss and -%s are for the local provider (-site local), not %s", providerPublicFlag, s.Name)
		}
		if o.clientID == "" && o.static == "" {
			return usagef("-site %s needs -client-id: register a public client at %s with the redirect URI %s and pass its id",
				o.site, s.ClientsURL, o.callbackHint())
		}
	}
	if err := (webapp.Config{BasePath: o.basePath, Storage: o.storage, RedirectURI: o.redirectURI, ClientID: o.clientID, Site: validSite(), ImageOrigins: o.imageOrigins()}).Validate(); err != nil {
		return usageError{strings.TrimPrefix(err.Error(), webapp.ErrConfig.Error()+": ")}
	}
	return nil
}

// appConfig is the app's configuration from the flags, less the site, which
// depends on where the local provider ends up listening.
func (o options) appConfig() webapp.Config {
	return webapp.Config{
		FixedSite:   o.fixedSite,
		ClientID:    o.clientID,
		RedirectURI: o.redirectURI,
		Storage:     o.storage,
		BasePath:    o.base(),

		ImageOrigins: o.imageOrigins(),
	}
}

// imageOrigins is -img-src as a list.
func (o options) imageOrigins() []string {
	var out []string
	for _, s := range strings.Split(o.imgSrc, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// remoteSite is the site for -site custom or a preset (not local); call
// after check.
func (o options) remoteSite() (sites.Site, error) {
	if o.site == siteCustom {
		return o.custom.site(o.game)
	}
	return sites.Lookup(o.site)
}

// clientsHint says where the person registers the client for the remote site.
func clientsHint(s sites.Site) string {
	if s.ClientsURL != "" {
		return s.ClientsURL
	}
	return s.Name + " (as a public client: no secret, PKCE S256)"
}

// callbackHint is the redirect URI a person registers for this run.
func (o options) callbackHint() string {
	if o.redirectURI != "" {
		return o.redirectURI
	}
	if o.export != "" && o.site != siteLocal {
		return "https://YOUR-HOST" + o.base() + "callback"
	}
	return "http://" + o.addr + o.base() + "callback"
}

// base is -base-path with one leading and one trailing slash.
func (o options) base() string {
	b := "/" + strings.Trim(o.basePath, "/") + "/"
	if b == "//" {
		return "/"
	}
	return b
}

func checkAddr(name, addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return usagef("%s %q must be host:port, like 127.0.0.1:8000", name, addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return usagef("%s %q: port %q must be a number from 0 to 65535", name, addr, port)
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return usagef("%s %q: name the address browsers will use (like 127.0.0.1:%s): origins and the redirect URI are built from it", name, addr, port)
	}
	return nil
}

func presetIDs() []string {
	var ids []string
	for _, s := range sites.Presets() {
		ids = append(ids, s.ID)
	}
	return ids
}

// validSite stands in for the site while checking the other settings.
func validSite() sites.Site { return sites.Presets()[0] }
