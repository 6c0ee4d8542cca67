package ui

import (
	"context"
	"net/url"
	"runtime"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// StartCallback begins the code exchange of the callback page before go-app
// has rendered anything, so the token request travels while the page starts
// (the Callback component then only waits for it). Call it from main, before
// app.RunWhenOnBrowser, with the session Routes got (nil: Default()). On any
// other page it does nothing. Like Callback, it takes code and state out of
// the address bar first.
func StartCallback(s *Session) {
	s = orDefault(s)
	raw := s.browser.Location()
	u, err := url.Parse(raw)
	if err != nil || u.Path != s.Options().Path(PathCallback) || s.ConfigError() != nil {
		return
	}
	run := &callbackRun{raw: raw, done: make(chan struct{})}
	s.mu.Lock()
	s.early = run
	s.mu.Unlock()
	if clean := cleanURL(raw); clean != raw {
		s.browser.ReplaceURL(clean)
	}
	go func() {
		defer close(run.done)
		ctx, cancel := context.WithTimeout(context.Background(), exchangeTimeout)
		defer cancel()
		run.res, run.err = s.Finish(ctx, raw)
	}()
	// Wasm runs one goroutine at a time: let the exchange run until its
	// request is in flight, then go on starting the page.
	runtime.Gosched()
}

// callbackRun is an exchange StartCallback began.
type callbackRun struct {
	raw  string
	done chan struct{}
	res  *pkce.Result
	err  error
}

// takeEarlyCallback hands the exchange StartCallback began to the one
// Callback that finishes it; nil when there is none (or it was taken).
func (s *Session) takeEarlyCallback() *callbackRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	run := s.early
	s.early = nil
	return run
}
