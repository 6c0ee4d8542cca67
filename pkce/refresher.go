package pkce

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
)

// Locker serialises refreshes across processes: in the browser, the Web Locks API
// across tabs. WithLock runs fn while holding the lock called name.
type Locker interface {
	WithLock(ctx context.Context, name string, fn func(ctx context.Context) error) error
}

// Refresher keeps one session's token fresh, for the browser app and tests alike.
// Refreshes are serialised (an in-process mutex, plus Locker when set) and, once the
// lock is held, the token is loaded again: if another tab already refreshed it, that
// token is used and no refresh request is sent, so a rotating refresh token is never
// spent twice.
type Refresher struct {
	Flow   *Flow
	Load   func() (*Token, error) // the current token from shared storage; (nil, nil) = signed out
	Save   func(*Token) error     // receives every new token: persist it
	Locker Locker                 // nil: in-process only

	mu sync.Mutex // held for a whole refresh

	// After a refresh whose Save failed, storage still holds the token whose refresh
	// token was spent; remember the replacement so the session is not lost.
	memo               sync.Mutex // guards spent and replacement, read without mu
	spent, replacement *Token
}

// Token returns a token that is not Expired, refreshing it under the lock if needed.
func (r *Refresher) Token(ctx context.Context) (*Token, error) {
	t, err := r.load()
	if err != nil {
		return nil, err
	}
	if !t.Expired(r.Flow.now()) {
		return t, nil
	}
	return r.refresh(ctx, func(cur *Token) bool { return !cur.Expired(r.Flow.now()) })
}

// Invalidate is for after the API rejected stale with a 401: it refreshes, unless
// storage already holds a different, unexpired token (another tab refreshed).
func (r *Refresher) Invalidate(ctx context.Context, stale *Token) (*Token, error) {
	return r.refresh(ctx, func(cur *Token) bool {
		return stale != nil && cur.AccessToken != stale.AccessToken && !cur.Expired(r.Flow.now())
	})
}

// lockName names the cross-tab lock for this site and client.
func (r *Refresher) lockName() string {
	c := r.Flow.cfg
	return "pkce.refresh." + c.Site.ID + "." + c.ClientID
}

// refresh takes the locks, re-loads, and refreshes unless fresh(current) holds.
func (r *Refresher) refresh(ctx context.Context, fresh func(*Token) bool) (*Token, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out *Token
	run := func(ctx context.Context) error {
		cur, err := r.load()
		if err != nil {
			return err
		}
		if fresh(cur) {
			out = cur
			return nil
		}
		nt, err := r.Flow.Refresh(ctx, cur)
		if err != nil {
			return err
		}
		r.remember(cur, nt)
		if r.Save != nil {
			if err := r.Save(nt); err != nil {
				return storageFailed("saving the renewed session", err)
			}
		}
		r.remember(nil, nil)
		out = nt
		return nil
	}
	var err error
	if r.Locker != nil {
		err = r.Locker.WithLock(ctx, r.lockName(), run)
	} else {
		err = run(ctx)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// load reads the current token, substituting an unsaved replacement for a token
// whose refresh token this Refresher already spent.
func (r *Refresher) load() (*Token, error) {
	if r.Load == nil {
		return nil, needsSignIn(ErrNotSignedIn)
	}
	t, err := r.Load()
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
// (RFC 6750 §2.1). On a 401 it calls Invalidate and retries once, with the request
// body rewound through Request.GetBody. base nil means http.DefaultTransport.
func (r *Refresher) Client(base http.RoundTripper) *http.Client {
	if base == nil {
		base = http.DefaultTransport
	}
	return &http.Client{Transport: &bearerTransport{r: r, base: base}}
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
	nt, err := b.r.Invalidate(req.Context(), tok)
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
