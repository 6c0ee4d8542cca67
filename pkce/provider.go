package pkce

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Provider is an OAuth 2.0 authorization server as a public client sees it: its
// endpoints, its issuer identifier and the scopes it offers. Which product sits
// behind it (a Logs site, its game, its API) is not the protocol's business; see
// the sites package for that catalogue.
type Provider struct {
	ID           string   // this app's name for the provider: 1-64 of [a-z0-9._-]; kept in tokens and pending sign-ins
	Name         string   // display name for messages ("Warcraft Logs")
	AuthorizeURL string   // RFC 6749 §3.1
	TokenURL     string   // RFC 6749 §3.2
	RevokeURL    string   // RFC 7009 §2; "" when the provider has none: Revoke is a no-op
	Issuer       string   // RFC 8414 §2 issuer identifier; "" = unknown. When set, a callback's iss must equal it (RFC 9207 §2.4)
	SendsIssuer  bool     // the provider always sends iss (RFC 9207 §3, authorization_response_iss_parameter_supported): a callback without it is refused
	Scopes       []string // the scopes the provider offers; the default request is all of them
}

// ValidID reports whether id can name a provider: 1-64 of [a-z0-9._-],
// starting with a letter or digit. (Written out rather than a regexp: a
// package-level regexp is compiled as the browser app starts, and V8 compiling
// Go's regexp compiler for it cost the cold start tens of milliseconds.)
func ValidID(id string) bool {
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

// Validate checks that the provider can be used: a plain id, and absolute
// endpoint URLs that are https, or http only on a loopback host (RFC 8252 §8.3).
func (p Provider) Validate() error {
	if !ValidID(p.ID) {
		return detail(ErrInvalidConfig, "site id %q must be 1-64 lower-case letters, digits, '.', '_' or '-'", clip(p.ID, 64))
	}
	for _, e := range []struct {
		name, url string
		optional  bool
	}{
		{"authorize URL", p.AuthorizeURL, false},
		{"token URL", p.TokenURL, false},
		{"revoke URL", p.RevokeURL, true},
		{"issuer", p.Issuer, true},
	} {
		if e.url == "" && e.optional {
			continue
		}
		if err := CheckEndpointURL(e.url); err != nil {
			return detail(ErrInvalidConfig, "site %s: %s %q: %v", p.ID, e.name, clip(e.url, 200), err)
		}
	}
	if u, err := url.Parse(p.Issuer); p.Issuer != "" && (err != nil || u.RawQuery != "" || u.ForceQuery) {
		return detail(ErrInvalidConfig, "site %s: issuer %q has a query, which an issuer identifier never has (RFC 8414 §2)", p.ID, clip(p.Issuer, 200))
	}
	if p.SendsIssuer && p.Issuer == "" {
		return detail(ErrInvalidConfig, "site %s sends iss but no issuer is configured to compare it with", p.ID)
	}
	for _, sc := range p.Scopes {
		if !validScopeToken(sc) {
			return detail(ErrInvalidConfig, "site %s: scope %q is not a valid scope token (RFC 6749 §3.3)", p.ID, clip(sc, 64))
		}
	}
	return nil
}

// CheckEndpointURL accepts absolute https URLs, or http on a loopback host,
// without credentials or fragment (RFC 6749 §3.1, §3.1.2; RFC 8252 §8.3). It is
// the one rule for every address this app is configured with: endpoints, API
// and redirect URIs.
func CheckEndpointURL(raw string) error {
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
		if IsLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("must use https (plain http only on a loopback host: localhost, 127.0.0.1 or [::1])")
	}
	return fmt.Errorf("must use https")
}

// CheckRedirectURI checks a redirect URI: absolute, no fragment (RFC 6749
// §3.1.2), https or http on loopback (RFC 8252 §7.3, §8.3).
func CheckRedirectURI(raw string) error {
	if raw == "" {
		return detail(ErrInvalidConfig, "no redirect URI")
	}
	if err := CheckEndpointURL(raw); err != nil {
		return detail(ErrInvalidConfig, "redirect URI %q: %v", clip(raw, 200), err)
	}
	return nil
}

// IsLoopback reports whether host (without port or brackets) is a loopback
// host: "localhost", or an address in 127.0.0.0/8 or ::1.
func IsLoopback(host string) bool {
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
