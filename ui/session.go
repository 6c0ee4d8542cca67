package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
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

// ErrNoClientID means no client id is configured for the chosen site: the
// build has none and the person has not entered one in Settings.
var ErrNoClientID = errors.New("no client id is set for this site")

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
	apiFor    string // site|client the api client was built for
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

// --- sites and client ids -------------------------------------------------

// Sites lists the sites a person may sign in to: only the build's site when
// it is fixed, otherwise every preset plus the build's custom site.
func (s *Session) Sites() []pkce.Site {
	if s.opts.FixedSite {
		return []pkce.Site{s.opts.Site}
	}
	sites := pkce.Sites()
	for _, site := range sites {
		if site.ID == s.opts.Site.ID {
			return sites
		}
	}
	return append([]pkce.Site{s.opts.Site}, sites...)
}

// Site returns a site the session offers by id.
func (s *Session) Site(id string) (pkce.Site, error) {
	for _, site := range s.Sites() {
		if site.ID == id {
			return site, nil
		}
	}
	return pkce.Site{}, fmt.Errorf("%w: %q", pkce.ErrUnknownSite, id)
}

// SiteID is the site in use: the signed-in token's, else the one last chosen,
// else the build's.
func (s *Session) SiteID() string {
	if t := s.Token(); t != nil {
		if _, err := s.Site(t.SiteID); err == nil {
			return t.SiteID
		}
	}
	if local, err := s.browser.Store(StorageLocal); err == nil {
		if id, ok, _ := local.Get(keySite); ok {
			if _, err := s.Site(id); err == nil {
				return id
			}
		}
	}
	return s.opts.Site.ID
}

// ChooseSite remembers the site picked in the chooser.
func (s *Session) ChooseSite(id string) error {
	if _, err := s.Site(id); err != nil {
		return err
	}
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return err
	}
	if err := local.Set(keySite, id); err != nil {
		return err
	}
	s.changed()
	return nil
}

// ClientID is the client id used for a site: the person's own (Settings),
// else the build's for the build's site, else "".
func (s *Session) ClientID(siteID string) string {
	if own := s.OwnClientID(siteID); own != "" {
		return own
	}
	if siteID == s.opts.Site.ID {
		return s.opts.ClientID
	}
	return ""
}

// OwnClientID is the client id the person entered for a site, or "".
func (s *Session) OwnClientID(siteID string) string {
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return ""
	}
	id, _, _ := local.Get(keyClientID + siteID)
	return id
}

// SetOwnClientID keeps the person's own client id for a site; "" goes back
// to the build's.
func (s *Session) SetOwnClientID(siteID, clientID string) error {
	clientID = strings.TrimSpace(clientID)
	if strings.ContainsAny(clientID, " \t\r\n/?#&") || len(clientID) > 200 {
		return fmt.Errorf("%w: %q does not look like a client id (copy it from the site's API clients page)", pkce.ErrInvalidConfig, clientID)
	}
	if _, err := s.Site(siteID); err != nil {
		return err
	}
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return err
	}
	if clientID == "" {
		err = local.Delete(keyClientID + siteID)
	} else {
		err = local.Set(keyClientID+siteID, clientID)
	}
	if err != nil {
		return err
	}
	s.changed()
	return nil
}

// RedirectURI is the exact address the site sends the person back to, and
// so the one to register for the client.
func (s *Session) RedirectURI() string {
	if s.opts.RedirectURI != "" {
		return s.opts.RedirectURI
	}
	origin := "http://localhost"
	if u, err := url.Parse(s.browser.Location()); err == nil && u.Host != "" {
		origin = u.Scheme + "://" + u.Host
	}
	return origin + s.opts.Path(PathCallback)
}

// Flow returns the PKCE flow for a site, with pending sign-ins in local
// storage so a sign-in may finish in another tab.
func (s *Session) Flow(siteID string) (*pkce.Flow, error) {
	if s.optsErr != nil {
		return nil, s.optsErr
	}
	site, err := s.Site(siteID)
	if err != nil {
		return nil, err
	}
	clientID := s.ClientID(siteID)
	if clientID == "" {
		return nil, &NoClientIDError{Site: site, RedirectURI: s.RedirectURI()}
	}
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return nil, err
	}
	return pkce.NewFlow(pkce.Config{
		Site:        site,
		ClientID:    clientID,
		RedirectURI: s.RedirectURI(),
		Scopes:      s.opts.Scopes,
	}, local)
}

// pendingFlow is the flow of the pending sign-in under state, or the current
// site's flow when there is none (then Finish reports the state unknown or used).
func (s *Session) pendingFlow(state string) (*pkce.Flow, error) {
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return nil, err
	}
	if raw, ok, _ := local.Get(pkce.PendingKeyPrefix + state); ok {
		var p pkce.Pending
		if json.Unmarshal([]byte(raw), &p) == nil {
			if site, err := s.Site(p.SiteID); err == nil && p.ClientID != "" {
				return pkce.NewFlow(pkce.Config{Site: site, ClientID: p.ClientID, RedirectURI: s.RedirectURI(), Scopes: s.opts.Scopes}, local)
			}
		}
	}
	siteID := s.SiteID()
	clientID := s.ClientID(siteID)
	if clientID == "" {
		clientID = "unknown" // no pending sign-in: Finish fails on the state before using it
	}
	site, err := s.Site(siteID)
	if err != nil {
		return nil, err
	}
	return pkce.NewFlow(pkce.Config{Site: site, ClientID: clientID, RedirectURI: s.RedirectURI(), Scopes: s.opts.Scopes}, local)
}

// probeLocal writes and deletes a key, returning the *StorageError if the
// browser refuses.
func (s *Session) probeLocal() error {
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return err
	}
	if err := local.Set("pkcelogs.probe", "1"); err != nil {
		return err
	}
	return local.Delete("pkcelogs.probe")
}

// NoClientIDError says which site lacks a client id and how to get one.
type NoClientIDError struct {
	Site        pkce.Site
	RedirectURI string
}

func (e *NoClientIDError) Error() string {
	where := "the site's API clients page"
	if e.Site.ClientsURL != "" {
		where = e.Site.ClientsURL
	}
	return fmt.Sprintf("No client id is set for %s. Create a client at %s, tick Public Client, register the redirect URI %s exactly, then enter the client id in Settings.",
		e.Site.Name, where, e.RedirectURI)
}

func (e *NoClientIDError) Unwrap() error { return ErrNoClientID }

// --- signing in -------------------------------------------------------------

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

// --- the token ------------------------------------------------------------------

// Token is the signed-in token, or nil when signed out.
func (s *Session) Token() *pkce.Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// SignedIn reports whether a token is held.
func (s *Session) SignedIn() bool { return s.Token() != nil }

// StorageError reports a token store the browser refused.
func (s *Session) StorageError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenErr
}

func (s *Session) tokenStore() (pkce.Store, error) { return s.browser.Store(s.opts.Storage) }

// readToken reads the stored token; (nil, nil) when there is none. A stored
// value that is not a token is dropped, not trusted.
func (s *Session) readToken() (*pkce.Token, error) {
	store, err := s.tokenStore()
	if err != nil {
		return nil, err
	}
	raw, ok, err := store.Get(keyToken)
	if err != nil || !ok {
		return nil, err
	}
	t, err := pkce.DecodeToken([]byte(raw))
	if err != nil {
		store.Delete(keyToken)
		return nil, nil
	}
	return t, nil
}

// loadToken refreshes the session's view of the stored token, and reports
// whether it changed.
func (s *Session) loadToken() bool {
	t, err := s.readToken()
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := !sameToken(s.token, t) || (err == nil) != (s.tokenErr == nil)
	if err != nil {
		s.tokenErr = err
		return changed
	}
	s.tokenErr = nil
	if !sameToken(s.token, t) {
		if s.token == nil || t == nil || s.token.Subject != t.Subject || s.token.SiteID != t.SiteID {
			s.resetOverview()
		}
		s.token = t
	}
	return changed
}

func sameToken(a, b *pkce.Token) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.AccessToken == b.AccessToken && a.RefreshToken == b.RefreshToken
}

func (s *Session) saveToken(t *pkce.Token) error {
	data, err := json.Marshal(t)
	if err != nil {
		return err
	}
	store, err := s.tokenStore()
	if err == nil {
		err = store.Set(keyToken, string(data))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.tokenErr = err
		return err
	}
	if s.token == nil || s.token.Subject != t.Subject || s.token.SiteID != t.SiteID {
		s.resetOverview()
	}
	s.token, s.tokenErr = t, nil
	return nil
}

// onMessage follows the page's other tabs.
func (s *Session) onMessage(msg string) {
	switch msg {
	case msgSignOut:
		if s.opts.Storage != StorageLocal {
			// Local storage is shared, so the other tab already deleted the
			// token there; session and memory storage are this tab's own.
			if store, err := s.tokenStore(); err == nil {
				store.Delete(keyToken)
			}
		}
		s.mu.Lock()
		s.token, s.rate = nil, nil
		s.resetOverview()
		s.mu.Unlock()
		s.changed()
	case msgToken, msgStorage + keyToken:
		if s.loadToken() {
			s.changed()
		}
	default:
		if strings.HasPrefix(msg, msgStorage+keyClientID) || msg == msgStorage+keySite {
			s.changed()
		}
	}
}

// Refresher returns the refresher that keeps the token fresh: it re-reads
// storage (another tab may have refreshed), saves what it gets, and takes the
// page-wide refresh lock.
func (s *Session) Refresher() (*pkce.Refresher, error) {
	t := s.Token()
	if t == nil {
		return nil, pkce.ErrNotSignedIn
	}
	flow, err := s.flowForToken(t)
	if err != nil {
		return nil, err
	}
	return &pkce.Refresher{
		Flow: flow,
		Load: func() (*pkce.Token, error) {
			s.loadToken()
			s.mu.Lock()
			defer s.mu.Unlock()
			return s.token, s.tokenErr
		},
		Save: func(t *pkce.Token) error {
			if err := s.saveToken(t); err != nil {
				return err
			}
			s.browser.Broadcast(msgToken)
			return nil
		},
		Locker: s.browser.Locker(),
	}, nil
}

// flowForToken is the flow a token was issued by: its site and client, even
// when Settings changed the client id since.
func (s *Session) flowForToken(t *pkce.Token) (*pkce.Flow, error) {
	site, err := s.Site(t.SiteID)
	if err != nil {
		return nil, err
	}
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return nil, err
	}
	return pkce.NewFlow(pkce.Config{Site: site, ClientID: t.ClientID, RedirectURI: s.RedirectURI(), Scopes: s.opts.Scopes}, local)
}

// API returns the user GraphQL API client of the signed-in site, over the
// refresher (bearer token, refresh on expiry and once on a 401).
func (s *Session) API() (*logsapi.Client, error) {
	t := s.Token()
	if t == nil {
		return nil, pkce.ErrNotSignedIn
	}
	key := t.SiteID + "|" + t.ClientID
	s.mu.Lock()
	if s.api != nil && s.apiFor == key {
		defer s.mu.Unlock()
		return s.api, nil
	}
	s.mu.Unlock()
	r, err := s.Refresher()
	if err != nil {
		return nil, err
	}
	site, err := s.Site(t.SiteID)
	if err != nil {
		return nil, err
	}
	c := logsapi.New(site.APIURL, r.Client(nil), site.Game)
	s.mu.Lock()
	s.api, s.apiFor = c, key
	s.mu.Unlock()
	return c, nil
}

// SignOut forgets the token here and in every tab, then revokes it where the
// site can. The person is signed out even when revocation fails; that
// failure is returned so it can be shown.
func (s *Session) SignOut(ctx context.Context) error {
	t := s.Token()
	store, err := s.tokenStore()
	if err == nil {
		err = store.Delete(keyToken)
	}
	s.mu.Lock()
	s.token, s.rate, s.api = nil, nil, nil
	s.resetOverview()
	s.mu.Unlock()
	s.browser.Broadcast(msgSignOut)
	s.changed()
	if err != nil {
		return err
	}
	if t == nil {
		return nil
	}
	flow, err := s.flowForToken(t)
	if err != nil {
		return err
	}
	return flow.Revoke(ctx, t)
}

// --- data -----------------------------------------------------------------------

// OverviewState is the first screen's data as the session holds it.
type OverviewState struct {
	Data    *logsapi.Overview
	Err     error
	Loading bool
}

// Overview returns the first screen's data, and whether a fetch is needed.
func (s *Session) Overview() OverviewState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return OverviewState{Data: s.overview.data, Err: s.overview.err, Loading: s.overview.loading}
}

// claimOverview reports whether the caller should fetch the overview: the
// first caller while none is held or under way. Every component of the page
// calls it; one request goes out. gen identifies the sign-in it is for.
func (s *Session) claimOverview(force bool) (gen int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == nil || s.overview.loading || (s.overview.started && !force) {
		return 0, false
	}
	s.overview.started, s.overview.loading = true, true
	return s.overview.gen, true
}

// fetchOverview runs the one GraphQL request of the first screen. Call it in
// ctx.Async after claimOverview returned true.
func (s *Session) fetchOverview(ctx context.Context, gen int) {
	var ov *logsapi.Overview
	api, err := s.API()
	if err == nil {
		userID := 0
		if t := s.Token(); t != nil {
			userID, _ = t.UserID()
		}
		ov, err = api.Overview(ctx, userID, reportsPerPage)
	}
	s.mu.Lock()
	if s.overview.gen != gen {
		s.mu.Unlock() // signed out or in as someone else meanwhile
		return
	}
	s.overview.loading = false
	s.overview.data, s.overview.err = ov, err
	if ov != nil && ov.RateLimit != nil {
		s.rate, s.rateAt = ov.RateLimit, time.Now()
	}
	s.mu.Unlock()
	s.changed()
}

// RateLimit returns the last known rate limit and when it was read.
func (s *Session) RateLimit() (*logsapi.RateLimit, time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rate, s.rateAt
}

// noteRateLimit records a rate limit read after a query (the console).
func (s *Session) noteRateLimit(rl *logsapi.RateLimit) {
	if rl == nil {
		return
	}
	s.mu.Lock()
	s.rate, s.rateAt = rl, time.Now()
	s.mu.Unlock()
	s.changed()
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

// Notice is a failure to show beside the page once, such as a revocation the
// site refused at sign-out.
func (s *Session) Notice() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.notice
}

func (s *Session) setNotice(err error) {
	s.mu.Lock()
	s.notice = err
	s.mu.Unlock()
	s.changed()
}
