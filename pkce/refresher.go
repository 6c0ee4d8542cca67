package pkce

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// Locker serialises refreshes across processes: in the browser, the Web Locks API
// across tabs. WithLock runs fn while holding the lock called name.
type Locker interface {
	WithLock(ctx context.Context, name string, fn func(ctx context.Context) error) error
}

// Refresher keeps one session's token fresh, for the browser app and tests alike,
// so that a rotating refresh token (RFC 6749 §10.4, RFC 9700 §4.14.2) is sent at
// most once, whatever the number of tabs and however they are timed.
//
// Why it is correct. Three rules, each enforced by the caller's storage rather
// than by timing:
//
//  1. Spend is the only way to the token endpoint: before a refresh token is sent,
//     Spend records it as spent in storage every tab sees, atomically, and fails
//     with ErrRefreshTokenSpent if it was recorded already. Two tabs (or a tab and
//     its duplicate) can therefore never both send the same refresh token, even
//     when Locker is missing, slow or lapsed: at most one Spend succeeds.
//  2. Save is a compare-and-swap: it replaces the stored token only if the stored
//     token is still the one that was refreshed, and otherwise reports ErrSuperseded
//     and writes nothing. A refresh that ends after a sign-out, or after a newer
//     sign-in, cannot write its token back.
//  3. Load, under the lock, returns the newest token: the lock only lets the next
//     tab in after the previous holder's Save completed, so a tab that waited for
//     the lock finds the renewed token and uses it without a request.
//
// Locker makes the common case cheap (tabs wait instead of failing Spend); rules 1
// and 2 keep it correct when it cannot. Sign-in and sign-out should take the same
// lock (see LockName), so that they and refreshes are one sequence.
type Refresher struct {
	Flow *Flow
	// Load returns the newest stored token; (nil, nil) = signed out. Under Locker
	// it must see what the lock's previous holder saved (in the browser:
	// IndexedDB, not localStorage, whose copies in other tabs lag).
	Load func(ctx context.Context) (*Token, error)
	// Spend records t's refresh token as spent just before it is sent, and
	// returns ErrRefreshTokenSpent if it was spent already. nil: no ledger (a
	// single process, where the mutex below suffices).
	Spend func(ctx context.Context, t *Token) error
	// Save replaces old by renewed if old is still the stored token, else
	// returns ErrSuperseded without writing.
	Save func(ctx context.Context, old, renewed *Token) error
	// Locker serialises refreshes across tabs; nil: in-process only.
	Locker Locker

	mu sync.Mutex // held for a whole refresh

	// After a refresh whose Save failed (storage full, say), storage still holds
	// the token whose refresh token was spent; remember the replacement so this
	// page keeps its session.
	memo               sync.Mutex // guards spent and replacement, read without mu
	spent, replacement *Token
}

// Token returns a token that is not Expired, refreshing it under the lock if needed.
func (r *Refresher) Token(ctx context.Context) (*Token, error) {
	t, err := r.load(ctx)
	if err != nil {
		return nil, err
	}
	if !t.Expired(r.Flow.now()) {
		return t, nil
	}
	return r.refresh(ctx, func(cur *Token) bool { return !cur.Expired(r.Flow.now()) })
}

// RefreshRejected is for after the API rejected stale with a 401 (RFC 6750 §3.1):
// it returns a newer token, refreshing unless storage already holds a different,
// unexpired one (another tab refreshed).
func (r *Refresher) RefreshRejected(ctx context.Context, stale *Token) (*Token, error) {
	return r.refresh(ctx, func(cur *Token) bool {
		return stale != nil && cur.AccessToken != stale.AccessToken && !cur.Expired(r.Flow.now())
	})
}

// LockName is the cross-tab lock of a provider and client: refreshes, sign-ins
// and sign-outs of one session all take it.
func LockName(providerID, clientID string) string {
	return "pkce.session." + providerID + "." + clientID
}

// refresh takes the locks, re-loads, and refreshes unless fresh(current) holds.
func (r *Refresher) refresh(ctx context.Context, fresh func(*Token) bool) (*Token, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out *Token
	run := func(ctx context.Context) error {
		cur, err := r.load(ctx)
		if err != nil {
			return err
		}
		if fresh(cur) {
			out = cur
			return nil
		}
		if r.Spend != nil {
			if err := r.Spend(ctx, cur); err != nil {
				if !errors.Is(err, ErrRefreshTokenSpent) {
					return storageFailed("recording the refresh", err)
				}
				// Someone else sent this refresh token. If they leave the
				// renewed token where we can see it, use it; otherwise this
				// copy of the session is over (a duplicated tab, say).
				if now := r.awaitRenewed(ctx, cur, err, fresh); now != nil {
					out = now
					return nil
				}
				return needsSignIn(err)
			}
		}
		nt, err := r.Flow.Refresh(ctx, cur)
		if err != nil {
			return err
		}
		r.remember(cur, nt)
		if r.Save != nil {
			if err := r.Save(ctx, cur, nt); err != nil {
				r.remember(nil, nil)
				if errors.Is(err, ErrSuperseded) {
					// Signed out, or signed in anew, while the request was out:
					// the renewed token belongs to a session that has ended.
					if now, lerr := r.load(ctx); lerr == nil && fresh(now) {
						out = now
						return nil
					}
					return needsSignIn(err)
				}
				r.remember(cur, nt)
				return storageFailed("saving the renewed session", err)
			}
		}
		r.remember(nil, nil)
		out = nt
		return nil
	}
	var err error
	if r.Locker != nil {
		c := r.Flow.cfg
		err = r.Locker.WithLock(ctx, LockName(c.Provider.ID, c.ClientID), run)
	} else {
		err = run(ctx)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SpentWait bounds how long a refresh whose token another tab has just spent
// waits for that tab's renewed token to appear (when the lock could not keep
// them apart): about the longest a token request may take.
const SpentWait = 30 * time.Second

// awaitRenewed returns the renewed token once storage holds one that replaces
// cur, or nil: at once when the refresh token was spent long ago (nobody is
// still renewing it) or Spend gave no time (the renewed token cannot appear
// here: a duplicated tab's private copy, say), else within SpentWait of the
// spending.
func (r *Refresher) awaitRenewed(ctx context.Context, cur *Token, spent error, fresh func(*Token) bool) *Token {
	var se *SpentError
	if !errors.As(spent, &se) || se.At.IsZero() {
		return nil
	}
	deadline := se.At.Add(SpentWait)
	for {
		if now, err := r.load(ctx); err == nil && now.RefreshToken != cur.RefreshToken && fresh(now) {
			return now
		}
		if !r.Flow.now().Before(deadline) {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// load reads the current token, substituting an unsaved replacement for a token
// whose refresh token this Refresher already spent.
func (r *Refresher) load(ctx context.Context) (*Token, error) {
	if r.Load == nil {
		return nil, needsSignIn(ErrNotSignedIn)
	}
	t, err := r.Load(ctx)
	if err != nil {
		return nil, storageFailed("reading the session", err)
	}
	if t == nil {
		return nil, needsSignIn(ErrNotSignedIn)
	}
	r.memo.Lock()
	defer r.memo.Unlock()
	if s := r.spent; s != nil && r.replacement != nil && s.AccessToken == t.AccessToken && s.RefreshToken == t.RefreshToken {
		return r.replacement, nil
	}
	return t, nil
}

func (r *Refresher) remember(spent, replacement *Token) {
	r.memo.Lock()
	r.spent, r.replacement = spent, replacement
	r.memo.Unlock()
}

// Client returns an HTTP client that sends the current token as a Bearer token
// (RFC 6750 §2.1). On a 401 it calls RefreshRejected and retries once, with the request
// body rewound through Request.GetBody. base nil means http.DefaultTransport.
// It never follows a redirect, which would carry the token along: one comes
// back as a *RedirectError (EndpointAPI).
func (r *Refresher) Client(base http.RoundTripper) *http.Client {
	return &http.Client{
		Transport:     &bearerTransport{r: r, base: NoRedirects(base, EndpointAPI)},
		CheckRedirect: refuseRedirects(EndpointAPI),
	}
}

type bearerTransport struct {
	r    *Refresher
	base http.RoundTripper
}

func (b *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	tok, err := b.r.Token(req.Context())
	if err != nil {
		closeBody(req)
		return nil, err
	}
	first := req.Clone(req.Context())
	first.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err := b.base.RoundTrip(first)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return resp, nil // cannot replay the body: let the caller see the 401
	}
	nt, err := b.r.RefreshRejected(req.Context(), tok)
	if err != nil {
		if errors.Is(err, ErrSignInAgain) {
			resp.Body.Close()
			return nil, err
		}
		return resp, nil // keep the 401: a transient refresh failure is not the answer
	}
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return resp, nil
		}
		retry.Body = body
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	retry.Header.Set("Authorization", "Bearer "+nt.AccessToken)
	return b.base.RoundTrip(retry)
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}
