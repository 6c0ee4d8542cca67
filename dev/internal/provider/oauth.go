//go:build !js

package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/token/jwt"
)

// dynamicConfig is fosite's Config with an access-token lifetime that tests may change
// while the server runs (SetAccessTokenTTL).
type dynamicConfig struct {
	*fosite.Config
	accessTTL atomic.Int64
}

func (c *dynamicConfig) GetAccessTokenLifespan(context.Context) time.Duration {
	return time.Duration(c.accessTTL.Load())
}

func (c *dynamicConfig) setAccessTokenTTL(d time.Duration) {
	if d <= 0 {
		d = DefaultAccessTokenTTL
	}
	c.accessTTL.Store(int64(d))
}

// setupOAuth composes the fosite handlers this provider needs and nothing else: the
// authorization code grant (RFC 6749 §4.1) with PKCE (RFC 7636), the refresh token grant
// (§6), revocation (RFC 7009) and access-token validation for the API.
func (p *Provider) setupOAuth() error {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	cfg := &dynamicConfig{Config: &fosite.Config{
		AuthorizeCodeLifespan: p.opts.CodeTTL,
		RefreshTokenLifespan:  DefaultRefreshTokenTTL,
		GlobalSecret:          secret,
		AccessTokenIssuer:     p.opts.BaseURL,
		TokenURL:              p.opts.BaseURL + TokenPath,
		// PKCE for every client, S256 only (RFC 7636 §4.2; RFC 9700 §2.1.1).
		EnforcePKCE:                    true,
		EnforcePKCEForPublicClients:    true,
		EnablePKCEPlainChallengeMethod: false,
		// The real sites grant a refresh token with every authorization, without an
		// offline scope; an empty list tells fosite to do the same.
		RefreshTokenScopes: []string{},
		// Scopes are opaque names such as view-user-profile: compare them exactly.
		ScopeStrategy: fosite.ExactScopeStrategy,
		// Only access tokens are bearer credentials for the API; a refresh token sent as a
		// bearer token must be refused, not accepted by fosite's fallback.
		DisableRefreshTokenValidation: true,
		RedirectSecureChecker:         fosite.IsRedirectURISecureStrict,
		MinParameterEntropy:           fosite.MinParameterEntropy,
	}}
	cfg.setAccessTokenTTL(p.opts.AccessTokenTTL)
	p.config = cfg
	p.consentKey = secret

	store := newStore()
	for _, c := range p.clients {
		store.clients[c.ID] = &fosite.DefaultClient{
			ID:            c.ID,
			Public:        true,
			RedirectURIs:  slices.Clone(c.RedirectURIs),
			GrantTypes:    []string{"authorization_code", "refresh_token"},
			ResponseTypes: []string{"code"},
			Scopes:        slices.Clone(AllScopes),
		}
	}

	getKey := func(context.Context) (any, error) { return key, nil }
	tokens := compose.NewOAuth2JWTStrategy(getKey, compose.NewOAuth2HMACStrategy(cfg), cfg)
	strategy := &compose.CommonStrategy{CoreStrategy: tokens, Signer: tokens.Signer}

	// compose.Compose takes a *fosite.Config, which would not see dynamicConfig's
	// lifetime; this is the same loop with our Configurator.
	factories := []compose.Factory{
		compose.OAuth2AuthorizeExplicitFactory,
		compose.OAuth2RefreshTokenGrantFactory,
		compose.OAuth2TokenRevocationFactory,
		compose.OAuth2TokenIntrospectionFactory,
		compose.OAuth2PKCEFactory,
	}
	for _, factory := range factories {
		h := factory(cfg, store, strategy)
		if ah, ok := h.(fosite.AuthorizeEndpointHandler); ok {
			cfg.AuthorizeEndpointHandlers.Append(ah)
		}
		if th, ok := h.(fosite.TokenEndpointHandler); ok {
			cfg.TokenEndpointHandlers.Append(th)
		}
		if ti, ok := h.(fosite.TokenIntrospector); ok {
			cfg.TokenIntrospectionHandlers.Append(ti)
		}
		if rh, ok := h.(fosite.RevocationHandler); ok {
			cfg.RevocationHandlers.Append(rh)
		}
	}
	p.oauth = fosite.NewOAuth2Provider(store, cfg)
	return nil
}

// session is what fosite keeps with every code and token: who signed in, for which client,
// and the claims of the JWT access token.
type session struct {
	oauth2.JWTSession
	ClientID string
}

func newSession(u *user, clientID string) *session {
	sub := fmt.Sprint(u.ID)
	return &session{
		JWTSession: oauth2.JWTSession{
			JWTClaims: &jwt.JWTClaims{Subject: sub},
			JWTHeader: &jwt.Headers{},
			Subject:   sub,
			Username:  u.Login,
		},
		ClientID: clientID,
	}
}

// GetJWTClaims returns claims shaped like the real sites' access tokens.
func (s *session) GetJWTClaims() jwt.JWTClaimsContainer {
	return &accessClaims{JWTClaims: s.JWTSession.GetJWTClaims().(*jwt.JWTClaims), clientID: s.ClientID}
}

// Clone copies the session deeply; fosite clones it on every refresh.
func (s *session) Clone() fosite.Session {
	if s == nil {
		return nil
	}
	c := *s
	if s.JWTClaims != nil {
		claims := *s.JWTClaims
		claims.Audience = slices.Clone(s.JWTClaims.Audience)
		claims.Scope = slices.Clone(s.JWTClaims.Scope)
		claims.Extra = maps.Clone(s.JWTClaims.Extra)
		c.JWTClaims = &claims
	}
	if s.JWTHeader != nil {
		h := jwt.Headers{Extra: maps.Clone(s.JWTHeader.Extra)}
		c.JWTHeader = &h
	}
	c.ExpiresAt = maps.Clone(s.ExpiresAt)
	return &c
}

// accessClaims shapes the JWT payload as the real sites (Laravel Passport) do: "aud" is the
// client id and the granted scopes are a "scopes" array, which is where clients read them
// from (the token response does not list them).
type accessClaims struct {
	*jwt.JWTClaims
	clientID string
}

func (c *accessClaims) With(expiry time.Time, scope, audience []string) jwt.JWTClaimsContainer {
	c.JWTClaims.With(expiry, scope, audience)
	return c
}

func (c *accessClaims) WithDefaults(iat time.Time, issuer string) jwt.JWTClaimsContainer {
	c.JWTClaims.WithDefaults(iat, issuer)
	return c
}

func (c *accessClaims) WithScopeField(f jwt.JWTScopeFieldEnum) jwt.JWTClaimsContainer {
	c.JWTClaims.WithScopeField(f)
	return c
}

func (c *accessClaims) ToMapClaims() jwt.MapClaims {
	m := c.JWTClaims.ToMapClaims()
	delete(m, "scp")
	delete(m, "scope")
	scopes := slices.Clone(c.Scope)
	if scopes == nil {
		scopes = []string{}
	}
	m["scopes"] = scopes
	m["aud"] = c.clientID
	if iat, ok := m["iat"]; ok {
		m["nbf"] = iat
	}
	return m
}
