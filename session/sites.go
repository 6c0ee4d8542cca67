package session

// The sites a session offers, the client id for each, and the PKCE flow.

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// Sites lists the sites a person may sign in to (OfferedSites).
func (s *Session) Sites() []sites.Site { return OfferedSites(s.opts) }

// OfferedSites lists the sites a page configured with opts offers: only the
// build's site when it is fixed, otherwise every preset plus the build's
// custom site. (The Content-Security-Policy's connect-src is built from it.)
func OfferedSites(opts Options) []sites.Site {
	if opts.FixedSite {
		return []sites.Site{opts.Site}
	}
	all := sites.Presets()
	for _, site := range all {
		if site.ID == opts.Site.ID {
			return all
		}
	}
	return append([]sites.Site{opts.Site}, all...)
}

// Site returns a site the session offers by id.
func (s *Session) Site(id string) (sites.Site, error) {
	for _, site := range s.Sites() {
		if site.ID == id {
			return site, nil
		}
	}
	return sites.Site{}, fmt.Errorf("%w: %q", sites.ErrUnknownSite, id)
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
	return RedirectURIFor(s.browser.Location(), s.opts)
}

// RedirectURIFor is the redirect URI of a page at pageURL: its origin, the
// base path and PathCallback.
func RedirectURIFor(pageURL string, opts Options) string {
	origin := "http://localhost"
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		origin = u.Scheme + "://" + u.Host
	}
	return origin + opts.Path(PathCallback)
}

// flow returns the PKCE flow for a site and client, with pending sign-ins in
// local storage so a sign-in may finish in another tab.
func (s *Session) flow(site sites.Site, clientID string) (*pkce.Flow, error) {
	return s.flowVia(site, clientID, nil)
}

// flowVia is flow with its requests sent by client (nil: http.DefaultClient);
// the callback's code exchange passes one that says when its request leaves.
// It is the one place flows on this page's storage are made.
func (s *Session) flowVia(site sites.Site, clientID string, client *http.Client) (*pkce.Flow, error) {
	local, err := s.browser.Store(StorageLocal)
	if err != nil {
		return nil, err
	}
	cfg := s.flowConfig(site, clientID)
	cfg.HTTPClient = client
	return pkce.NewFlow(cfg, local)
}

// flowConfig is the PKCE configuration for a site and client on this page.
func (s *Session) flowConfig(site sites.Site, clientID string) pkce.Config {
	return pkce.Config{
		Provider:    site.Provider,
		ClientID:    clientID,
		RedirectURI: s.RedirectURI(),
		Scopes:      s.opts.Scopes,
	}
}

// Flow returns the PKCE flow for signing in to a site with its client id.
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
	return s.flow(site, clientID)
}

// flowForToken is the flow a token was issued by: its site and client, even
// when Settings changed the client id since.
func (s *Session) flowForToken(t *pkce.Token) (*pkce.Flow, error) {
	site, err := s.Site(t.SiteID)
	if err != nil {
		return nil, err
	}
	return s.flow(site, t.ClientID)
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

// ErrNoClientID means no client id is configured for the chosen site: the
// build has none and the person has not entered one in Settings.
var ErrNoClientID = errors.New("no client id is set for this site")

// NoClientIDError says which site lacks a client id and how to get one.
type NoClientIDError struct {
	Site        sites.Site
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
