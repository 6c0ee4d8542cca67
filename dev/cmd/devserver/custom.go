//go:build !js

package main

import (
	"flag"
	"net/url"
	"strings"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// siteCustom is the -site value for an OAuth 2.0 server described by flags.
const siteCustom = "custom"

// customFlags describe an authorization server that is neither the local
// provider nor a preset (-site custom): any server that lets a public client
// use the authorization code grant with PKCE (RFC 7636) from a browser.
type customFlags struct {
	authorizeURL string
	tokenURL     string
	revokeURL    string
	apiURL       string
	reportURL    string
	issuer       string
	siteName     string
	scopes       string
}

func (c *customFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.authorizeURL, "authorize-url", "", "-site custom: the authorization endpoint `URL` (RFC 6749 §3.1)")
	fs.StringVar(&c.tokenURL, "token-url", "", "-site custom: the token endpoint `URL` (RFC 6749 §3.2); it must allow the app's origin by CORS")
	fs.StringVar(&c.revokeURL, "revoke-url", "", "-site custom: the revocation endpoint `URL` (RFC 7009), optional; it must allow the app's origin by CORS")
	fs.StringVar(&c.apiURL, "api-url", "", "-site custom: the user GraphQL API `URL` (like .../api/v2/user); it must allow the app's origin by CORS")
	fs.StringVar(&c.reportURL, "report-url", "", "-site custom: the server's page of a report, a `URL` with %s where the report's code goes, optional; the app then links each report there")
	fs.StringVar(&c.issuer, "issuer", "", "-site custom: the server's issuer `identifier` (RFC 8414 §2), optional; the app then checks the iss parameter of the authorization response (RFC 9207)")
	fs.StringVar(&c.siteName, "site-name", "", "-site custom: the `name` the page shows for the server (default: the authorize URL's host)")
	fs.StringVar(&c.scopes, "scopes", "", "-site custom: space-separated `scopes` to ask for (default: view-user-profile view-private-reports); add offline_access where the server issues refresh tokens only for it")
}

// set reports whether any custom-provider flag was given.
func (c customFlags) set() bool {
	return c.authorizeURL != "" || c.tokenURL != "" || c.revokeURL != "" || c.apiURL != "" ||
		c.reportURL != "" || c.issuer != "" || c.siteName != "" || c.scopes != ""
}

// check validates the flags for -site custom. required is false for -static,
// which serves a site exported earlier with its configuration baked in.
func (c customFlags) check(required bool) error {
	for _, f := range []struct {
		name, value string
		optional    bool
	}{
		{"-authorize-url", c.authorizeURL, false},
		{"-token-url", c.tokenURL, false},
		{"-revoke-url", c.revokeURL, true},
		{"-api-url", c.apiURL, false},
		{"-issuer", c.issuer, true},
	} {
		if f.value == "" {
			if !f.optional && required {
				return usagef("-site custom needs %s: -authorize-url, -token-url and -api-url describe the server (-revoke-url and -issuer are optional)", f.name)
			}
			continue
		}
		if err := checkServerURL(f.name, f.value); err != nil {
			return err
		}
	}
	if c.reportURL != "" {
		if strings.Count(c.reportURL, "%s") != 1 {
			return usagef("-report-url %q: put %%s once where the report's code goes, like https://logs.example.com/reports/%%s", c.reportURL)
		}
		if err := checkServerURL("-report-url", strings.Replace(c.reportURL, "%s", "CODE", 1)); err != nil {
			return err
		}
	}
	if c.issuer != "" {
		// RFC 8414 §2: the issuer identifier has no query or fragment.
		if u, _ := url.Parse(c.issuer); u.RawQuery != "" || u.ForceQuery {
			return usagef("-issuer %q: an issuer identifier has no query (RFC 8414 §2); give it exactly as the server's metadata names it", c.issuer)
		}
	}
	for _, sc := range strings.Fields(c.scopes) {
		if !validScope(sc) {
			return usagef("-scopes: %q is not a scope (RFC 6749 §3.3: printable characters other than space, '\"' and '\\')", sc)
		}
	}
	if strings.ContainsAny(c.siteName, "\r\n") || len(c.siteName) > 100 {
		return usagef("-site-name: one line of at most 100 characters, like \"Example Logs\"")
	}
	return nil
}

// site is the custom provider the flags describe; call after check.
func (c customFlags) site(game string) (sites.Site, error) {
	name := strings.TrimSpace(c.siteName)
	if name == "" {
		if u, err := url.Parse(c.authorizeURL); err == nil {
			name = u.Hostname()
		}
	}
	var scopes []string // nil: the Logs sites' scopes
	if f := strings.Fields(c.scopes); len(f) > 0 {
		scopes = f
	}
	return sites.Custom{ID: siteCustom, Name: name, Game: game, AuthorizeURL: c.authorizeURL, TokenURL: c.tokenURL,
		RevokeURL: c.revokeURL, APIURL: c.apiURL, ReportURL: c.reportURL, Issuer: c.issuer, Scopes: scopes}.Site()
}

// checkServerURL is pkce's rule for every configured address (absolute; https,
// or http only on a loopback host; no user name, password or fragment), worded
// for the flag.
func checkServerURL(flagName, raw string) error {
	if err := pkce.CheckEndpointURL(raw); err != nil {
		return usagef("%s %q %v", flagName, raw, err)
	}
	return nil
}

// validScope: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) (RFC 6749 §3.3).
func validScope(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return s != ""
}
