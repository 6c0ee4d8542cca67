//go:build !js

package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ory/fosite"
)

// The paths the real sites use, relative to the provider's origin.
const (
	AuthorizePath = "/oauth/authorize"
	TokenPath     = "/oauth/token"
	RevokePath    = "/oauth/revoke" // the real sites have no RFC 7009 endpoint; ours exists for the client's sign-out
	APIPath       = "/api/v2/user"
)

// DefaultClientID is the public client registered when Options.Clients is empty.
const DefaultClientID = "pkcelogs-local"

// Scopes the provider offers, as on the real sites.
const (
	ScopeViewUserProfile    = "view-user-profile"
	ScopeViewPrivateReports = "view-private-reports"
)

// AllScopes lists every scope, in the order the consent page shows them.
var AllScopes = []string{ScopeViewUserProfile, ScopeViewPrivateReports}

// Games select the schema flavour, as sites.Site.Game does.
const (
	GameWarcraft = "warcraft"
	GameFFXIV    = "ffxiv"
	GameESO      = "eso"
)

// Defaults applied by New.
const (
	DefaultAccessTokenTTL   = time.Hour
	DefaultCodeTTL          = 10 * time.Minute
	DefaultRefreshTokenTTL  = 30 * 24 * time.Hour
	DefaultRateLimitPerHour = 3600
)

// Options configures a Provider. With the zero value nobody can sign in (its one client has
// no redirect URIs): set Clients, for example to [LocalClient] of the app's origin.
type Options struct {
	// BaseURL is the provider's own origin, e.g. "http://127.0.0.1:8001": the JWT issuer and
	// the base of links on its pages. Start fills it in when empty.
	BaseURL string
	// AppOrigins are the origins allowed by CORS on the token, revocation and API endpoints,
	// e.g. "http://127.0.0.1:8000". The authorize endpoint never sends CORS headers.
	AppOrigins []string
	// Clients are the registered clients; all are public (no secret), like a site's
	// "Public Client" tick box. Default: one client DefaultClientID with no redirect URIs.
	Clients []Client
	// AccessTokenTTL is the access-token lifetime (default 1h). Short values let tests
	// exercise refresh.
	AccessTokenTTL time.Duration
	// CodeTTL is the authorization-code lifetime (default 10 minutes).
	CodeTTL time.Duration
	// AutoApprove, a fixture login such as "alice", approves every authorization request as
	// that user without showing the consent page (tests and benchmarks).
	AutoApprove string
	// Game is "warcraft" (default), "ffxiv" or "eso": which fields the schema offers.
	Game string
	// RateLimitPerHour is the points each client may spend per hour (default 3600).
	RateLimitPerHour int
	// PublicAnyoneCanSignIn lets [Start] listen on an address that is not loopback. The
	// provider has no passwords: whoever reaches its consent page signs in as a fixture
	// user, and with AutoApprove nobody is even asked. Leave it false unless everyone who
	// can reach that address may do so (a throw-away VM, a container network of tests).
	PublicAnyoneCanSignIn bool
	// Issuer says what authorization responses carry as iss (RFC 9207 §2): by default
	// the issuer identifier, BaseURL. Tests set it to omit iss or send a wrong one.
	Issuer IssuerParameter
}

// Client is a registered public OAuth 2.0 client. Redirect URIs match exactly: scheme,
// host, port, path and trailing slash.
type Client struct {
	ID           string
	RedirectURIs []string
}

// LocalClient is the default public client for an app served at appOrigin (for example
// "http://127.0.0.1:8000"): its redirect URI is appOrigin + "/callback", the app's
// callback page.
func LocalClient(appOrigin string) Client {
	return Client{ID: DefaultClientID, RedirectURIs: []string{strings.TrimSuffix(appOrigin, "/") + "/callback"}}
}

// Provider is the OAuth 2.0 server and the user GraphQL API, as one http.Handler.
type Provider struct {
	opts    Options
	clients map[string]Client
	mux     *http.ServeMux

	oauth      fosite.OAuth2Provider
	config     *dynamicConfig
	consentKey []byte // signs consent forms, so another site cannot post an approval
	users      *userDirectory
	api        *graphAPI
	limits     *rateLimiter

	faults      faultTable
	requests    requestLog
	autoApprove atomic.Pointer[user] // nil: show the consent page
	issuer      atomic.Pointer[IssuerParameter]
}

// New builds a Provider from opts, applying defaults and checking them.
func New(opts Options) (*Provider, error) {
	opts.BaseURL = trimSlash(opts.BaseURL)
	if opts.AccessTokenTTL == 0 {
		opts.AccessTokenTTL = DefaultAccessTokenTTL
	}
	if opts.CodeTTL == 0 {
		opts.CodeTTL = DefaultCodeTTL
	}
	if opts.RateLimitPerHour == 0 {
		opts.RateLimitPerHour = DefaultRateLimitPerHour
	}
	if opts.Game == "" {
		opts.Game = GameWarcraft
	}
	if len(opts.Clients) == 0 {
		opts.Clients = []Client{{ID: DefaultClientID}}
	}
	if opts.AccessTokenTTL < 0 || opts.CodeTTL < 0 || opts.RateLimitPerHour < 0 {
		return nil, fmt.Errorf("provider: lifetimes and the rate limit must not be negative")
	}
	switch opts.Game {
	case GameWarcraft, GameFFXIV, GameESO:
	default:
		return nil, fmt.Errorf("provider: unknown game %q (want %q, %q or %q)", opts.Game, GameWarcraft, GameFFXIV, GameESO)
	}
	p := &Provider{opts: opts, clients: map[string]Client{}, users: newUserDirectory(opts.Game)}
	p.SetIssuerParameter(opts.Issuer)
	if err := p.SetAutoApprove(opts.AutoApprove); err != nil {
		return nil, err
	}
	for _, o := range opts.AppOrigins {
		if err := checkOrigin(o); err != nil {
			return nil, err
		}
	}
	for _, c := range opts.Clients {
		if c.ID == "" {
			return nil, fmt.Errorf("provider: a client has an empty id")
		}
		if _, dup := p.clients[c.ID]; dup {
			return nil, fmt.Errorf("provider: client %q is registered twice", c.ID)
		}
		for _, u := range c.RedirectURIs {
			if err := checkRedirectURI(u); err != nil {
				return nil, fmt.Errorf("provider: client %q: %w", c.ID, err)
			}
		}
		p.clients[c.ID] = c
	}
	if err := p.setupOAuth(); err != nil {
		return nil, err
	}
	api, err := newGraphAPI(opts.Game, opts.BaseURL, p.users)
	if err != nil {
		return nil, err
	}
	p.api = api
	p.limits = newRateLimiter(opts.RateLimitPerHour, time.Now)
	p.routes()
	return p, nil
}

// Options returns the options in effect, defaults applied.
func (p *Provider) Options() Options { return p.opts }

// AuthorizeURL is the authorization endpoint (RFC 6749 §3.1) under Options.BaseURL.
func (p *Provider) AuthorizeURL() string { return p.opts.BaseURL + AuthorizePath }

// TokenURL is the token endpoint (RFC 6749 §3.2).
func (p *Provider) TokenURL() string { return p.opts.BaseURL + TokenPath }

// RevokeURL is the revocation endpoint (RFC 7009 §2).
func (p *Provider) RevokeURL() string { return p.opts.BaseURL + RevokePath }

// APIURL is the user GraphQL endpoint.
func (p *Provider) APIURL() string { return p.opts.BaseURL + APIPath }

// SetAccessTokenTTL changes the lifetime of access tokens issued from now on.
func (p *Provider) SetAccessTokenTTL(d time.Duration) { p.config.setAccessTokenTTL(d) }

// SetRateLimit changes the points each client may spend per hour, from the next request on.
func (p *Provider) SetRateLimit(perHour int) { p.limits.setLimit(perHour) }

// ResetRateLimits forgets the points every client has spent this hour.
func (p *Provider) ResetRateLimits() { p.limits.reset() }

// SetAutoApprove makes the authorize endpoint approve every request as the fixture user
// login, without the consent page; "" brings the consent page back.
func (p *Provider) SetAutoApprove(login string) error {
	if login == "" {
		p.autoApprove.Store(nil)
		return nil
	}
	u := p.users.byLogin(login)
	if u == nil {
		return fmt.Errorf("provider: auto-approve user %q is not a fixture user (use one of %s)", login, strings.Join(UserLogins(), ", "))
	}
	p.autoApprove.Store(u)
	return nil
}

// ServeHTTP routes to the OAuth 2.0 endpoints, the consent page and the API.
func (p *Provider) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.mux.ServeHTTP(w, r) }

func (p *Provider) routes() {
	p.mux = http.NewServeMux()
	p.mux.Handle(AuthorizePath, p.endpoint(EndpointAuthorize, false, http.HandlerFunc(p.handleAuthorize)))
	p.mux.Handle(TokenPath, p.endpoint(EndpointToken, true, http.HandlerFunc(p.handleToken)))
	p.mux.Handle(RevokePath, p.endpoint(EndpointRevoke, true, http.HandlerFunc(p.handleRevoke)))
	p.mux.Handle(APIPath, p.endpoint(EndpointAPI, true, http.HandlerFunc(p.handleAPI)))
	p.mux.HandleFunc(ReportPagePath, p.handleReportPage)
	p.mux.HandleFunc("/avatars/", p.handleAvatar)
	p.mux.HandleFunc("/favicon.ico", handleFavicon)
	p.mux.HandleFunc("/", p.handleIndex)
}

// endpoint wraps h with, in order: the request log, CORS (when cors is true) and faults.
// Preflight requests are answered by CORS and never faulted, so a browser sees the fault
// itself rather than a CORS failure.
func (p *Provider) endpoint(e Endpoint, cors bool, h http.Handler) http.Handler {
	h = p.withFault(e, h)
	if cors {
		h = p.withCORS(h)
	}
	return p.withLog(e, h)
}

func checkOrigin(o string) error {
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return fmt.Errorf("provider: app origin %q must be scheme://host[:port], like http://127.0.0.1:8000", o)
	}
	return nil
}

// checkRedirectURI applies at registration what fosite checks at every request, so a bad
// registration fails at start-up with a clear message rather than at sign-in.
func checkRedirectURI(s string) error {
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Fragment != "" {
		return fmt.Errorf("redirect URI %q must be an absolute URL without a fragment", s)
	}
	if !fosite.IsRedirectURISecureStrict(context.Background(), u) {
		return fmt.Errorf("redirect URI %q must use https, or http on a loopback host such as 127.0.0.1 or localhost (RFC 8252 §8.3)", s)
	}
	return nil
}
