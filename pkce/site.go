package pkce

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Games: Site.Game selects the schema fields a site offers.
const (
	GameWarcraft = "warcraft"
	GameFFXIV    = "ffxiv"
	GameESO      = "eso"
)

// The scopes the Logs sites offer.
const (
	ScopeViewUserProfile    = "view-user-profile"
	ScopeViewPrivateReports = "view-private-reports"
)

// Site describes an OAuth 2.0 authorization server and its user API.
type Site struct {
	ID           string   // "warcraftlogs", "fflogs", ... or a custom id
	Name         string   // "Warcraft Logs", "FF Logs", ...
	Game         string   // GameWarcraft | GameFFXIV | GameESO
	AuthorizeURL string   // RFC 6749 §3.1
	TokenURL     string   // RFC 6749 §3.2
	RevokeURL    string   // RFC 7009 §2; "" when the site has none: Revoke is a no-op
	APIURL       string   // the user GraphQL endpoint, .../api/v2/user
	ClientsURL   string   // where a person registers a client ("" for custom)
	Scopes       []string // the scopes the site offers; the default request is all of them
}

// logsSite builds a preset on one of the Logs platforms: oauthHost runs
// authorization and the client registry, apiHost serves the data.
func logsSite(id, name, game, oauthHost, apiHost string) Site {
	return Site{
		ID:           id,
		Name:         name,
		Game:         game,
		AuthorizeURL: "https://" + oauthHost + "/oauth/authorize",
		TokenURL:     "https://" + oauthHost + "/oauth/token",
		APIURL:       "https://" + apiHost + "/api/v2/user",
		ClientsURL:   "https://" + oauthHost + "/api/clients/",
		Scopes:       []string{ScopeViewUserProfile, ScopeViewPrivateReports},
	}
}

// Sites returns every preset in display order. The Warcraft Logs game versions
// share one account and client registry (www); China is a separate deployment.
func Sites() []Site {
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

// LookupSite returns the preset with the given id, or ErrUnknownSite.
func LookupSite(id string) (Site, error) {
	for _, s := range Sites() {
		if s.ID == id {
			return s, nil
		}
	}
	return Site{}, detail(ErrUnknownSite, "%q", clip(id, 64))
}

// validSiteID reports whether id is 1-64 of [a-z0-9._-], starting with a
// letter or digit. (Written out rather than a regexp: a package-level
// regexp is compiled as the browser app starts, and V8 compiling Go's regexp
// compiler for it cost the cold start tens of milliseconds.)
func validSiteID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// CustomSite describes another OAuth 2.0 server that supports PKCE for public
// clients (RFC 7636), such as the local development provider. revokeURL may be "".
// An empty game means GameWarcraft; an empty name means the id.
func CustomSite(id, name, game, authorizeURL, tokenURL, revokeURL, apiURL string, scopes []string) (Site, error) {
	if _, err := LookupSite(id); err == nil {
		return Site{}, detail(ErrInvalidConfig, "custom site id %q is taken by a preset", id)
	}
	if game == "" {
		game = GameWarcraft
	}
	if name == "" {
		name = id
	}
	s := Site{
		ID: id, Name: name, Game: game,
		AuthorizeURL: authorizeURL, TokenURL: tokenURL, RevokeURL: revokeURL, APIURL: apiURL,
		Scopes: append([]string(nil), scopes...),
	}
	if err := s.Validate(); err != nil {
		return Site{}, err
	}
	return s, nil
}

// Validate checks that the site can be used: a plain id, a known game, and absolute
// endpoint URLs that are https, or http only on a loopback host (RFC 8252 §8.3).
func (s Site) Validate() error {
	if !validSiteID(s.ID) {
		return detail(ErrInvalidConfig, "site id %q must be 1-64 lower-case letters, digits, '.', '_' or '-'", clip(s.ID, 64))
	}
	switch s.Game {
	case GameWarcraft, GameFFXIV, GameESO:
	default:
		return detail(ErrInvalidConfig, "site %s: game %q must be %q, %q or %q", s.ID, s.Game, GameWarcraft, GameFFXIV, GameESO)
	}
	for _, e := range []struct {
		name, url string
		optional  bool
	}{
		{"authorize URL", s.AuthorizeURL, false},
		{"token URL", s.TokenURL, false},
		{"revoke URL", s.RevokeURL, true},
		{"API URL", s.APIURL, false},
		{"clients URL", s.ClientsURL, true},
	} {
		if e.url == "" && e.optional {
			continue
		}
		if err := checkEndpointURL(e.url); err != nil {
			return detail(ErrInvalidConfig, "site %s: %s %q: %v", s.ID, e.name, clip(e.url, 200), err)
		}
	}
	for _, sc := range s.Scopes {
		if !validScopeToken(sc) {
			return detail(ErrInvalidConfig, "site %s: scope %q is not a valid scope token (RFC 6749 §3.3)", s.ID, clip(sc, 64))
		}
	}
	return nil
}

// checkEndpointURL accepts absolute https URLs, or http on loopback, without
// credentials or fragment (RFC 6749 §3.1, §3.1.2).
func checkEndpointURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("not a URL")
	}
	if !u.IsAbs() || u.Host == "" {
		return fmt.Errorf("must be an absolute URL")
	}
	if u.User != nil {
		return fmt.Errorf("must not contain a user name or password")
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return fmt.Errorf("must not contain a fragment")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("must use https (plain http only on a loopback host: localhost, 127.0.0.1 or [::1])")
	}
	return fmt.Errorf("must use https")
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// validScopeToken: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) (RFC 6749 §3.3).
func validScopeToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
