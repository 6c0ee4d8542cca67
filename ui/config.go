package ui

import "github.com/pkcelogs/pkcelogs/session"

// Build-time configuration reaches the browser through go-app's Handler.Env
// (baked into the static site). The keys are the session package's Env contract
// (session.Options.Env writes them, session.OptionsFromEnv reads them), named
// here too for embedders who set Handler.Env by hand.
const (
	EnvSite         = session.EnvSite
	EnvFixedSite    = session.EnvFixedSite
	EnvClientID     = session.EnvClientID
	EnvRedirectURI  = session.EnvRedirectURI
	EnvScopes       = session.EnvScopes
	EnvStorage      = session.EnvStorage
	EnvSiteName     = session.EnvSiteName
	EnvAuthorizeURL = session.EnvAuthorizeURL
	EnvTokenURL     = session.EnvTokenURL
	EnvRevokeURL    = session.EnvRevokeURL
	EnvAPIURL       = session.EnvAPIURL
	EnvIssuer       = session.EnvIssuer
	EnvSendsIssuer  = session.EnvSendsIssuer
	EnvGame         = session.EnvGame
	EnvReportURL    = session.EnvReportURL
)

// Paths of the app's pages, relative to the base path. The static export
// writes one HTML file for each.
const (
	PathHome     = session.PathHome
	PathCallback = session.PathCallback
	PathConsole  = session.PathConsole
	PathSettings = session.PathSettings
	// PathNotFound is where the not-found page is routed, so the server can
	// pre-render it (the static export's 404.html); in the browser every
	// unknown address shows it too.
	PathNotFound = "/404"
)

// Pages lists every routed page the static export writes a file for
// (PathNotFound is written as 404.html).
var Pages = []string{PathHome, PathCallback, PathConsole, PathSettings}
