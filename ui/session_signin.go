package ui

// Starting a sign-in and finishing it on the callback page.

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// SignIn starts a sign-in to a site and sends this tab to the site's
// authorize page. returnTo is the path to come back to afterwards.
func (s *Session) SignIn(siteID, returnTo string) error {
	flow, err := s.Flow(siteID)
	if err != nil {
		return err
	}
	authorizeURL, err := flow.Start(safeReturnPath(returnTo, s.opts))
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
	return s.browser.Assign(authorizeURL)
}

// safeReturnPath keeps returnTo only when it is a path of this app (never
// another origin, never the callback page itself).
func safeReturnPath(returnTo string, opts Options) string {
	home := opts.Path(PathHome)
	u, err := url.Parse(returnTo)
	if err != nil || returnTo == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") ||
		strings.HasPrefix(returnTo, "//") || strings.Contains(returnTo, `\`) {
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

// Finish completes the sign-in the callback address carries: exactly once per
// state on this page, whatever calls it. The token is saved and every tab told.
func (s *Session) Finish(ctx context.Context, rawURL string) (*pkce.Result, error) {
	cb, err := pkce.ParseCallback(rawURL)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.exchanged[cb.State] {
		s.mu.Unlock()
		return nil, pkce.ErrStateUsed
	}
	s.exchanged[cb.State] = true
	s.mu.Unlock()

	// Exchange with the site and client the sign-in was started for (it
	// may have begun in another tab, with another site chosen since).
	// Without a pending sign-in pkce.Finish explains what went wrong.
	flow, err := s.pendingFlow(cb.State)
	if err != nil {
		return nil, err
	}
	res, err := flow.Finish(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	if err := s.saveToken(res.Token); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.notice = nil
	s.mu.Unlock()
	s.browser.Broadcast(msgToken)
	s.changed()
	return res, nil
}

// cleanURL is rawURL without the callback's parameters (code, state, error,
// ...), and without the scope some servers (fosite among them) echo there.
func cleanURL(rawURL string) string {
	clean := pkce.CleanURL(rawURL)
	u, err := url.Parse(clean)
	if err != nil || !u.Query().Has("scope") {
		return clean
	}
	q := u.Query()
	q.Del("scope")
	u.RawQuery = q.Encode()
	return u.String()
}
