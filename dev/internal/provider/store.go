//go:build !js

package provider

import (
	"context"
	"sync"
	"time"

	"github.com/ory/fosite"
)

// store keeps fosite's codes, tokens and PKCE challenges in memory. fosite ships a memory
// store too, but it imports fosite's test helpers (and with them package testing and
// testify) into every binary that uses it.
//
// A grant is the chain of codes and tokens sharing fosite's request id. Revoking a grant
// revokes every token it ever issued, so a reused code or a replayed refresh token kills the
// whole family (RFC 6749 §4.1.2, RFC 9700 §4.14.2).
type store struct {
	mu      sync.Mutex
	clients map[string]fosite.Client
	codes   map[string]spendable
	pkce    map[string]fosite.Requester
	access  map[string]fosite.Requester // by signature
	refresh map[string]spendable        // by signature
}

// spendable is a code or refresh token: kept after use, marked spent, so that a replay
// can be recognised and the grant revoked.
type spendable struct {
	req    fosite.Requester
	active bool
}

func newStore() *store {
	return &store{
		clients: map[string]fosite.Client{},
		codes:   map[string]spendable{},
		pkce:    map[string]fosite.Requester{},
		access:  map[string]fosite.Requester{},
		refresh: map[string]spendable{},
	}
}

// fosite.ClientManager

func (s *store) GetClient(_ context.Context, id string) (fosite.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clients[id]; ok {
		return c, nil
	}
	return nil, fosite.ErrNotFound
}

// Client assertions (RFC 7523) are for confidential clients; this provider has none.
func (s *store) ClientAssertionJWTValid(context.Context, string) error { return nil }

func (s *store) SetClientAssertionJWT(context.Context, string, time.Time) error { return nil }

// oauth2.AuthorizeCodeStorage

func (s *store) CreateAuthorizeCodeSession(_ context.Context, sig string, req fosite.Requester) error {
	s.put(s.codes, sig, req)
	return nil
}

// GetAuthorizeCodeSession returns a used code's request with ErrInvalidatedAuthorizeCode:
// fosite needs it to revoke what the code issued.
func (s *store) GetAuthorizeCodeSession(_ context.Context, sig string, into fosite.Session) (fosite.Requester, error) {
	return s.get(s.codes, sig, into, fosite.ErrInvalidatedAuthorizeCode)
}

func (s *store) InvalidateAuthorizeCodeSession(_ context.Context, sig string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.codes[sig]
	if !ok {
		return fosite.ErrNotFound
	}
	c.active = false
	s.codes[sig] = c
	return nil
}

// pkce.PKCERequestStorage

func (s *store) CreatePKCERequestSession(_ context.Context, sig string, req fosite.Requester) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pkce[sig] = req
	return nil
}

func (s *store) GetPKCERequestSession(_ context.Context, sig string, _ fosite.Session) (fosite.Requester, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.pkce[sig]; ok {
		return r, nil
	}
	return nil, fosite.ErrNotFound
}

func (s *store) DeletePKCERequestSession(_ context.Context, sig string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.pkce, sig)
	return nil
}

// oauth2.AccessTokenStorage

func (s *store) CreateAccessTokenSession(_ context.Context, sig string, req fosite.Requester) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.access[sig] = req
	return nil
}

func (s *store) GetAccessTokenSession(_ context.Context, sig string, into fosite.Session) (fosite.Requester, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.access[sig]; ok {
		hydrate(into, r)
		return r, nil
	}
	return nil, fosite.ErrNotFound
}

func (s *store) DeleteAccessTokenSession(_ context.Context, sig string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.access, sig)
	return nil
}

// oauth2.RefreshTokenStorage

func (s *store) CreateRefreshTokenSession(_ context.Context, sig, _ string, req fosite.Requester) error {
	s.put(s.refresh, sig, req)
	return nil
}

// GetRefreshTokenSession returns a spent token's request with ErrInactiveToken: fosite
// needs it to revoke the family of a replayed token.
func (s *store) GetRefreshTokenSession(_ context.Context, sig string, into fosite.Session) (fosite.Requester, error) {
	return s.get(s.refresh, sig, into, fosite.ErrInactiveToken)
}

func (s *store) put(m map[string]spendable, sig string, req fosite.Requester) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m[sig] = spendable{req: req, active: true}
}

func (s *store) get(m map[string]spendable, sig string, into fosite.Session, spent error) (fosite.Requester, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := m[sig]
	if !ok {
		return nil, fosite.ErrNotFound
	}
	hydrate(into, e.req)
	if !e.active {
		return e.req, spent
	}
	return e.req, nil
}

func (s *store) DeleteRefreshTokenSession(_ context.Context, sig string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.refresh, sig)
	return nil
}

// RotateRefreshToken spends the refresh token just used and the grant's access tokens;
// fosite then stores the new pair.
func (s *store) RotateRefreshToken(_ context.Context, requestID, sig string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.refresh[sig]; ok {
		r.active = false
		s.refresh[sig] = r
	}
	s.revokeAccessLocked(requestID)
	return nil
}

// oauth2.TokenRevocationStorage

func (s *store) RevokeRefreshToken(_ context.Context, requestID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for sig, r := range s.refresh {
		if r.req.GetID() == requestID {
			r.active = false
			s.refresh[sig] = r
		}
	}
	return nil
}

func (s *store) RevokeAccessToken(_ context.Context, requestID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revokeAccessLocked(requestID)
	return nil
}

func (s *store) revokeAccessLocked(requestID string) {
	for sig, r := range s.access {
		if r.GetID() == requestID {
			delete(s.access, sig)
		}
	}
}

// hydrate copies the stored session into the one fosite passed in, as fosite's SQL stores
// do. fosite relies on it: the token endpoint checks a code's expiry against the session it
// passed before it swaps in the stored request, so without this an expired code would be
// reported as invalid_request instead of invalid_grant (RFC 6749 §5.2).
func hydrate(into fosite.Session, from fosite.Requester) {
	dst, ok := into.(*session)
	if !ok || dst == nil || from == nil {
		return
	}
	if src, ok := from.GetSession().(*session); ok && src != nil {
		*dst = *src.Clone().(*session)
	}
}
