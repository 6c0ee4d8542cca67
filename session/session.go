package session

import (
	"context"
	"sync"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
)

// Keys the session keeps in browser storage. The token lives in the storage
// the deployer chose (and, for local storage, in Shared); the rest in local
// storage.
const (
	keyToken    = "pkcelogs.token"
	keySite     = "pkcelogs.site"       // the site last chosen in the chooser
	keyClientID = "pkcelogs.client_id." // + site id: the person's own client id
)

// ReportsPerPage is how many reports the first screen and each page of the
// report list show.
const ReportsPerPage = 10

// Timeouts bound every piece of network work so nothing spins forever.
const (
	ExchangeTimeout = 30 * time.Second
	QueryTimeout    = 60 * time.Second
)

// sharedHousekeepingDelay is how long after the page starts Shared is pruned.
const sharedHousekeepingDelay = 3 * time.Second

// Session is one person's sign-in on this page, shared by every component:
// the configuration, site and client choice, the callback, the token (in the
// deployer's chosen storage) and its exactly-once refresh across tabs, the API
// client over it, the first screen's data and the rate limit. Subscribers hear
// every change, including sign-ins and sign-outs made in the page's other tabs.
//
// It imports neither go-app nor syscall/js: the page is reached only through
// Browser, so it tests natively with a MemoryBrowser per test.
type Session struct {
	opts    Options
	optsErr error // the build's configuration is unusable
	browser Browser

	mu    sync.Mutex
	token *pkce.Token
	// ended is the token NoteError found dead (the site or a spent refresh
	// token said to sign in again): it stays in shared storage for the other
	// tabs to judge, but this page never takes it up again (adopt).
	ended    *pkce.Token
	tokenErr error // the token store failed
	overview overviewState
	rate     *logsapi.RateLimit
	rateAt   time.Time
	notice   any // last outcome worth showing beside the data (a SignOutResult, an error)
	subs     map[int]func()
	nextSub  int
	// api is the *logsapi.Client, held as any: as a typed field it would
	// make the API client, net/http's client and everything their types
	// reach part of Session's type, linked into every build that shows a
	// component (go-app reflects on them), the signed-out build included.
	api      any
	apiFor   string       // site|client the api client was built for
	callback *callbackRun // the callback page's exchange, begun once
	// signingOut is set while SignOut runs: no token is adopted meanwhile.
	signingOut bool
}

// New makes a session for the page from opts over browser. optsErr, when not
// nil, is a configuration error every sign-in reports (OptionsFromEnv's).
func New(opts Options, optsErr error, browser Browser) *Session {
	s := &Session{opts: opts, optsErr: optsErr, browser: browser, subs: map[int]func(){}}
	if s.opts.Storage == "" {
		s.opts.Storage = StorageLocal
	}
	s.loadMirror()
	browser.Listen(s.onMessage)
	go s.housekeeping()
	return s
}

// Options returns the session's configuration.
func (s *Session) Options() Options { return s.opts }

// ConfigError reports a build configuration the page cannot work with.
func (s *Session) ConfigError() error { return s.optsErr }

// Browser returns the page the session reaches the browser through.
func (s *Session) Browser() Browser { return s.browser }

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

// housekeeping prunes what earlier visits left behind: expired pending
// sign-ins and used-state markers (pkce.Prune), the record of which failed
// sign-ins need no notice once they are gone, finished-callback records, and
// spent-refresh-token records older than ledgerTTL. It runs once as the
// session starts.
func (s *Session) housekeeping() {
	if local, err := s.browser.Store(StorageLocal); err == nil {
		pkce.Prune(local, time.Now())
	}
	s.forgetSignInsSeen(time.Now())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.pruneShared(ctx, time.Now())
}
