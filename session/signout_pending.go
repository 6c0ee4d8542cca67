package session

// A sign-out outlives the page that began it.
//
// SignOut shows the person signed out at once, but forgetting the token for
// good (the authority, under the session lock, which a refresh in another tab
// may hold) and revoking it at the site (RFC 7009 §2) take a while. A page
// reloaded, closed or crashed in between used to leave the token where it was,
// and the next page was signed in again: on a shared computer, the next person
// was. So before it waits for anything, SignOut leaves a sign-out mark
// (keySignOut) in the token's Web Storage and deletes the mirror, both
// synchronously (markSignOut):
//
//   - While the mark is there, no page takes up a token from the authority
//     (loadAuthority), whichever tab or refresh wrote it: the person asked to be
//     signed out.
//   - The page's early script sees the mark (SignOutHint) and loads the full
//     build, whose start calls FinishSignOut: under the lock it spends and
//     deletes what the authority still holds, revokes it at the site and
//     removes the mark.
//   - A new sign-in removes the mark as it stores its token (store), under the
//     same lock, so the mark never ends a session begun after it.

import (
	"context"
	"encoding/json"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// keySignOut is the sign-out mark, in the token's Web Storage.
const keySignOut = "pkcelogs.signout"

// signOutMark is what keySignOut holds: whose session was ended (the lock to
// take) and when. Never a token.
type signOutMark struct {
	SiteID   string    `json:"site"`
	ClientID string    `json:"client"`
	At       time.Time `json:"at"`
}

// SignOutHint says where a page that has not started the app yet finds a
// sign-out begun and not finished: the key in the Web Storage object named by
// storage (see WebStorageOf; "" for memory storage, which nothing outlives).
// The page then loads the build that can finish it (FinishSignOut revokes).
func SignOutHint(opts Options) (storage, key string) {
	storage, _ = SignedInHint(opts)
	if storage == "" {
		return "", ""
	}
	return storage, keySignOut
}

// markSignOut leaves the sign-out mark for t's session and, with local
// storage, deletes the mirror (so other tabs hear of it at once),
// synchronously. With session storage the token stays until the sign-out
// deletes it under the lock: it is the authority, and FinishSignOut needs it
// to revoke. A storage that refuses leaves the rest of the sign-out to run as
// before.
func (s *Session) markSignOut(t *pkce.Token) {
	store, err := s.tokenStore()
	if err != nil {
		return
	}
	if data, err := json.Marshal(signOutMark{SiteID: t.SiteID, ClientID: t.ClientID, At: time.Now().UTC()}); err == nil {
		store.Set(keySignOut, string(data))
	}
	if s.opts.Storage == StorageLocal {
		store.Delete(keyToken)
	}
}

// pendingSignOut reads the sign-out mark: ok is false when there is none
// (or what is there is not a mark, which is then dropped).
func (s *Session) pendingSignOut() (m signOutMark, ok bool) {
	store, err := s.tokenStore()
	if err != nil {
		return m, false
	}
	raw, ok, err := store.Get(keySignOut)
	if err != nil || !ok {
		return m, false
	}
	if json.Unmarshal([]byte(raw), &m) != nil || m.SiteID == "" {
		store.Delete(keySignOut)
		return m, false
	}
	return m, true
}

// clearSignOutMark removes the sign-out mark.
func (s *Session) clearSignOutMark() {
	if store, err := s.tokenStore(); err == nil {
		store.Delete(keySignOut)
	}
}

// FinishSignOut completes a sign-out an earlier page began and could not
// finish (see the top of this file): under the session lock it spends and
// deletes the token the authority still holds and removes the mark, then
// revokes that token at the site where the site can. done is false when no
// sign-out was pending (or a new sign-in has since replaced it). The outcome
// becomes the session's notice, as SignOut's does.
func (s *Session) FinishSignOut(ctx context.Context) (res SignOutResult, done bool, err error) {
	m, ok := s.pendingSignOut()
	if !ok {
		return res, false, nil
	}
	var cur *pkce.Token
	err = s.withLock(ctx, m.SiteID, m.ClientID, func(ctx context.Context) error {
		if _, still := s.pendingSignOut(); !still {
			return nil // a sign-in stored its token and took the mark away
		}
		done = true
		var err error
		if cur, err = s.readAuthority(ctx); err != nil {
			return err
		}
		s.spend(ctx, cur)
		if err := s.store(ctx, nil, nil); err != nil {
			return err
		}
		s.clearSignOutMark()
		return nil
	})
	if done && err == nil {
		s.clearCaches(ctx) // the page that began the sign-out may not have
	}
	if err != nil || cur == nil {
		return res, done, err
	}
	site, _ := s.Site(cur.SiteID)
	res = SignOutResult{Site: site, CanRevoke: site.RevokeURL != "", Expiry: cur.Expiry}
	if res.CanRevoke {
		flow, err := s.flowForToken(cur)
		if err == nil {
			err = flow.Revoke(ctx, cur)
		}
		res.RevokeErr, res.Revoked = err, err == nil
	}
	s.setNotice(res)
	s.changed()
	return res, true, nil
}
