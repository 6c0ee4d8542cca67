//go:build !js

package webapp

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/ui"
)

// Config is what a deployment bakes into the app. Nothing in it is secret: it
// ends up in app.js, readable by anyone who loads the page.
type Config struct {
	Site        pkce.Site // the site signed in to by default (a preset or a custom provider)
	FixedSite   bool      // hide the site chooser
	ClientID    string    // the public client id registered on Site ("" = each person enters one)
	RedirectURI string    // "" = the page's origin + BasePath + "callback", computed in the browser
	Scopes      []string  // nil = the site's scopes
	Storage     string    // "local" (default), "session" or "memory": where tokens are kept
	BasePath    string    // where the app is mounted: "/" (default) or e.g. "/pkcelogs/"
	Version     string    // "" = a hash of the app's files and this configuration
	WebDir      string    // the static assets and app.wasm; "" = "web"
	Title       string    // the page title; "" = "pkcelogs"
	Issuer      string    // a custom provider's issuer identifier (RFC 8414 §2), for the RFC 9207 iss check; "" = none
}

// Storage choices for Config.Storage, as the ui reads them.
const (
	StorageLocal   = "local"
	StorageSession = "session"
	StorageMemory  = "memory"
)

// ErrConfig is the errors.Is target for every configuration mistake.
var ErrConfig = errors.New("webapp: invalid configuration")

var basePathPattern = regexp.MustCompile(`^(/[A-Za-z0-9._~-]+)*/?$`)

// Validate reports the first configuration mistake, in words a deployer can act on.
func (c Config) Validate() error {
	if err := c.Site.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrConfig, err)
	}
	switch c.Storage {
	case "", StorageLocal, StorageSession, StorageMemory:
	default:
		return fmt.Errorf("%w: storage %q must be %q, %q or %q", ErrConfig, c.Storage, StorageLocal, StorageSession, StorageMemory)
	}
	if _, err := normalizeBasePath(c.BasePath); err != nil {
		return err
	}
	if c.RedirectURI != "" {
		u, err := url.Parse(c.RedirectURI)
		if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.Fragment != "" {
			return fmt.Errorf("%w: redirect URI %q must be an absolute http(s) URL without a fragment, exactly as registered with the site", ErrConfig, c.RedirectURI)
		}
		if u.User != nil {
			return fmt.Errorf("%w: redirect URI %q carries a user name or password: use the address alone, exactly as registered with the site", ErrConfig, c.RedirectURI)
		}
		if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
			return fmt.Errorf("%w: redirect URI %q uses plain http on a host that is not loopback: register and use an https:// redirect URI (http is only allowed for 127.0.0.1, [::1] and localhost)", ErrConfig, c.RedirectURI)
		}
	}
	if c.Issuer != "" {
		u, err := url.Parse(c.Issuer)
		if err != nil || !u.IsAbs() || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil ||
			(u.Scheme != "https" && !(u.Scheme == "http" && isLoopbackHost(u.Hostname()))) {
			return fmt.Errorf("%w: issuer %q must be an https URL without query or fragment (RFC 8414 §2; http only on loopback), exactly as the server names itself", ErrConfig, c.Issuer)
		}
	}
	if strings.ContainsAny(c.ClientID, " \t\r\n\"<>") {
		return fmt.Errorf("%w: client id %q contains spaces or markup; copy it from the site's client page", ErrConfig, c.ClientID)
	}
	return nil
}

// isLoopbackHost reports whether a redirect URI's host (url.URL.Hostname, so
// without brackets or port) is one where a browser app may be redirected to
// over plain http: the loopback addresses RFC 8252 §7.3 names and localhost
// (§8.3). Anywhere else the code would cross the network in the clear.
func isLoopbackHost(host string) bool {
	return host == "127.0.0.1" || host == "::1" || strings.EqualFold(host, "localhost")
}

// normalizeBasePath turns "", "/", "pkcelogs", "/pkcelogs/" into the go-app
// resource prefix: "" for the root, "/pkcelogs" otherwise.
func normalizeBasePath(p string) (string, error) {
	if p == "" || p == "/" {
		return "", nil
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !basePathPattern.MatchString(p) || strings.Contains(p, "/./") || strings.Contains(p, "/../") ||
		strings.HasSuffix(p, "/..") || strings.HasSuffix(p, "/.") || path.Clean(p) == "/" {
		return "", fmt.Errorf("%w: base path %q must look like /name/ (letters, digits, '.', '_', '~', '-')", ErrConfig, p)
	}
	return strings.TrimSuffix(p, "/"), nil
}

// prefix is the normalized base path ("" or "/name"); call after Validate.
func (c Config) prefix() string {
	p, _ := normalizeBasePath(c.BasePath)
	return p
}

func (c Config) webDir() string {
	if c.WebDir == "" {
		return "web"
	}
	return c.WebDir
}

// isPreset reports whether Site is one of pkce.Sites() unchanged, which the
// browser can look up by id; anything else travels as a custom provider.
func (c Config) isPreset() bool {
	p, err := pkce.LookupSite(c.Site.ID)
	if err != nil {
		return false
	}
	return p.AuthorizeURL == c.Site.AuthorizeURL && p.TokenURL == c.Site.TokenURL &&
		p.APIURL == c.Site.APIURL && p.RevokeURL == c.Site.RevokeURL && p.Game == c.Site.Game
}

// Env is the configuration as go-app Handler.Env, under the keys the ui reads
// (ui.EnvSite, ...). Empty values are left out.
func (c Config) Env() map[string]string {
	env := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			env[k] = v
		}
	}
	scopes := c.Scopes
	if c.isPreset() {
		set(ui.EnvSite, c.Site.ID)
	} else {
		set(ui.EnvSite, "custom")
		set(ui.EnvSiteName, c.Site.Name)
		set(ui.EnvGame, c.Site.Game)
		set(ui.EnvAuthorizeURL, c.Site.AuthorizeURL)
		set(ui.EnvTokenURL, c.Site.TokenURL)
		set(ui.EnvRevokeURL, c.Site.RevokeURL)
		set(ui.EnvAPIURL, c.Site.APIURL)
		set(ui.EnvIssuer, c.Issuer)
		if len(scopes) == 0 {
			// A custom provider's scopes travel in the scope list.
			scopes = c.Site.Scopes
		}
	}
	if c.FixedSite {
		env[ui.EnvFixedSite] = "true"
	}
	set(ui.EnvClientID, c.ClientID)
	set(ui.EnvRedirectURI, c.RedirectURI)
	set(ui.EnvScopes, strings.Join(scopes, " "))
	set(ui.EnvStorage, c.Storage)
	return env
}
