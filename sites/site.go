package sites

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// Games: Site.Game selects the schema fields a site's API offers.
const (
	GameWarcraft = "warcraft"
	GameFFXIV    = "ffxiv"
	GameESO      = "eso"
)

// The scopes the Logs sites offer (ARCHON.md, "Scopes").
const (
	ScopeViewUserProfile    = "view-user-profile"
	ScopeViewPrivateReports = "view-private-reports"
)

// ErrUnknownSite is returned for a site id that is neither a preset nor the
// configured custom site.
var ErrUnknownSite = errors.New("unknown site: choose one of the listed sites or configure a custom OAuth 2.0 provider")

// Site is an OAuth 2.0 provider with a Logs-style user GraphQL API.
type Site struct {
	pkce.Provider        // ID, Name, endpoints, issuer, scopes
	Game          string // GameWarcraft | GameFFXIV | GameESO
	APIURL        string // the user GraphQL endpoint, .../api/v2/user
	ClientsURL    string // where a person registers a client ("" for custom)
	ReportURL     string // the site's page of a report, with %s for its code ("" when unknown)
}

// ReportPage is the address of the report with the given code on the site
// itself (ReportURL with the code in place of %s), or "" when the site's
// report pages are not known or code is not a report code (letters and
// digits), so that no address is ever built from anything else.
func (s Site) ReportPage(code string) string {
	if s.ReportURL == "" || strings.Count(s.ReportURL, "%s") != 1 || !ValidReportCode(code) {
		return ""
	}
	return strings.Replace(s.ReportURL, "%s", code, 1)
}

// ValidReportCode reports whether code is 1 to 64 ASCII letters and digits,
// as the sites' report codes are (16 of them on the Logs sites).
func ValidReportCode(code string) bool {
	if code == "" || len(code) > 64 {
		return false
	}
	for _, r := range code {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// logsSite builds a preset on one of the Logs platforms: oauthHost runs
// authorization and the client registry, apiHost serves the data.
func logsSite(id, name, game, oauthHost, apiHost string) Site {
	return Site{
		Provider: pkce.Provider{
			ID:           id,
			Name:         name,
			AuthorizeURL: "https://" + oauthHost + "/oauth/authorize",
			TokenURL:     "https://" + oauthHost + "/oauth/token",
			Scopes:       []string{ScopeViewUserProfile, ScopeViewPrivateReports},
		},
		Game:       game,
		APIURL:     "https://" + apiHost + "/api/v2/user",
		ClientsURL: "https://" + oauthHost + "/api/clients/",
		ReportURL:  "https://" + apiHost + "/reports/%s",
	}
}

// Presets returns every preset in display order. The Warcraft Logs game
// versions share one account and client registry (www); China is a separate
// deployment.
func Presets() []Site {
	return []Site{
		logsSite("warcraftlogs", "Warcraft Logs", GameWarcraft, "www.warcraftlogs.com", "www.warcraftlogs.com"),
		logsSite("warcraftlogs-classic", "Warcraft Logs Classic", GameWarcraft, "www.warcraftlogs.com", "classic.warcraftlogs.com"),
		logsSite("warcraftlogs-sod", "Warcraft Logs Season of Discovery", GameWarcraft, "www.warcraftlogs.com", "sod.warcraftlogs.com"),
		logsSite("warcraftlogs-fresh", "Warcraft Logs Fresh", GameWarcraft, "www.warcraftlogs.com", "fresh.warcraftlogs.com"),
		logsSite("warcraftlogs-vanilla", "Warcraft Logs Vanilla", GameWarcraft, "www.warcraftlogs.com", "vanilla.warcraftlogs.com"),
		logsSite("warcraftlogs-cn", "Warcraft Logs China", GameWarcraft, "cn.warcraftlogs.com", "cn.warcraftlogs.com"),
		logsSite("fflogs", "FF Logs", GameFFXIV, "www.fflogs.com", "www.fflogs.com"),
		logsSite("esologs", "ESO Logs", GameESO, "www.esologs.com", "www.esologs.com"),
	}
}

// Lookup returns the preset with the given id, or an error matching
// ErrUnknownSite.
func Lookup(id string) (Site, error) {
	for _, s := range Presets() {
		if s.ID == id {
			return s, nil
		}
	}
	if len(id) > 64 {
		id = id[:64] + "…"
	}
	return Site{}, fmt.Errorf("%w: %q", ErrUnknownSite, id)
}

// Validate checks the provider (pkce.Provider.Validate), the game and the API
// and clients URLs (https, or http on loopback).
func (s Site) Validate() error {
	if err := s.Provider.Validate(); err != nil {
		return err
	}
	switch s.Game {
	case GameWarcraft, GameFFXIV, GameESO:
	default:
		return fmt.Errorf("%w: site %s: game %q must be %q, %q or %q", pkce.ErrInvalidConfig, s.ID, s.Game, GameWarcraft, GameFFXIV, GameESO)
	}
	for _, e := range []struct {
		name, url string
		optional  bool
	}{
		{"API URL", s.APIURL, false},
		{"clients URL", s.ClientsURL, true},
	} {
		if e.url == "" && e.optional {
			continue
		}
		if err := pkce.CheckEndpointURL(e.url); err != nil {
			return fmt.Errorf("%w: site %s: %s %q: %v", pkce.ErrInvalidConfig, s.ID, e.name, e.url, err)
		}
	}
	if s.ReportURL != "" {
		if strings.Count(s.ReportURL, "%s") != 1 {
			return fmt.Errorf("%w: site %s: report URL %q must hold %%s once, where the report's code goes", pkce.ErrInvalidConfig, s.ID, s.ReportURL)
		}
		if err := pkce.CheckEndpointURL(strings.Replace(s.ReportURL, "%s", "CODE", 1)); err != nil {
			return fmt.Errorf("%w: site %s: report URL %q: %v", pkce.ErrInvalidConfig, s.ID, s.ReportURL, err)
		}
	}
	return nil
}

// Custom describes another OAuth 2.0 server that supports PKCE for public
// clients (RFC 7636), with a Logs-style user API: the local development
// provider, or any server a deployer configures.
type Custom struct {
	ID           string   // "" = "custom"
	Name         string   // "" = the id
	Game         string   // "" = GameWarcraft
	AuthorizeURL string   // required
	TokenURL     string   // required
	RevokeURL    string   // optional (RFC 7009)
	APIURL       string   // required
	ReportURL    string   // optional: the server's page of a report, with %s for its code
	Issuer       string   // optional: the RFC 8414 issuer, checked against the callback's iss (RFC 9207)
	SendsIssuer  bool     // the server always sends iss: a callback without it is refused
	Scopes       []string // nil = the Logs sites' scopes
}

// Site checks c and returns it as a Site. Its id may not be a preset's.
func (c Custom) Site() (Site, error) {
	if c.ID == "" {
		c.ID = "custom"
	}
	if _, err := Lookup(c.ID); err == nil {
		return Site{}, fmt.Errorf("%w: custom site id %q is taken by a preset", pkce.ErrInvalidConfig, c.ID)
	}
	if c.Game == "" {
		c.Game = GameWarcraft
	}
	if c.Name == "" {
		c.Name = c.ID
	}
	scopes := c.Scopes
	if scopes == nil {
		scopes = []string{ScopeViewUserProfile, ScopeViewPrivateReports}
	}
	s := Site{
		Provider: pkce.Provider{
			ID: c.ID, Name: c.Name,
			AuthorizeURL: c.AuthorizeURL, TokenURL: c.TokenURL, RevokeURL: c.RevokeURL,
			Issuer: c.Issuer, SendsIssuer: c.SendsIssuer,
			Scopes: append([]string(nil), scopes...),
		},
		Game:      c.Game,
		APIURL:    c.APIURL,
		ReportURL: c.ReportURL,
	}
	if err := s.Validate(); err != nil {
		return Site{}, err
	}
	return s, nil
}

// IsPreset reports whether s is one of Presets() unchanged, which a page can
// look up by its id; anything else is a custom provider.
func IsPreset(s Site) bool {
	p, err := Lookup(s.ID)
	return err == nil && p.AuthorizeURL == s.AuthorizeURL && p.TokenURL == s.TokenURL &&
		p.APIURL == s.APIURL && p.RevokeURL == s.RevokeURL && p.Game == s.Game &&
		p.Issuer == s.Issuer && p.SendsIssuer == s.SendsIssuer
}
