package ui

// The token: kept in the chosen storage, refreshed, shared with other tabs, revoked.

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
)

// Token is the signed-in token, or nil when signed out.
func (s *Session) Token() *pkce.Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// SignedIn reports whether a token is held.
func (s *Session) SignedIn() bool { return s.Token() != nil }

// StorageError reports a token store the browser refused.
func (s *Session) StorageError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenErr
}

func (s *Session) tokenStore() (pkce.Store, error) { return s.browser.Store(s.opts.Storage) }

// readToken reads the stored token; (nil, nil) when there is none. A stored
// value that is not a token is dropped, not trusted.
func (s *Session) readToken() (*pkce.Token, error) {
	store, err := s.tokenStore()
	if err != nil {
		return nil, err
	}
	raw, ok, err := store.Get(keyToken)
	if err != nil || !ok {
		return nil, err
	}
	t, err := pkce.DecodeToken([]byte(raw))
	if err != nil {
		store.Delete(keyToken)
		return nil, nil
	}
	return t, nil
}

// loadToken refreshes the session's view of the stored token, and reports
// whether it changed.
func (s *Session) loadToken() bool {
	t, err := s.readToken()
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := !sameToken(s.token, t) || (err == nil) != (s.tokenErr == nil)
	if err != nil {
		s.tokenErr = err
		return changed
	}
	s.tokenErr = nil
	if !sameToken(s.token, t) {
		if s.token == nil || t == nil || s.token.Subject != t.Subject || s.token.SiteID != t.SiteID {
			s.resetOverview()
		}
		s.token = t
	}
	return changed
}

func sameToken(a, b *pkce.Token) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.AccessToken == b.AccessToken && a.RefreshToken == b.RefreshToken
}

func (s *Session) saveToken(t *pkce.Token) error {
	data, err := json.Marshal(t)
	if err != nil {
		return err
	}
	store, err := s.tokenStore()
	if err == nil {
		err = store.Set(keyToken, string(data))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.tokenErr = err
		return err
	}
	if s.token == nil || s.token.Subject != t.Subject || s.token.SiteID != t.SiteID {
		s.resetOverview()
	}
	s.token, s.tokenErr = t, nil
	return nil
}

// onMessage follows the page's other tabs.
func (s *Session) onMessage(msg string) {
	switch msg {
	case msgSignOut:
		if s.opts.Storage != StorageLocal {
			// Local storage is shared, so the other tab already deleted the
			// token there; session and memory storage are this tab's own.
			if store, err := s.tokenStore(); err == nil {
				store.Delete(keyToken)
			}
		}
		s.mu.Lock()
		s.token, s.rate = nil, nil
		s.resetOverview()
		s.mu.Unlock()
		s.changed()
	case msgToken, msgStorage + keyToken:
		if s.loadToken() {
			s.changed()
		}
	default:
		if strings.HasPrefix(msg, msgStorage+keyClientID) || msg == msgStorage+keySite {
			s.changed()
		}
	}
}

// Refresher returns the refresher that keeps the token fresh: it re-reads
// storage (another tab may have refreshed), saves what it gets, and takes the
// page-wide refresh lock.
func (s *Session) Refresher() (*pkce.Refresher, error) {
	t := s.Token()
	if t == nil {
		return nil, pkce.ErrNotSignedIn
	}
	flow, err := s.flowForToken(t)
	if err != nil {
		return nil, err
	}
	return &pkce.Refresher{
		Flow: flow,
		Load: func() (*pkce.Token, error) {
			s.loadToken()
			s.mu.Lock()
			defer s.mu.Unlock()
			return s.token, s.tokenErr
		},
		Save: func(t *pkce.Token) error {
			if err := s.saveToken(t); err != nil {
				return err
			}
			s.browser.Broadcast(msgToken)
			return nil
		},
		Locker: s.browser.Locker(),
	}, nil
}

// flowForToken is the flow a token was issued by: its site and client, even
// when Settings changed the client id since.
func (s *Session) flowForToken(t *pkce.Token) (*pkce.Flow, error) {
	site, err := s.Site(t.SiteID)
	if err != nil {
		return nil, err
	}
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return nil, err
	}
	return pkce.NewFlow(pkce.Config{Site: site, ClientID: t.ClientID, RedirectURI: s.RedirectURI(), Scopes: s.opts.Scopes}, local)
}

// API returns the user GraphQL API client of the signed-in site, over the
// refresher (bearer token, refresh on expiry and once on a 401).
func (s *Session) API() (*logsapi.Client, error) {
	t := s.Token()
	if t == nil {
		return nil, pkce.ErrNotSignedIn
	}
	key := t.SiteID + "|" + t.ClientID
	s.mu.Lock()
	if s.api != nil && s.apiFor == key {
		defer s.mu.Unlock()
		return s.api, nil
	}
	s.mu.Unlock()
	r, err := s.Refresher()
	if err != nil {
		return nil, err
	}
	site, err := s.Site(t.SiteID)
	if err != nil {
		return nil, err
	}
	c := logsapi.New(site.APIURL, r.Client(nil), site.Game)
	s.mu.Lock()
	s.api, s.apiFor = c, key
	s.mu.Unlock()
	return c, nil
}

// SignOut forgets the token here and in every tab, then revokes it where the
// site can. The person is signed out even when revocation fails; that
// failure is returned so it can be shown.
func (s *Session) SignOut(ctx context.Context) error {
	t := s.Token()
	store, err := s.tokenStore()
	if err == nil {
		err = store.Delete(keyToken)
	}
	s.mu.Lock()
	s.token, s.rate, s.api = nil, nil, nil
	s.resetOverview()
	s.mu.Unlock()
	s.browser.Broadcast(msgSignOut)
	s.changed()
	if err != nil {
		return err
	}
	if t == nil {
		return nil
	}
	flow, err := s.flowForToken(t)
	if err != nil {
		return err
	}
	return flow.Revoke(ctx, t)
}
