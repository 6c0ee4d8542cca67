package session

// The token: where it is kept, how the tabs agree on it, and how it is renewed
// exactly once.
//
// Where it lives:
//   - The authority, read under the session lock by refreshes, sign-ins and
//     sign-outs. With StorageLocal it is Shared (IndexedDB) under sharedToken,
//     so a tab that takes the lock sees what the previous holder wrote; with
//     StorageSession and StorageMemory it is this tab's own store, which no
//     other tab can write.
//   - The mirror (StorageLocal): local storage under keyToken, written after
//     the authority. It is read synchronously as the page starts, so the first
//     render knows who is signed in, and its storage events wake other tabs.
//     It is never trusted for a decision taken under the lock.
//   - s.token, this page's view: the mirror at start, the authority after.
//
// Shared also keeps the ledger of spent refresh tokens (spentPrefix + a hash
// of the token, never the token) that pkce.Refresher's Spend consults: see
// pkce.Refresher for why the three rules make a rotating refresh token spent at
// most once across tabs, duplicated tabs included.

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// Keys in Shared.
const (
	sharedToken = "token"  // the signed-in token (StorageLocal)
	sharedInit  = "init"   // present once Shared holds the authority (see loadAuthority)
	spentPrefix = "spent." // + hash of a refresh token: when it was sent
	donePrefix  = "done."  // + state: a finished callback, its return path
)

// ledgerTTL is how long a spent refresh token is remembered: longer than any
// refresh token the Logs sites issue is used unrefreshed, so a tab duplicated
// long ago still finds the record.
const ledgerTTL = 400 * 24 * time.Hour

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

// readStore reads the token kept under keyToken in the chosen storage; (nil,
// nil) when there is none. A stored value that is not a token is dropped, not
// trusted.
func (s *Session) readStore() (*pkce.Token, error) {
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

// loadMirror sets the page's view from the chosen storage, synchronously, and
// reports whether it changed.
func (s *Session) loadMirror() bool {
	t, err := s.readStore()
	if err != nil {
		s.mu.Lock()
		changed := s.tokenErr == nil
		s.tokenErr = err
		s.mu.Unlock()
		return changed
	}
	if t != nil {
		if _, pending := s.pendingSignOut(); pending {
			t = nil // signed out, whatever a tab wrote since (signout_pending.go)
		}
	}
	return s.adopt(t)
}

// adopt makes t the page's view and reports whether that changed it. While a
// sign-out is under way, a token (from a refresh that was already out) is not
// adopted: the person asked to be signed out, and is shown so at once.
func (s *Session) adopt(t *pkce.Token) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t != nil && s.ended != nil && sameToken(s.ended, t) {
		// The session this token carried has ended: re-reading it from
		// storage must not sign the page in again, or every API caller
		// would take turns ending it and taking it up (a loop of 401s).
		t = nil
	}
	if t != nil && s.signingOut {
		return false
	}
	changed := !sameToken(s.token, t) || s.tokenErr != nil
	s.tokenErr = nil
	if !sameToken(s.token, t) {
		if s.token == nil || t == nil || s.token.Subject != t.Subject || s.token.SiteID != t.SiteID {
			s.resetOverview()
			s.api = nil
			// The last visit's data for this person, shown until the fresh
			// request answers (overview_cache.go).
			s.overview.data, s.overview.at = s.loadOverview(t, time.Now())
		}
		s.token = t
		if t == nil {
			s.forgetOverview()
			s.rate = nil
		}
	}
	return changed
}

// isEnded reports whether t is the token NoteError found dead.
func (s *Session) isEnded(t *pkce.Token) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ended != nil && sameToken(s.ended, t)
}

func sameToken(a, b *pkce.Token) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.AccessToken == b.AccessToken && a.RefreshToken == b.RefreshToken
}

func encodeToken(t *pkce.Token) (string, error) {
	data, err := json.Marshal(t)
	return string(data), err
}

// loadAuthority reads the authority (see the top of this file) and updates the
// page's view from it.
func (s *Session) loadAuthority(ctx context.Context) (*pkce.Token, error) {
	t, err := s.readAuthority(ctx)
	if err == nil && t != nil && s.isEnded(t) {
		t = nil // not to be sent again (adopt)
	}
	if err == nil && t != nil {
		if _, pending := s.pendingSignOut(); pending {
			t = nil // the person signed out; FinishSignOut deletes it
		}
	}
	if err == nil && s.adopt(t) {
		s.changed()
	}
	return t, err
}

// readAuthority reads the authority. The first time Shared is used on a
// browser it takes over the token the mirror holds, so a sign-in made before
// Shared existed survives.
func (s *Session) readAuthority(ctx context.Context) (*pkce.Token, error) {
	if s.opts.Storage != StorageLocal {
		return s.readStore()
	}
	sh := s.browser.Shared()
	var t *pkce.Token
	raw, ok, err := sh.Get(ctx, sharedToken)
	if err == nil && !ok {
		if _, inited, ierr := sh.Get(ctx, sharedInit); ierr == nil && !inited {
			s.migrateMirror(ctx)
			raw, ok, err = sh.Get(ctx, sharedToken)
		}
	}
	if err != nil {
		return nil, err
	}
	if ok {
		if t, err = pkce.DecodeToken([]byte(raw)); err != nil {
			t = nil
		}
	}
	return t, nil
}

// migrateMirror copies a token the mirror holds into Shared when Shared has
// never held the authority (a browser signed in before it existed).
func (s *Session) migrateMirror(ctx context.Context) {
	if s.opts.Storage != StorageLocal {
		return
	}
	sh := s.browser.Shared()
	if _, ok, err := sh.Get(ctx, sharedInit); err != nil || ok {
		return
	}
	mirror, err := s.readStore()
	if err != nil || mirror == nil {
		return
	}
	enc, err := encodeToken(mirror)
	if err != nil {
		return
	}
	sh.Update(ctx, sharedToken, func(cur string, ok bool) (string, bool, error) {
		if ok {
			return cur, true, nil
		}
		return enc, true, nil
	})
	sh.Update(ctx, sharedInit, func(string, bool) (string, bool, error) { return "1", true, nil })
}

// store writes t (nil: deletes) as the authority, by compare-and-swap: when
// old is not nil and the authority no longer holds old, nothing is written and
// the error is pkce.ErrSuperseded. old nil writes whatever is there (a new
// sign-in). Then the mirror, the page's view and the other tabs follow. Call it
// under the session lock.
func (s *Session) store(ctx context.Context, old, t *pkce.Token) error {
	enc := ""
	if t != nil {
		var err error
		if enc, err = encodeToken(t); err != nil {
			return err
		}
	}
	matches := func(cur *pkce.Token) bool { return old == nil || sameToken(cur, old) }
	store, err := s.tokenStore()
	if err != nil {
		s.setTokenErr(err)
		return err
	}
	if s.opts.Storage == StorageLocal {
		err = s.browser.Shared().Update(ctx, sharedToken, func(cur string, ok bool) (string, bool, error) {
			var curTok *pkce.Token
			if ok {
				curTok, _ = pkce.DecodeToken([]byte(cur))
			}
			if !matches(curTok) {
				return cur, ok, pkce.ErrSuperseded
			}
			return enc, t != nil, nil
		})
		if err != nil {
			return err
		}
		// From now on Shared holds the authority: a mirror left over in
		// some tab's copy of local storage is never taken over again.
		s.browser.Shared().Update(ctx, sharedInit, func(string, bool) (string, bool, error) { return "1", true, nil })
	} else {
		cur, err := s.readStore()
		if err != nil {
			s.setTokenErr(err)
			return err
		}
		if !matches(cur) {
			return pkce.ErrSuperseded
		}
	}
	// A refresh that lands after the person signed out (its tab held the
	// lock first) keeps its token in the authority, for the sign-out to
	// spend and delete, but no page shows it (signout_pending.go).
	_, signingOut := s.pendingSignOut()
	quiet := signingOut && old != nil && t != nil
	if t == nil {
		err = store.Delete(keyToken)
	} else if !quiet || s.opts.Storage != StorageLocal {
		err = store.Set(keyToken, enc) // the mirror; with session storage, the authority
	}
	if err != nil {
		s.setTokenErr(err)
		if s.opts.Storage != StorageLocal {
			return err // the authority itself failed
		}
	}
	if old == nil && t != nil {
		s.clearSignOutMark() // a new sign-in: no earlier sign-out ends it
	}
	if !quiet {
		s.adopt(t)
	}
	return nil
}

func (s *Session) setTokenErr(err error) {
	s.mu.Lock()
	s.tokenErr = err
	s.mu.Unlock()
}

// spend records t's refresh token in the ledger (pkce.Refresher.Spend).
func (s *Session) spend(ctx context.Context, t *pkce.Token) error {
	if t == nil || t.RefreshToken == "" {
		return nil
	}
	now := time.Now()
	return s.browser.Shared().Update(ctx, spentKey(t.RefreshToken), func(cur string, ok bool) (string, bool, error) {
		if ok {
			// Another tab's renewed token can appear here only when the
			// authority is shared (StorageLocal); otherwise do not wait for it.
			var at time.Time
			if s.opts.Storage == StorageLocal {
				at, _ = time.Parse(time.RFC3339Nano, cur)
			}
			return cur, true, &pkce.SpentError{At: at}
		}
		return now.UTC().Format(time.RFC3339Nano), true, nil
	})
}

// spentKey names a refresh token in the ledger by its SHA-256: the ledger
// must not be a second copy of the secret.
func spentKey(refreshToken string) string {
	sum := sha256.Sum256([]byte(refreshToken))
	return spentPrefix + base64.RawURLEncoding.EncodeToString(sum[:18])
}

// withLock runs fn under the session lock of a site and client: the one lock
// refreshes, sign-ins and sign-outs of that session take.
func (s *Session) withLock(ctx context.Context, siteID, clientID string, fn func(ctx context.Context) error) error {
	return s.browser.Locker().WithLock(ctx, pkce.LockName(siteID, clientID), fn)
}

// Refresher returns the refresher that keeps the token fresh: it loads the
// authority under the session lock, records every refresh token before it is
// sent, and saves by compare-and-swap (see pkce.Refresher for why that spends
// a rotating refresh token at most once across tabs).
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
		Flow:  flow,
		Load:  s.loadAuthority,
		Spend: s.spend,
		Save: func(ctx context.Context, old, renewed *pkce.Token) error {
			if err := s.store(ctx, old, renewed); err != nil {
				return err
			}
			s.browser.Broadcast(msgToken)
			s.changed()
			return nil
		},
		Locker: s.browser.Locker(),
	}, nil
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
		if s.adopt(nil) {
			s.changed()
		}
	case msgToken, msgStorage + keyToken:
		if s.opts.Storage != StorageLocal {
			return // another tab's token is not this tab's
		}
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if _, err := s.loadAuthority(ctx); err != nil && s.loadMirror() {
				s.changed()
			}
		}()
	default:
		if strings.HasPrefix(msg, msgStorage+keyClientID) || msg == msgStorage+keySite || msg == msgStorage+keySignInSeen {
			s.changed()
		}
	}
}

// pruneShared forgets ledger records older than ledgerTTL and finished
// callbacks older than pkce.PendingTTL.
func (s *Session) pruneShared(ctx context.Context, now time.Time) {
	sh := s.browser.Shared()
	s.migrateMirror(ctx)
	for prefix, ttl := range map[string]time.Duration{spentPrefix: ledgerTTL, donePrefix: pkce.PendingTTL} {
		keys, err := sh.Keys(ctx, prefix)
		if err != nil {
			continue
		}
		for _, k := range keys {
			sh.Update(ctx, k, func(cur string, ok bool) (string, bool, error) {
				at, err := time.Parse(time.RFC3339Nano, strings.SplitN(cur, " ", 2)[0])
				return cur, ok && err == nil && now.Sub(at) < ttl, nil
			})
		}
	}
}

// errSessionEnded reports whether err means this page's copy of the session
// is over (the refresh token was spent elsewhere, or the site refused it).
func errSessionEnded(err error) bool { return errors.Is(err, pkce.ErrSignInAgain) }
