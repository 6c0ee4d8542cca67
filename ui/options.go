package ui

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// Options is how a deployment configures the session: which site, which
// public client, where tokens live. The app reads them from the build
// (OptionsFromEnv); an embedder may build them in code and call UseSession.
type Options struct {
	Site        pkce.Site // the site signed in to by default
	FixedSite   bool      // hide the site chooser: Site is the only one
	ClientID    string    // the build's public client id for Site ("" = the person must enter one in Settings)
	RedirectURI string    // "" = this page's origin + BasePath + PathCallback
	Scopes      []string  // nil = the site's defaults
	Storage     string    // StorageLocal (default), StorageSession or StorageMemory
	BasePath    string    // where the app is mounted, e.g. "/pkcelogs" ("" = the root)
}

// OptionsFromEnv reads the build's configuration from go-app's Handler.Env
// (keys in config.go). A bad value is an error naming the key, shown on the
// page rather than swallowed.
func OptionsFromEnv() (Options, error) {
	opts := Options{
		FixedSite:   app.Getenv(EnvFixedSite) == "true",
		ClientID:    strings.TrimSpace(app.Getenv(EnvClientID)),
		RedirectURI: strings.TrimSpace(app.Getenv(EnvRedirectURI)),
		Scopes:      strings.Fields(app.Getenv(EnvScopes)),
		Storage:     app.Getenv(EnvStorage),
		BasePath:    strings.TrimSuffix(app.Getenv("GOAPP_ROOT_PREFIX"), "/"),
	}
	if len(opts.Scopes) == 0 {
		opts.Scopes = nil // nil, not empty: the site's default scopes (an empty list asks for none)
	}
	switch opts.Storage {
	case "":
		opts.Storage = StorageLocal
	case StorageLocal, StorageSession, StorageMemory:
	default:
		return opts, fmt.Errorf("%w: %s=%q must be local, session or memory", pkce.ErrInvalidConfig, EnvStorage, opts.Storage)
	}
	siteID := strings.TrimSpace(app.Getenv(EnvSite))
	var err error
	switch siteID {
	case "":
		opts.Site, err = pkce.LookupSite("warcraftlogs")
	case "custom":
		name := app.Getenv(EnvSiteName)
		if name == "" {
			name = "Custom provider"
		}
		// A custom provider stands in for a logs site, so it offers the
		// same scopes unless the build names others.
		scopes := opts.Scopes
		if len(scopes) == 0 {
			scopes = []string{pkce.ScopeViewUserProfile, pkce.ScopeViewPrivateReports}
		}
		opts.Site, err = pkce.CustomSite("custom", name, app.Getenv(EnvGame),
			app.Getenv(EnvAuthorizeURL), app.Getenv(EnvTokenURL), app.Getenv(EnvRevokeURL),
			app.Getenv(EnvAPIURL), scopes)
	default:
		opts.Site, err = pkce.LookupSite(siteID)
	}
	if err != nil {
		return opts, fmt.Errorf("this page's build names site %s=%q: %w", EnvSite, siteID, err)
	}
	if opts.RedirectURI != "" {
		if u, err := url.Parse(opts.RedirectURI); err != nil || !u.IsAbs() {
			return opts, fmt.Errorf("%w: %s=%q is not an absolute URL", pkce.ErrInvalidConfig, EnvRedirectURI, opts.RedirectURI)
		}
	}
	return opts, nil
}

// Path returns the address of one of the app's pages (PathHome, ...) under
// the base path.
func (o Options) Path(page string) string {
	if page == "" || page == "/" {
		return o.BasePath + "/"
	}
	return o.BasePath + page
}
