package ui

import (
	"reflect"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
)

// Session is the page's sign-in, shared by every component: the session
// package's, which holds all state; ui only renders it.
type Session = session.Session

// Options configures a session (see session.Options).
type Options = session.Options

// Storage kinds a deployer may choose for tokens (see session.StorageLocal).
const (
	StorageLocal   = session.StorageLocal
	StorageSession = session.StorageSession
	StorageMemory  = session.StorageMemory
)

var (
	defaultMu      sync.Mutex
	defaultSession *Session
	defaultFromEnv bool // defaultSession was made from Handler.Env, not UseSession
)

// Default returns the page's session, made from the build's configuration
// (go-app's Handler.Env) on first use. Components with a nil Session field
// use it.
//
// On the server, which pre-renders pages, Handler.Env is process-wide and may
// change between handlers (tests serve several configurations from one
// process): there the session follows it, so a page is never pre-rendered
// with another handler's site.
func Default() *Session {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if defaultSession == nil || (defaultFromEnv && prerendering) {
		opts, err := session.OptionsFromEnv(app.Getenv)
		if defaultSession == nil || !reflect.DeepEqual(opts, defaultSession.Options()) {
			defaultSession, defaultFromEnv = newPageSession(opts, err), true
		}
	}
	return defaultSession
}

// NewSession makes a session for the page from opts, for embedders that
// configure it in code (then UseSession).
func NewSession(opts Options) *Session { return newPageSession(opts, nil) }

// newPageSession makes the page's session and, in the browser, finishes a
// sign-out an earlier page began and could not finish
// (session.FinishSignOut; the signed-out build leaves that to the full one,
// which the page loads when one is pending).
func newPageSession(opts Options, optsErr error) *Session {
	s := session.New(opts, optsErr, pageBrowser())
	if app.IsClient {
		go finishSignOut(s)
	}
	return s
}

// UseSession makes s the page's session, for embedders that configure it in
// code. Call it before the first component renders.
func UseSession(s *Session) {
	defaultMu.Lock()
	defaultSession, defaultFromEnv = s, false
	defaultMu.Unlock()
}

func orDefault(s *Session) *Session {
	if s != nil {
		return s
	}
	return Default()
}
