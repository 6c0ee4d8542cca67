//go:build !js

package oidcprovider

import (
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// client is the one registered client: a browser app without a secret.
type client struct {
	id           string
	redirectURIs []string
	scopes       []string // allowed beyond the OpenID ones (openid, offline_access, ...)
	loginURL     func(authRequestID string) string
}

func (c *client) GetID() string                    { return c.id }
func (c *client) RedirectURIs() []string           { return c.redirectURIs }
func (c *client) PostLogoutRedirectURIs() []string { return nil }

// ApplicationType: a user-agent-based application (RFC 6749 §2.1), held to
// exact redirect URIs (op.ValidateAuthReqRedirectURI compares them whole).
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeUserAgent }

// AuthMethod "none": a public client, authenticated by nothing but PKCE.
func (c *client) AuthMethod() oidc.AuthMethod { return oidc.AuthMethodNone }

func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}

func (c *client) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken}
}

func (c *client) LoginURL(id string) string           { return c.loginURL(id) }
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }
func (c *client) IDTokenLifetime() time.Duration      { return time.Hour }

// DevMode lets a user-agent client use http redirect URIs, which the tests'
// loopback app needs; the redirect URI must still match a registered one
// exactly, which op checks first.
func (c *client) DevMode() bool { return true }

func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

func (c *client) IsScopeAllowed(scope string) bool     { return slices.Contains(c.scopes, scope) }
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return false }
func (c *client) ClockSkew() time.Duration             { return 0 }
