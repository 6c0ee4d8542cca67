package ui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// leaveCallback takes the person from the finished callback page to path
// without leaving the callback in the history: the callback's entry becomes
// path (history.replaceState), and go-app is told the address changed as the
// browser's Back and Forward do (a popstate event), so it shows path's page
// without adding an entry. Back then goes to where the person was before
// signing in, never to a spent callback. go-app's Navigate would push a new
// entry, so it is only the fallback when the browser refuses.
func leaveCallback(ctx app.Context, s *Session, path string) {
	if err := s.Browser().ReplaceURL(absolute(s, path)); err != nil {
		ctx.Navigate(path)
		return
	}
	if err := announceAddressChange(); err != nil {
		ctx.Navigate(path)
	}
}

// forgetCallback keeps the callback page on screen (it shows why the
// sign-in failed) but makes its history entry path: Back from a later page,
// or a reload, does not come back to a callback with nothing to finish.
func forgetCallback(s *Session, path string) {
	s.Browser().ReplaceURL(absolute(s, path))
}

// absolute resolves path against the address bar, so the address the
// browser (or a MemoryBrowser) then shows is a whole URL.
func absolute(s *Session, path string) string {
	base, err := url.Parse(s.Browser().Location())
	if err != nil || base.Host == "" {
		return path
	}
	ref, err := url.Parse(path)
	if err != nil {
		return path
	}
	return base.ResolveReference(ref).String()
}
