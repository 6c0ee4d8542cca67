package ui

// Build-time configuration reaches the browser through go-app's Handler.Env
// (baked into the static site) and is read with app.Getenv. These are the keys;
// the development server and the static export set them, the components read them.
const (
	// EnvSite is a preset id from pkce.Sites() ("warcraftlogs", "fflogs", ...)
	// or "custom", in which case the EnvAuthorizeURL… keys describe the provider.
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
	// EnvSiteName, EnvAuthorizeURL, EnvTokenURL, EnvRevokeURL and EnvAPIURL
	// describe a custom provider (EnvSite = "custom"), such as the local one.
	EnvSiteName     = "PKCELOGS_SITE_NAME"
	EnvAuthorizeURL = "PKCELOGS_AUTHORIZE_URL"
	EnvTokenURL     = "PKCELOGS_TOKEN_URL"
	EnvRevokeURL    = "PKCELOGS_REVOKE_URL"
	EnvAPIURL       = "PKCELOGS_API_URL"
	// EnvIssuer is a custom provider's issuer identifier (RFC 8414 §2), if
	// known: the authorization response's iss parameter must equal it
	// (RFC 9207 §2.4). Empty: the server's responses are not checked for iss.
	EnvIssuer = "PKCELOGS_ISSUER"
	// EnvGame selects site-specific schema fields for a custom provider:
	// "warcraft", "ffxiv" or "eso".
	EnvGame = "PKCELOGS_GAME"
)

// Paths of the app's pages, relative to the base path. The static export
// writes one HTML file for each.
const (
	PathHome     = "/"
	PathCallback = "/callback"
	PathConsole  = "/console"
	PathSettings = "/settings"
)

// Pages lists every routed page, for the static export.
var Pages = []string{PathHome, PathCallback, PathConsole, PathSettings}
