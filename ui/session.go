package ui

import (
	"sync"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
)

// Keys the session keeps in browser storage. The token lives in the storage
// the deployer chose; everything else in local storage.
const (
	keyToken       = "pkcelogs.token"
	keySite        = "pkcelogs.site"       // the site last chosen in the chooser
	keyClientID    = "pkcelogs.client_id." // + site id: the person's own client id
	reportsPerPage = 10
)

// Session is one person's sign-in on this page, shared by every component:
// the configuration, the token (in the deployer's chosen storage), its
// refresher, the API client over it, the first screen's data and the rate
// limit. Components subscribe and re-render when it changes; it follows
// sign-ins and sign-outs made in the page's other tabs.
type Session struct {
	opts    Options
	optsErr error // the build's configuration is unusable
	browser browser

	mu        sync.Mutex
	token     *pkce.Token
	tokenErr  error // the token store failed
	exchanged map[string]bool
	overview  overviewState
	rate      *logsapi.RateLimit
	rateAt    time.Time
	notice    error // last failure worth showing beside the data (e.g. revoke failed)
	subs      map[int]func()
	nextSub   int
	api       *logsapi.Client
	apiFor    string       // site|client the api client was built for
	early     *callbackRun // the exchange StartCallback began, until a Callback takes it
}

type overviewState struct {
	data    *logsapi.Overview
	err     error
	loading bool
	started bool
	gen     int // which sign-in the state belongs to (see resetOverview)
}

// resetOverview forgets the first screen's data (another person, or nobody,
// is signed in now). A fetch still under way for the previous sign-in sees
// the generation change and drops its result. Call with s.mu held.
func (s *Session) resetOverview() {
	s.overview = overviewState{gen: s.overview.gen + 1}
}

// NewSession makes a session for the page from opts (see OptionsFromEnv).
func NewSession(opts Options) *Session {
	s := &Session{opts: opts, browser: platform, exchanged: map[string]bool{}, subs: map[int]func(){}}
	if s.opts.Storage == "" {
		s.opts.Storage = StorageLocal
	}
	s.loadToken()
	s.browser.Listen(s.onMessage)
	return s
}

var (
	defaultMu      sync.Mutex
	defaultSession *Session
)

// Default returns the page's session, made from the build's configuration
// on first use. Components with a nil Session field use it.
func Default() *Session {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if defaultSession == nil {
		opts, err := OptionsFromEnv()
		defaultSession = NewSession(opts)
		defaultSession.optsErr = err
	}
	return defaultSession
}

// UseSession makes s the page's session, for embedders that configure it in
// code. Call it before the first component renders.
func UseSession(s *Session) {
	defaultMu.Lock()
	defaultSession = s
	defaultMu.Unlock()
}

func orDefault(s *Session) *Session {
	if s != nil {
		return s
	}
	return Default()
}

// Options returns the session's configuration.
func (s *Session) Options() Options { return s.opts }

// ConfigError reports a build configuration the page cannot work with.
func (s *Session) ConfigError() error { return s.optsErr }

// Subscribe calls fn (from any goroutine) whenever the session changes:
// sign-in, sign-out, new data. The returned func unsubscribes.
func (s *Session) Subscribe(fn func()) (unsubscribe func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextSub
	s.nextSub++
	s.subs[id] = fn
	return func() {
		s.mu.Lock()
		delete(s.subs, id)
		s.mu.Unlock()
	}
}

func (s *Session) changed() {
	s.mu.Lock()
	fns := make([]func(), 0, len(s.subs))
	for _, fn := range s.subs {
		fns = append(fns, fn)
	}
	s.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}
