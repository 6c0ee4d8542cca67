package session

// Starting a sign-in, finishing it on the callback page, and signing out.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// SignIn starts a sign-in to a site and sends this tab to the site's
// authorize page. returnTo is the path to come back to afterwards.
func (s *Session) SignIn(siteID, returnTo string) error {
	flow, err := s.Flow(siteID)
	if err != nil {
		return err
	}
	authorizeURL, err := flow.Start(SafeReturnPath(returnTo, s.opts))
	if errors.Is(err, pkce.ErrStorage) {
		// pkce words every storage failure alike; ask the store itself
		// whether it is full or disabled, which the person can act on.
		if perr := s.probeLocal(); perr != nil {
			return perr
		}
	}
	if err != nil {
		return err
	}
	if local, err := s.browser.Store(StorageLocal); err == nil {
		local.Set(keySite, siteID)
	}
	s.settleShared()
	return s.browser.Assign(authorizeURL)
}

// settleShared waits, briefly, until the page's connection to Shared is open
// before the page navigates away. Leaving while IndexedDB is still creating
// the database (the page's first open) strands that request in Chromium's
// back-forward cache, and every later open of the database, the callback
// page's included, queues behind it for good (seen in the e2e suite: the code
// exchange waited 30 s). Opening takes milliseconds, so the wait is short.
func (s *Session) settleShared() {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	s.browser.Shared().Get(ctx, sharedInit)
}

// SafeReturnPath keeps returnTo only when it is a path of this app: a local
// path in clean form (pkce.LocalPath: never another origin, never one with
// dot or empty segments that a browser would resolve to a network-path
// reference "//host"), under the base path, and not the callback page itself.
func SafeReturnPath(returnTo string, opts Options) string {
	home := opts.Path(PathHome)
	u, err := url.Parse(returnTo)
	if err != nil || returnTo == "" || pkce.LocalPath(returnTo) != returnTo || strings.Contains(returnTo, `\`) {
		return home
	}
	if u.Path == opts.Path(PathCallback) {
		return home
	}
	if opts.BasePath != "" && u.Path != opts.BasePath && !strings.HasPrefix(u.Path, opts.BasePath+"/") {
		return home
	}
	return u.RequestURI()
}

// CallbackResult is how a callback page ended.
type CallbackResult struct {
	ReturnTo string // where to go now: the path the sign-in started from
	// Already is true when this address had been used (another tab, a reload,
	// the back button) and the person is signed in: nothing was exchanged,
	// and they simply go on.
	Already bool
}

type callbackRun struct {
	done chan struct{}
	sent chan struct{} // closed once the token request has gone out, or done
	once sync.Once
	res  CallbackResult
	err  error
}

// markSent closes sent, once.
func (r *callbackRun) markSent() { r.once.Do(func() { close(r.sent) }) }

// BeginCallback starts finishing the sign-in the address bar carries, once per
// page, whoever calls it first: main before go-app boots (so the token request
// travels while the page starts), or the Callback component. It first takes
// code and state out of the address bar: nothing secret lingers in the
// history or a bookmark, whatever happens next.
func (s *Session) BeginCallback() {
	s.mu.Lock()
	if s.callback != nil {
		s.mu.Unlock()
		return
	}
	run := &callbackRun{done: make(chan struct{}), sent: make(chan struct{})}
	s.callback = run
	s.mu.Unlock()
	raw := s.browser.Location()
	if clean := pkce.CleanURL(raw); clean != raw {
		s.browser.ReplaceURL(clean)
	}
	go func() {
		defer close(run.done)
		defer run.markSent()
		ctx, cancel := context.WithTimeout(context.Background(), ExchangeTimeout)
		defer cancel()
		run.res, run.err = s.finish(ctx, raw, run.markSent)
	}()
}

// AwaitCallbackSent waits, at most d, until the exchange BeginCallback started
// has sent its token request or has ended; without one it returns at once.
// In a browser one goroutine runs at a time: a page that starts drawing
// itself straight after BeginCallback keeps the exchange from reaching the
// network (it waits on the lock and storage first) until the drawing is done.
// Waiting here first lets the request travel while the page draws.
func (s *Session) AwaitCallbackSent(d time.Duration) {
	s.mu.Lock()
	run := s.callback
	s.mu.Unlock()
	if run == nil {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-run.sent:
	case <-t.C:
	}
}

// CallbackResult waits for the callback BeginCallback started (starting it
// if nobody has) and returns its outcome.
func (s *Session) CallbackResult(ctx context.Context) (CallbackResult, error) {
	s.BeginCallback()
	s.mu.Lock()
	run := s.callback
	s.mu.Unlock()
	select {
	case <-run.done:
		return run.res, run.err
	case <-ctx.Done():
		return CallbackResult{}, ctx.Err()
	}
}

// finish completes the sign-in rawURL carries: one exchange across every tab.
//
// The pending sign-in names the site and client (it may have begun in another
// tab, with another site chosen since). The exchange runs under that session's
// lock, and a finished one is recorded in Shared under its state: a second tab
// that opened the same address finds the record under the lock and shows the
// first one's outcome instead of sending the code again. Local storage alone
// could not say so reliably (its copies in other tabs lag; see token.go).
//
// sent is called as the token request leaves (AwaitCallbackSent). Once the
// token is kept, the first screen's request starts too when the person goes
// back to it (prefetchOverview).
func (s *Session) finish(ctx context.Context, rawURL string, sent func()) (CallbackResult, error) {
	home := CallbackResult{ReturnTo: s.opts.Path(PathHome), Already: true}
	cb, err := pkce.ParseCallback(rawURL)
	if err != nil {
		if errors.Is(err, pkce.ErrMissingState) && s.SignedIn() {
			return home, nil // the bare callback page (Back after signing in)
		}
		return CallbackResult{}, err
	}
	if s.optsErr != nil {
		return CallbackResult{}, s.optsErr
	}
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return CallbackResult{}, err
	}
	p, err := pkce.LookupPending(local, cb.State, time.Now())
	if err != nil {
		if done, ok := s.awaitFinished(ctx, cb.State, errors.Is(err, pkce.ErrStateUsed)); ok {
			return done, nil
		}
		if errors.Is(err, pkce.ErrStateUsed) && s.SignedIn() {
			return home, nil
		}
		return CallbackResult{}, err
	}
	site, err := s.Site(p.SiteID)
	if err != nil {
		return CallbackResult{}, err
	}
	flow, err := s.flowVia(site, p.ClientID, &http.Client{Transport: onSend(sent)})
	if err != nil {
		return CallbackResult{}, err
	}
	var out CallbackResult
	err = s.withLock(ctx, site.ID, p.ClientID, func(ctx context.Context) error {
		if done, ok := s.finished(ctx, cb.State); ok {
			out = done
			return nil
		}
		res, err := flow.Finish(ctx, rawURL)
		if err != nil {
			var oe *pkce.OAuthError
			if errors.As(err, &oe) {
				oe.ClientsURL = site.ClientsURL
			}
			return err
		}
		if err := s.store(ctx, nil, res.Token); err != nil {
			return err
		}
		if u, err := url.Parse(res.ReturnTo); err == nil && u.Path == s.opts.Path(PathHome) {
			s.prefetchOverview()
		}
		s.browser.Shared().Update(ctx, donePrefix+cb.State, func(string, bool) (string, bool, error) {
			return time.Now().UTC().Format(time.RFC3339Nano) + " " + res.ReturnTo, true, nil
		})
		out = CallbackResult{ReturnTo: res.ReturnTo}
		return nil
	})
	if err != nil {
		return CallbackResult{}, err
	}
	s.mu.Lock()
	s.notice = nil
	s.mu.Unlock()
	// Sign-ins that failed before this one need no notice any more.
	s.markSignInsSeen(time.Now())
	s.browser.Broadcast(msgToken)
	s.changed()
	return out, nil
}

// awaitFinished looks up a callback another tab (or this one) finished. When
// wait is set (the state was taken, so a tab may be exchanging it right now),
// it waits for that tab's outcome, up to usedWait.
func (s *Session) awaitFinished(ctx context.Context, state string, wait bool) (CallbackResult, bool) {
	deadline := time.Now().Add(usedWait)
	for {
		if done, ok := s.finished(ctx, state); ok || !wait || time.Now().After(deadline) {
			return done, ok
		}
		select {
		case <-ctx.Done():
			return CallbackResult{}, false
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// usedWait bounds how long a tab that finds a callback's state taken waits for
// the tab that took it to finish the exchange.
const usedWait = 10 * time.Second

// finished looks up a callback another tab (or this one) finished.
func (s *Session) finished(ctx context.Context, state string) (CallbackResult, bool) {
	v, ok, err := s.browser.Shared().Get(ctx, donePrefix+state)
	if err != nil || !ok {
		return CallbackResult{}, false
	}
	if _, err := s.loadAuthority(ctx); err != nil || !s.SignedIn() {
		return CallbackResult{}, false
	}
	_, returnTo, _ := strings.Cut(v, " ")
	return CallbackResult{ReturnTo: pkce.LocalPath(returnTo), Already: true}, true
}

// SignOutResult says what signing out did at the site.
type SignOutResult struct {
	Site      sites.Site
	Revoked   bool      // the site revoked the session (RFC 7009)
	CanRevoke bool      // the site has a revocation endpoint
	Expiry    time.Time // when the forgotten access token stops working, if known
	RevokeErr error     // revoking failed: the token may still be valid
}

// Message is the sign-out's outcome in the person's words, one of three:
// revoked at the site; the site cannot revoke (RFC 7009 is optional), so the
// token is only forgotten here and stays valid until it expires; or revoking
// failed, with the reason. The last two say until when the token works and
// where the person can end it sooner.
func (r SignOutResult) Message() string {
	name := r.Site.Name
	if name == "" {
		name = "the site"
	}
	until := "it expires"
	if !r.Expiry.IsZero() {
		until = r.Expiry.UTC().Format("2 January 2006")
	}
	where := ""
	if page := r.accountPage(); page != "" {
		where = "; to end it sooner, remove this app's access in your account at " + page
	}
	switch {
	case r.RevokeErr != nil:
		return fmt.Sprintf("Signed out: the token is forgotten in this browser, but revoking it at %s failed (%s), so it may stay valid until %s%s.",
			name, revokeFailure(r.RevokeErr), until, where)
	case r.Revoked:
		return fmt.Sprintf("Signed out, and the session was revoked at %s.", name)
	case !r.CanRevoke:
		return fmt.Sprintf("Signed out: the token is forgotten in this browser. %s cannot revoke tokens, so it stays valid until %s%s.",
			upperFirst(name), until, where)
	}
	return "Signed out."
}

// accountPage is where the person can see the apps they allowed: the site
// where clients are registered, else the authorization server's own, as
// scheme://host (the exact page differs by site and is not known here).
func (r SignOutResult) accountPage() string {
	for _, raw := range []string{r.Site.ClientsURL, r.Site.AuthorizeURL} {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			return u.Scheme + "://" + u.Host
		}
	}
	return ""
}

// revokeFailure is why revoking failed, as a clause: the protocol errors'
// own messages end in advice for signing in, which does not fit here.
func revokeFailure(err error) string {
	var (
		oe *pkce.OAuthError
		ne *pkce.NetworkError
		re *pkce.ResponseError
		rd *pkce.RedirectError
	)
	switch {
	case errors.As(err, &oe):
		said := oe.Code
		if oe.Description != "" {
			said += ": " + strings.TrimRight(oe.Description, ".")
		}
		if oe.Status != 0 {
			said += fmt.Sprintf(", HTTP %d", oe.Status)
		}
		return "it answered " + clipText(said, 200)
	case errors.As(err, &rd):
		return "it answered with a redirect, which this app never follows"
	case errors.As(err, &re):
		return fmt.Sprintf("it answered HTTP %d instead of confirming", re.Status)
	case errors.As(err, &ne):
		return "it could not be reached"
	case errors.Is(err, context.DeadlineExceeded):
		return "it did not answer in time"
	}
	return clipText(err.Error(), 200)
}

// upperFirst capitalises an ASCII first letter ("the site" at a sentence's start).
func upperFirst(s string) string {
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// clipText shortens s to at most n bytes on a rune boundary.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// SignOut forgets the token here and in every tab, then revokes it where the
// site can (the refresh token first). The person is signed out even when
// revocation fails; the result says what happened at the site.
//
// It takes the session lock, so it orders with refreshes: a refresh that was
// already out when the person signed out finds its compare-and-swap refused
// (pkce.ErrSuperseded) and writes nothing back; and the token revoked is the
// newest, whichever tab renewed it last.
func (s *Session) SignOut(ctx context.Context) (SignOutResult, error) {
	t := s.Token()
	if t != nil {
		// Before anything that waits: a page that ends now stays signed
		// out (signout_pending.go).
		s.markSignOut(t)
	}
	s.adopt(nil)
	s.mu.Lock()
	s.signingOut = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.signingOut = false
		s.mu.Unlock()
	}()
	s.changed()
	if t == nil {
		return SignOutResult{}, nil
	}
	site, _ := s.Site(t.SiteID)
	res := SignOutResult{Site: site, CanRevoke: site.RevokeURL != "", Expiry: t.Expiry}
	var cur *pkce.Token
	err := s.withLock(ctx, t.SiteID, t.ClientID, func(ctx context.Context) error {
		var err error
		if cur, err = s.readAuthority(ctx); err != nil || cur == nil {
			cur = t
		}
		// Spent: no tab, duplicate or not, may send them again.
		s.spend(ctx, cur)
		s.spend(ctx, t)
		if err := s.store(ctx, nil, nil); err != nil {
			return err
		}
		s.clearSignOutMark()
		return nil
	})
	s.forgetSignInsSeen(time.Now())
	s.clearCaches(ctx)
	s.adopt(nil)
	s.browser.Broadcast(msgSignOut)
	s.changed()
	if err != nil {
		return res, err
	}
	res.Expiry = cur.Expiry
	if !res.CanRevoke {
		s.setNotice(res)
		return res, nil
	}
	flow, err := s.flowForToken(cur)
	if err == nil {
		err = flow.Revoke(ctx, cur)
	}
	res.RevokeErr, res.Revoked = err, err == nil
	s.setNotice(res)
	return res, nil
}

// pathOf is rawURL's path and query.
func pathOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "/"
	}
	return u.RequestURI()
}
