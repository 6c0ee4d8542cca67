//go:build !js

package provider

import (
	"net/url"

	"github.com/ory/fosite"
)

// IssuerParameter says what the authorization endpoint sends as iss in its responses
// (RFC 9207 §2). The zero value is the standard behaviour: iss is the issuer identifier.
// The other settings exist so that a client's checks (RFC 9207 §2.4) can be tested.
type IssuerParameter struct {
	// Omit sends no iss at all, as a server that does not implement RFC 9207 (the real
	// Logs sites do not, as far as is known).
	Omit bool
	// Value is sent instead of the issuer identifier when not empty: a mix-up attack as
	// the client would see it (a response from another authorization server).
	Value string
}

// Issuer is the provider's issuer identifier (RFC 8414 §2, RFC 9207 §2): its base URL,
// e.g. "http://127.0.0.1:8001". It is the iss of authorization responses and of the JWT
// access tokens.
func (p *Provider) Issuer() string { return p.opts.BaseURL }

// SetIssuerParameter changes what authorization responses carry as iss, from the next
// response on. The zero IssuerParameter restores the issuer identifier.
func (p *Provider) SetIssuerParameter(ip IssuerParameter) { p.issuer.Store(&ip) }

// issValue is the iss for the next authorization response; ok is false when none is sent.
func (p *Provider) issValue() (iss string, ok bool) {
	ip := p.issuer.Load()
	switch {
	case ip == nil:
		return p.Issuer(), true
	case ip.Omit:
		return "", false
	case ip.Value != "":
		return ip.Value, true
	}
	return p.Issuer(), true
}

// addIssuer puts iss into a successful authorization response (RFC 9207 §2: "iss" in the
// authorization response, alongside code and state).
func (p *Provider) addIssuer(resp fosite.AuthorizeResponder) {
	if iss, ok := p.issValue(); ok {
		resp.AddParameter("iss", iss)
	}
}

// addIssuerTo puts iss into an error response's query (RFC 9207 §2: error responses
// carry it too).
func (p *Provider) addIssuerTo(q url.Values) {
	if iss, ok := p.issValue(); ok {
		q.Set("iss", iss)
	}
}
