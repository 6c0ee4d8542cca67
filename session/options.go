package session

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// The Env contract: build-time configuration reaches the browser through
// go-app's Handler.Env (baked into a static site) as these keys. Options.Env
// writes them and OptionsFromEnv reads them: the one place both directions live.
const (
	// EnvSite is a preset id from sites.Presets() ("warcraftlogs", "fflogs",
	// ...) or "custom", in which case the EnvAuthorizeURL… keys describe the provider.
	EnvSite = "PKCELOGS_SITE"
	// EnvFixedSite, when "true", hides the site chooser: the deployer fixed one.
	EnvFixedSite = "PKCELOGS_FIXED_SITE"
	// EnvClientID is the public client id registered on the site.
	EnvClientID = "PKCELOGS_CLIENT_ID"
	// EnvRedirectURI overrides the redirect URI; by default it is the page's
	// origin + base path + "callback".
	EnvRedirectURI = "PKCELOGS_REDIRECT_URI"
	// EnvScopes is a space-separated scope list; empty means the site's defaults.
	EnvScopes = "PKCELOGS_SCOPES"
	// EnvStorage is where tokens are kept: "local" (default), "session" or "memory".
	EnvStorage = "PKCELOGS_STORAGE"
	// EnvSiteName, EnvAuthorizeURL, EnvTokenURL, EnvRevokeURL, EnvAPIURL,
	// EnvIssuer and EnvSendsIssuer describe a custom provider (EnvSite =
	// "custom"), such as the local one.
	EnvSiteName     = "PKCELOGS_SITE_NAME"
	EnvAuthorizeURL = "PKCELOGS_AUTHORIZE_URL"
	EnvTokenURL     = "PKCELOGS_TOKEN_URL"
	EnvRevokeURL    = "PKCELOGS_REVOKE_URL"
	EnvAPIURL       = "PKCELOGS_API_URL"
	EnvIssuer       = "PKCELOGS_ISSUER"
	EnvSendsIssuer  = "PKCELOGS_SENDS_ISSUER"
	// EnvReportURL is a custom provider's page of a report, with %s for the
	// code (sites.Custom.ReportURL); unset, the app links to no report page there.
	EnvReportURL = "PKCELOGS_REPORT_URL"
	// EnvGame selects site-specific schema fields for a custom provider:
	// "warcraft", "ffxiv" or "eso".
	EnvGame = "PKCELOGS_GAME"
	// EnvBasePath is go-app's own key for the path the app is mounted under
	// (Handler.Resources' prefix), read here so pages know their addresses.
	EnvBasePath = "GOAPP_ROOT_PREFIX"
)

// CustomSiteID is the id of the site EnvSite = "custom" describes.
const CustomSiteID = "custom"

// Paths of the app's pages, relative to the base path.
const (
	PathHome     = "/"
	PathCallback = "/callback"
	PathConsole  = "/console"
	PathSettings = "/settings"
)

// Options is how a deployment configures the session: which site, which
// public client, where tokens live. The app reads them from the build
// (OptionsFromEnv); an embedder may build them in code.
type Options struct {
	Site        sites.Site // the site signed in to by default
	FixedSite   bool       // hide the site chooser: Site is the only one
	ClientID    string     // the build's public client id for Site ("" = the person must enter one in Settings)
	RedirectURI string     // "" = this page's origin + BasePath + PathCallback
	Scopes      []string   // nil = the site's defaults
	Storage     string     // StorageLocal (default), StorageSession or StorageMemory
	BasePath    string     // where the app is mounted, e.g. "/pkcelogs" ("" = the root)
}

// Env is the Env contract's writing side: the keys and values OptionsFromEnv
// reads back into o (BasePath excepted: go-app sets EnvBasePath itself from
// Handler.Resources).
func (o Options) Env() map[string]string {
	env := map[string]string{
		EnvSite:    o.Site.ID,
		EnvStorage: o.Storage,
	}
	set := func(k, v string) {
		if v != "" {
			env[k] = v
		}
	}
	if o.FixedSite {
		env[EnvFixedSite] = "true"
	}
	set(EnvClientID, o.ClientID)
	set(EnvRedirectURI, o.RedirectURI)
	set(EnvScopes, strings.Join(o.Scopes, " "))
	if !sites.IsPreset(o.Site) {
		env[EnvSite] = CustomSiteID
		set(EnvSiteName, o.Site.Name)
		set(EnvGame, o.Site.Game)
		set(EnvAuthorizeURL, o.Site.AuthorizeURL)
		set(EnvTokenURL, o.Site.TokenURL)
		set(EnvRevokeURL, o.Site.RevokeURL)
		set(EnvAPIURL, o.Site.APIURL)
		set(EnvReportURL, o.Site.ReportURL)
		set(EnvIssuer, o.Site.Issuer)
		if o.Site.SendsIssuer {
			env[EnvSendsIssuer] = "true"
		}
		if len(o.Scopes) == 0 {
			set(EnvScopes, strings.Join(o.Site.Scopes, " "))
		}
	}
	return env
}

// OptionsFromEnv is the Env contract's reading side: the build's configuration
// from getenv (go-app's app.Getenv in the browser). A bad value is an error
// naming the key, shown on the page rather than swallowed.
func OptionsFromEnv(getenv func(string) string) (Options, error) {
	opts := Options{
		FixedSite:   getenv(EnvFixedSite) == "true",
		ClientID:    strings.TrimSpace(getenv(EnvClientID)),
		RedirectURI: strings.TrimSpace(getenv(EnvRedirectURI)),
		Scopes:      strings.Fields(getenv(EnvScopes)),
		Storage:     getenv(EnvStorage),
		BasePath:    strings.TrimSuffix(getenv(EnvBasePath), "/"),
	}
	if len(opts.Scopes) == 0 {
		opts.Scopes = nil // nil, not empty: the site's default scopes (an empty list asks for none)
	}
	if opts.Storage == "" {
		opts.Storage = StorageLocal
	}
	if err := CheckStorage(opts.Storage); err != nil {
		return opts, fmt.Errorf("%s: %w", EnvStorage, err)
	}
	siteID := strings.TrimSpace(getenv(EnvSite))
	var err error
	switch siteID {
	case "":
		opts.Site, err = sites.Lookup("warcraftlogs")
	case CustomSiteID:
		// A custom provider stands in for a logs site, so it offers the
		// same scopes unless the build names others.
		opts.Site, err = sites.Custom{
			ID: CustomSiteID, Name: getenv(EnvSiteName), Game: getenv(EnvGame),
			AuthorizeURL: getenv(EnvAuthorizeURL), TokenURL: getenv(EnvTokenURL), RevokeURL: getenv(EnvRevokeURL),
			APIURL: getenv(EnvAPIURL), ReportURL: getenv(EnvReportURL), Issuer: getenv(EnvIssuer), SendsIssuer: getenv(EnvSendsIssuer) == "true",
			Scopes: opts.Scopes,
		}.Site()
		if err == nil && getenv(EnvSiteName) == "" {
			opts.Site.Name = "Custom provider"
		}
	default:
		opts.Site, err = sites.Lookup(siteID)
	}
	if err != nil {
		return opts, fmt.Errorf("this page's build names site %s=%q: %w", EnvSite, siteID, err)
	}
	if opts.RedirectURI != "" {
		if err := pkce.CheckRedirectURI(opts.RedirectURI); err != nil {
			return opts, fmt.Errorf("%s: %w", EnvRedirectURI, err)
		}
	}
	return opts, nil
}

// CheckStorage checks a storage kind: one of StorageKinds.
func CheckStorage(kind string) error {
	if !slices.Contains(StorageKinds, kind) {
		return fmt.Errorf("%w: storage %q must be %s", pkce.ErrInvalidConfig, kind, strings.Join(StorageKinds, ", "))
	}
	return nil
}

// Path returns the address of one of the app's pages (PathHome, ...) under
// the base path.
func (o Options) Path(page string) string {
	if page == "" || page == "/" {
		return o.BasePath + "/"
	}
	return o.BasePath + page
}
