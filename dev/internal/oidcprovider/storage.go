//go:build !js

package oidcprovider

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// storage implements op.Storage in memory, enforcing the rules in the
// package doc. Every method takes mu: the checks and the state changes of
// one request happen atomically, so two requests presenting the same
// refresh token at once cannot both spend it.
type storage struct {
	mu     sync.Mutex
	client *client
	key    *rsaKey

	accessTTL  time.Duration
	refreshTTL time.Duration
	subject    string // the user every sign-in is approved as

	authRequests map[string]*authRequest // by id
	codes        map[string]*codeRecord  // by code
	grants       map[string]*grant       // by id
	refresh      map[string]*refreshRecord
	access       map[string]*accessRecord // by token id (the JWT's jti)

	revocations []Revocation
}

// grant is one sign-in: every token issued from it, through any number of
// refreshes, belongs to it and dies with it.
type grant struct {
	id       string
	subject  string
	clientID string
	scopes   []string
	authTime time.Time
	amr      []string
	revoked  bool
}

type refreshRecord struct {
	grantID string
	expires time.Time
	spent   bool // presented and rotated: presenting it again is replay
}

type accessRecord struct {
	grantID string
	expires time.Time
	revoked bool
}

type codeRecord struct {
	authRequestID string
	grantID       string // set once exchanged; a second exchange revokes it
}

// Revocation records a grant ending and why, for tests.
type Revocation struct {
	Time   time.Time
	Grant  string
	Reason string // "refresh token reuse", "authorization code reuse", "revocation request"
}

func newStorage(c *client, accessTTL, refreshTTL time.Duration, subject string) (*storage, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	return &storage{
		client: c, key: &rsaKey{id: randomID(), private: k},
		accessTTL: accessTTL, refreshTTL: refreshTTL, subject: subject,
		authRequests: map[string]*authRequest{}, codes: map[string]*codeRecord{},
		grants: map[string]*grant{}, refresh: map[string]*refreshRecord{}, access: map[string]*accessRecord{},
	}, nil
}

func randomID() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

var errNotFound = errors.New("not found")

// --- authorization requests and codes ---

// CreateAuthRequest refuses requests without an S256 code challenge: the
// library accepts "plain" and, for the auth-code exchange of a public
// client, only checks that some challenge exists.
func (s *storage) CreateAuthRequest(_ context.Context, r *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if r.CodeChallenge == "" || r.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("PKCE is required: send code_challenge with code_challenge_method=S256 (RFC 7636)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := &authRequest{id: randomID(), req: *r, created: time.Now()}
	s.authRequests[a.id] = a
	return a, nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.authRequests[id]; ok && time.Since(a.created) < 10*time.Minute {
		return a, nil
	}
	return nil, errNotFound
}

// AuthRequestByCode hands out each code's request once. A second exchange
// of the same code revokes what the first one issued (RFC 6749 §4.1.2).
func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.codes[code]
	if !ok {
		return nil, errNotFound
	}
	if c.grantID != "" {
		s.revokeGrantLocked(c.grantID, "authorization code reuse")
		return nil, errors.New("authorization code already used")
	}
	a, ok := s.authRequests[c.authRequestID]
	if !ok || time.Since(a.created) > 10*time.Minute {
		return nil, errNotFound
	}
	a.code = code
	return a, nil
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.authRequests[id]; !ok {
		return errNotFound
	}
	s.codes[code] = &codeRecord{authRequestID: id}
	return nil
}

func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.authRequests, id)
	return nil
}

// approve marks the authorization request signed in as the fixture user.
func (s *storage) approve(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.authRequests[id]
	if !ok {
		return errNotFound
	}
	a.subject, a.done, a.authTime = s.subject, true, time.Now()
	return nil
}

// --- tokens ---

// CreateAccessToken issues an access token without a refresh token (a
// sign-in without offline_access).
func (s *storage) CreateAccessToken(_ context.Context, r op.TokenRequest) (string, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.grantForLocked(r)
	if err != nil {
		return "", time.Time{}, err
	}
	id, exp := s.newAccessLocked(g)
	return id, exp, nil
}

// CreateAccessAndRefreshTokens issues the tokens of a sign-in (current ==
// "") or of a refresh, spending current. The check that current is unspent
// and the spending happen under one lock: of two refreshes with the same
// token, exactly one succeeds and the other is replay, which revokes the
// grant, including what the first one just received.
func (s *storage) CreateAccessAndRefreshTokens(_ context.Context, r op.TokenRequest, current string) (string, string, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var g *grant
	if current == "" {
		var err error
		if g, err = s.grantForLocked(r); err != nil {
			return "", "", time.Time{}, err
		}
	} else {
		rt, ok := s.refresh[current]
		if !ok {
			return "", "", time.Time{}, oidc.ErrInvalidGrant().WithDescription("unknown refresh token")
		}
		if rt.spent {
			s.revokeGrantLocked(rt.grantID, "refresh token reuse")
			return "", "", time.Time{}, oidc.ErrInvalidGrant().WithDescription("refresh token already used; the grant is revoked")
		}
		g = s.grants[rt.grantID]
		if g == nil || g.revoked || time.Now().After(rt.expires) {
			return "", "", time.Time{}, oidc.ErrInvalidGrant().WithDescription("refresh token expired or revoked")
		}
		rt.spent = true
	}
	id, exp := s.newAccessLocked(g)
	token := randomID()
	s.refresh[token] = &refreshRecord{grantID: g.id, expires: time.Now().Add(s.refreshTTL)}
	return id, token, exp, nil
}

// grantForLocked starts the grant of a code exchange.
func (s *storage) grantForLocked(r op.TokenRequest) (*grant, error) {
	a, ok := r.(*authRequest)
	if !ok {
		return nil, oidc.ErrUnsupportedGrantType()
	}
	g := &grant{id: randomID(), subject: a.subject, clientID: a.req.ClientID, scopes: slices.Clone(a.req.Scopes), authTime: a.authTime, amr: []string{"pwd"}}
	s.grants[g.id] = g
	if c, ok := s.codes[a.code]; ok {
		c.grantID = g.id
	}
	return g, nil
}

func (s *storage) newAccessLocked(g *grant) (string, time.Time) {
	id := randomID()
	exp := time.Now().Add(s.accessTTL).Truncate(time.Second)
	s.access[id] = &accessRecord{grantID: g.id, expires: exp}
	return id, exp
}

// TokenRequestByRefreshToken finds the grant of a refresh token. A spent
// token is replay: the grant is revoked here already, before the library
// answers invalid_grant.
func (s *storage) TokenRequestByRefreshToken(_ context.Context, token string) (op.RefreshTokenRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := s.refresh[token]
	if !ok {
		return nil, op.ErrInvalidRefreshToken
	}
	if rt.spent {
		s.revokeGrantLocked(rt.grantID, "refresh token reuse")
		return nil, errors.New("refresh token already used; the grant is revoked")
	}
	g := s.grants[rt.grantID]
	if g == nil || g.revoked || time.Now().After(rt.expires) {
		return nil, errors.New("refresh token expired or revoked")
	}
	return &refreshRequest{g: *g, scopes: slices.Clone(g.scopes)}, nil
}

func (s *storage) revokeGrantLocked(id, reason string) {
	g := s.grants[id]
	if g == nil || g.revoked {
		return
	}
	g.revoked = true
	s.revocations = append(s.revocations, Revocation{Time: time.Now(), Grant: id, Reason: reason})
}

// TerminateSession ends every grant of the user with the client.
func (s *storage) TerminateSession(_ context.Context, userID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, g := range s.grants {
		if g.subject == userID && g.clientID == clientID {
			s.revokeGrantLocked(id, "end session")
		}
	}
	return nil
}

// refreshInfoPrefix marks the token id GetRefreshTokenInfo hands the library
// for RevokeToken, so that a refresh token's revocation ends its grant.
const refreshInfoPrefix = "grant:"

// GetRefreshTokenInfo knows spent refresh tokens too: a client revoking
// the refresh token it holds at sign-out ends the grant even if another
// tab rotated that token meanwhile.
func (s *storage) GetRefreshTokenInfo(_ context.Context, clientID, token string) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := s.refresh[token]
	if !ok {
		return "", "", op.ErrInvalidRefreshToken
	}
	g := s.grants[rt.grantID]
	if g == nil || g.clientID != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return g.subject, refreshInfoPrefix + g.id, nil
}

// RevokeToken ends a grant (for a refresh token, RFC 7009 §2.1) or one
// access token (by its jti). Unknown tokens are not an error (§2.2).
func (s *storage) RevokeToken(_ context.Context, tokenOrID, _ string, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gid, ok := strings.CutPrefix(tokenOrID, refreshInfoPrefix); ok {
		if g := s.grants[gid]; g != nil && g.clientID == clientID {
			s.revokeGrantLocked(gid, "revocation request")
		}
		return nil
	}
	if a, ok := s.access[tokenOrID]; ok {
		if g := s.grants[a.grantID]; g != nil && g.clientID == clientID {
			a.revoked = true
		}
	}
	return nil
}

// activeAccess reports whether the access token with the jti is unexpired,
// unrevoked and of a live grant, and for whom.
func (s *storage) activeAccess(jti string) (*grant, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.access[jti]
	if !ok || a.revoked || time.Now().After(a.expires) {
		return nil, false
	}
	g := s.grants[a.grantID]
	if g == nil || g.revoked {
		return nil, false
	}
	c := *g
	return &c, true
}

func (s *storage) setAccessTTL(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accessTTL = d
}

func (s *storage) Revocations() []Revocation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.revocations)
}

// --- keys ---

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return s.key, nil }
func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}
func (s *storage) KeySet(context.Context) ([]op.Key, error) { return []op.Key{publicKey{s.key}}, nil }

type rsaKey struct {
	id      string
	private *rsa.PrivateKey
}

func (k *rsaKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *rsaKey) Key() any                                    { return k.private }
func (k *rsaKey) ID() string                                  { return k.id }

type publicKey struct{ k *rsaKey }

func (p publicKey) ID() string                         { return p.k.id }
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (p publicKey) Use() string                        { return "sig" }
func (p publicKey) Key() any                           { return &p.k.private.PublicKey }

// --- clients and claims ---

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	if id != s.client.id {
		return nil, errors.New("unknown client")
	}
	return s.client, nil
}

// AuthorizeClientIDSecret: the only client is public and has no secret.
func (s *storage) AuthorizeClientIDSecret(context.Context, string, string) error {
	return errors.New("this server has only a public client: send client_id and no secret")
}

func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

func (s *storage) SetUserinfoFromToken(_ context.Context, u *oidc.UserInfo, _, subject, _ string) error {
	u.Subject = subject
	return nil
}

func (s *storage) SetIntrospectionFromToken(_ context.Context, r *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	if g, ok := s.activeAccess(tokenID); ok {
		r.Active, r.Subject, r.ClientID, r.Scope = true, subject, clientID, g.scopes
	}
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("no JWT profile keys")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("no JWT profile grant")
}

func (s *storage) Health(context.Context) error { return nil }

// authRequest is an authorization request in progress (op.AuthRequest).
type authRequest struct {
	id       string
	req      oidc.AuthRequest
	created  time.Time
	subject  string
	authTime time.Time
	done     bool
	code     string
}

func (a *authRequest) GetID() string         { return a.id }
func (a *authRequest) GetACR() string        { return "" }
func (a *authRequest) GetAMR() []string      { return []string{"pwd"} }
func (a *authRequest) GetAudience() []string { return []string{a.req.ClientID} }
func (a *authRequest) GetAuthTime() time.Time {
	return a.authTime
}
func (a *authRequest) GetClientID() string { return a.req.ClientID }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	return &oidc.CodeChallenge{Challenge: a.req.CodeChallenge, Method: a.req.CodeChallengeMethod}
}
func (a *authRequest) GetNonce() string                   { return a.req.Nonce }
func (a *authRequest) GetRedirectURI() string             { return a.req.RedirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType { return a.req.ResponseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode { return a.req.ResponseMode }
func (a *authRequest) GetScopes() []string                { return a.req.Scopes }
func (a *authRequest) GetState() string                   { return a.req.State }
func (a *authRequest) GetSubject() string                 { return a.subject }
func (a *authRequest) Done() bool                         { return a.done }

// refreshRequest is a refresh's view of its grant (op.RefreshTokenRequest).
type refreshRequest struct {
	g      grant
	scopes []string
}

func (r *refreshRequest) GetAMR() []string            { return r.g.amr }
func (r *refreshRequest) GetAudience() []string       { return []string{r.g.clientID} }
func (r *refreshRequest) GetAuthTime() time.Time      { return r.g.authTime }
func (r *refreshRequest) GetClientID() string         { return r.g.clientID }
func (r *refreshRequest) GetScopes() []string         { return r.scopes }
func (r *refreshRequest) GetSubject() string          { return r.g.subject }
func (r *refreshRequest) SetCurrentScopes(s []string) { r.scopes = s }
