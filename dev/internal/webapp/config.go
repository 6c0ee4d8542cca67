//go:build !js

package webapp

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
)

// Config is what a deployment bakes into the app. Nothing in it is secret: it
// ends up in app.js, readable by anyone who loads the page.
type Config struct {
	Site        sites.Site // the site signed in to by default (a preset or a custom provider)
	FixedSite   bool       // hide the site chooser
	ClientID    string     // the public client id registered on Site ("" = each person enters one)
	RedirectURI string     // "" = the page's origin + BasePath + "callback", computed in the browser
	Scopes      []string   // nil = the site's scopes
	Storage     string     // "local" (default), "session" or "memory": where tokens are kept
	BasePath    string     // where the app is mounted: "/" (default) or e.g. "/pkcelogs/"
	Version     string     // "" = a hash of the app's files and this configuration
	WebDir      string     // the static assets and app.wasm; "" = "web"
	Title       string     // the page title; "" = "pkcelogs"

	// ImageOrigins are origins the page may show images from beyond those NewPolicy
	// knows (the Logs sites' avatar hosts, a custom site's API origin), e.g.
	// "https://images.example.com": the Content-Security-Policy's img-src.
	ImageOrigins []string
}

// Storage choices for Config.Storage: the session package's.
const (
	StorageLocal   = session.StorageLocal
	StorageSession = session.StorageSession
	StorageMemory  = session.StorageMemory
)

// ErrConfig is the errors.Is target for every configuration mistake.
var ErrConfig = errors.New("webapp: invalid configuration")

var basePathPattern = regexp.MustCompile(`^(/[A-Za-z0-9._~-]+)*/?$`)

// Validate reports the first configuration mistake, in words a deployer can act on.
func (c Config) Validate() error {
	if err := c.Site.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrConfig, err)
	}
	if c.Storage != "" {
		if err := session.CheckStorage(c.Storage); err != nil {
			return fmt.Errorf("%w: %v", ErrConfig, err)
		}
	}
	if _, err := normalizeBasePath(c.BasePath); err != nil {
		return err
	}
	if c.RedirectURI != "" {
		if err := pkce.CheckRedirectURI(c.RedirectURI); err != nil {
			return fmt.Errorf("%w: %v (it must be exactly the address registered with the site)", ErrConfig, err)
		}
	}
	if err := checkOrigins("image origin", c.ImageOrigins); err != nil {
		return err
	}
	if strings.ContainsAny(c.ClientID, " \t\r\n\"<>") {
		return fmt.Errorf("%w: client id %q contains spaces or markup; copy it from the site's client page", ErrConfig, c.ClientID)
	}
	return nil
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

// options is the configuration the page's session reads back from Env.
func (c Config) options() session.Options {
	return session.Options{Site: c.Site, FixedSite: c.FixedSite, ClientID: c.ClientID,
		RedirectURI: c.RedirectURI, Scopes: c.Scopes, Storage: c.Storage}
}

// Env is the configuration as go-app Handler.Env: the session package's Env
// contract (session.Options.Env), so the page reads back exactly this.
func (c Config) Env() map[string]string {
	env := c.options().Env()
	if c.Storage == "" {
		delete(env, session.EnvStorage)
	}
	return env
}
