package pkce

import (
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// Config is what a Flow needs: the provider, this app's public client id and exact
// redirect URI. There is no client secret: a browser cannot keep one (RFC 8252 §8.5).
type Config struct {
	Provider    Provider
	ClientID    string
	RedirectURI string
	Scopes      []string         // nil: Provider.Scopes
	HTTPClient  *http.Client     // nil: http.DefaultClient
	Now         func() time.Time // nil: time.Now
}

// Flow runs the authorization code flow with PKCE for one provider and client:
// Start, Finish, Refresh and Revoke. It is safe for concurrent use.
type Flow struct {
	cfg   Config
	store Store
	mu    sync.Mutex // serialises look-up and deletion of pending sign-ins
}

// NewFlow checks cfg and returns a Flow that keeps pending sign-ins in store.
func NewFlow(cfg Config, store Store) (*Flow, error) {
	if err := cfg.Provider.Validate(); err != nil {
		return nil, err
	}
	if !validClientID(cfg.ClientID) {
		return nil, detail(ErrInvalidConfig, "client id %q must be 1-256 visible ASCII characters", clip(cfg.ClientID, 64))
	}
	if err := CheckRedirectURI(cfg.RedirectURI); err != nil {
		return nil, err
	}
	if cfg.Scopes == nil {
		cfg.Scopes = cfg.Provider.Scopes
	}
	for _, sc := range cfg.Scopes {
		if !validScopeToken(sc) {
			return nil, detail(ErrInvalidConfig, "scope %q is not a valid scope token (RFC 6749 §3.3)", clip(sc, 64))
		}
	}
	cfg.Scopes = append([]string(nil), cfg.Scopes...)
	cfg.Provider.Scopes = append([]string(nil), cfg.Provider.Scopes...)
	if store == nil {
		return nil, detail(ErrInvalidConfig, "no store for pending sign-ins")
	}
	return &Flow{cfg: cfg, store: store}, nil
}

// Config returns the configuration in use, with defaults applied.
func (f *Flow) Config() Config {
	c := f.cfg
	c.Scopes = append([]string(nil), c.Scopes...)
	c.Provider.Scopes = append([]string(nil), c.Provider.Scopes...)
	return c
}

func (f *Flow) now() time.Time {
	if f.cfg.Now != nil {
		return f.cfg.Now()
	}
	return time.Now()
}

func (f *Flow) httpClient() *http.Client {
	if f.cfg.HTTPClient != nil {
		return f.cfg.HTTPClient
	}
	return http.DefaultClient
}

// oauth2Config is the x/oauth2 view of the flow: a public client, so no secret and
// client_id in the form body (AuthStyleInParams), never a Basic header.
func (f *Flow) oauth2Config(redirectURI string) *oauth2.Config {
	return &oauth2.Config{
		ClientID: f.cfg.ClientID,
		Endpoint: oauth2.Endpoint{
			AuthURL:   f.cfg.Provider.AuthorizeURL,
			TokenURL:  f.cfg.Provider.TokenURL,
			AuthStyle: oauth2.AuthStyleInParams,
		},
		RedirectURL: redirectURI,
		Scopes:      f.cfg.Scopes,
	}
}

func validClientID(id string) bool {
	if id == "" || len(id) > 256 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return false
		}
	}
	return true
}
