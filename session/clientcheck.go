package session

// Diagnosing a client that cannot sign in: the check the person asks for, and
// the sign-in that never came back.

import (
	"context"
	"strings"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// CheckTimeout bounds a client check.
const CheckTimeout = 20 * time.Second

// keySignInSeen holds the time up to which started sign-ins need no notice:
// the last successful sign-in, or the person's dismissal of the notice.
const keySignInSeen = "pkcelogs.signin_seen"

// CheckClient asks a site, in one token request with a code that can never be
// valid (pkce.Flow.CheckClient), whether it knows clientID as a public client,
// with this page's redirect URI. clientID "" checks the client id in use for
// the site. Only ever run when the person asks: it is a request to the site.
func (s *Session) CheckClient(ctx context.Context, siteID, clientID string) (*pkce.ClientCheck, error) {
	if s.optsErr != nil {
		return nil, s.optsErr
	}
	site, err := s.Site(siteID)
	if err != nil {
		return nil, err
	}
	clientID = strings.TrimSpace(clientID)
	if clientID == "" {
		clientID = s.ClientID(siteID)
	}
	if clientID == "" {
		return nil, &NoClientIDError{Site: site, RedirectURI: s.RedirectURI()}
	}
	// The check stores nothing: its flow keeps no pending sign-in.
	flow, err := pkce.NewFlow(s.flowConfig(site, clientID), pkce.NewMemoryStore())
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, CheckTimeout)
	defer cancel()
	c := flow.CheckClient(ctx)
	c.ClientsURL = site.ClientsURL
	return c, nil
}

// StalledAfter is how long a started sign-in may go without its callback
// before the home page says that it never came back. A sign-in that is still
// on the site's consent page in another tab may be this old too, which is why
// the notice can be dismissed.
const StalledAfter = 20 * time.Second

// StalledSignIn is a sign-in started in this browser, on this page's origin,
// that never came back: typically the site refused it on its own page (the
// Logs sites answer "Client authentication failed" for a redirect URI that is
// not registered exactly) and the person returned by hand.
type StalledSignIn struct {
	Site        sites.Site
	ClientID    string
	RedirectURI string // the one the sign-in sent: the one to register
	StartedAt   time.Time
}

// StalledSignIn returns the newest pending sign-in older than StalledAfter,
// for a site the page offers, started after the last successful sign-in or
// dismissal; nil when there is none or the person is signed in. When a
// younger one is pending, recheck is how long until it counts as stalled.
func (s *Session) StalledSignIn(now time.Time) (stalled *StalledSignIn, recheck time.Duration) {
	if s.SignedIn() {
		return nil, 0
	}
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return nil, 0
	}
	pending, err := pkce.PendingSignIns(local, now)
	if err != nil {
		return nil, 0
	}
	var seen time.Time
	if v, ok, _ := local.Get(keySignInSeen); ok {
		seen, _ = time.Parse(time.RFC3339Nano, v)
	}
	for i := len(pending) - 1; i >= 0; i-- {
		p := pending[i]
		site, err := s.Site(p.SiteID)
		if err != nil || !p.CreatedAt.After(seen) {
			continue
		}
		if age := now.Sub(p.CreatedAt); age < StalledAfter {
			if wait := StalledAfter - age; recheck == 0 || wait < recheck {
				recheck = wait
			}
			continue
		}
		return &StalledSignIn{Site: site, ClientID: p.ClientID, RedirectURI: p.RedirectURI, StartedAt: p.CreatedAt}, 0
	}
	return nil, recheck
}

// DismissStalledSignIn hides the notice of st and of every sign-in started
// before it; a later one that stalls is noticed again.
func (s *Session) DismissStalledSignIn(st *StalledSignIn) error {
	if st == nil {
		return nil
	}
	if err := s.markSignInsSeen(st.StartedAt); err != nil {
		return err
	}
	s.changed()
	return nil
}

// markSignInsSeen records that sign-ins started until t need no notice.
func (s *Session) markSignInsSeen(t time.Time) error {
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return err
	}
	return local.Set(keySignInSeen, t.UTC().Format(time.RFC3339Nano))
}

// forgetSignInsSeen deletes the record markSignInsSeen keeps once no pending
// sign-in it hides remains (they expire after pkce.PendingTTL), so nothing of
// a sign-in outlives it. Housekeeping and sign-out call it.
func (s *Session) forgetSignInsSeen(now time.Time) {
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return
	}
	v, ok, err := local.Get(keySignInSeen)
	if err != nil || !ok {
		return
	}
	seen, err := time.Parse(time.RFC3339Nano, v)
	if err == nil {
		pending, err := pkce.PendingSignIns(local, now)
		if err != nil {
			return
		}
		for _, p := range pending {
			if !p.CreatedAt.After(seen) {
				return // still hidden by it
			}
		}
	}
	local.Delete(keySignInSeen)
}
