//go:build !js

package oidcprovider

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rs/cors"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Paths of the endpoints, relative to the issuer: the library's defaults for
// the OAuth ones.
const (
	AuthorizePath = "/authorize"
	TokenPath     = "/oauth/token"
	RevokePath    = "/revoke"
	APIPath       = "/api/v2/user"
	loginPath     = "/login"
)

// Scopes the client may ask for beyond the OpenID ones (openid,
// offline_access, ...): the Logs sites' scopes.
var Scopes = []string{provider.ScopeViewUserProfile, provider.ScopeViewPrivateReports}

// Options configure the server; the zero value plus AppOrigins and
// RedirectURIs is a working server.
type Options struct {
	// AppOrigins are the origins allowed by CORS, e.g. "http://127.0.0.1:8000".
	AppOrigins []string
	// ClientID is the public client's id (default "pkcelogs").
	ClientID string
	// RedirectURIs are the client's redirect URIs, matched exactly.
	RedirectURIs []string
	// AccessTokenTTL is the JWT access tokens' lifetime (default 1h).
	AccessTokenTTL time.Duration
	// RefreshTokenTTL is each refresh token's lifetime (default 24h).
	RefreshTokenTTL time.Duration
	// User is the fixture login every sign-in is approved as (default
	// provider.UserAlice); the API answers with its data.
	User string
	// Game selects the API's schema flavour (default warcraft).
	Game string
}

// DefaultClientID is the client id when Options.ClientID is empty.
const DefaultClientID = "pkcelogs"

// TokenRequest is one request to the token endpoint as the server saw it.
type TokenRequest struct {
	Time         time.Time
	Grant        string // grant_type
	RefreshToken string // the refresh token presented, for grant_type=refresh_token
	ClientID     string
	HasSecret    bool   // a client_secret or Authorization header came along
	Status       int    // the answer's status
	Issued       string // the refresh token the answer carried, if any
}

// APIRequest is one request to the API, as answered.
type APIRequest struct {
	Time   time.Time
	Bearer string // the access token it carried (a test server's log)
	Status int
}

// Server is the OP with its API, listening on a free loopback port.
type Server struct {
	// URL is the issuer identifier and base of every endpoint, e.g.
	// "http://127.0.0.1:41234".
	URL string

	store    *storage
	srv      *http.Server
	clientID string

	mu        sync.Mutex
	tokens    []TokenRequest
	api       []APIRequest
	hold      time.Duration
	holdTimes int
}

// Start listens on a free 127.0.0.1 port and serves until Close.
func Start(o Options) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s, h, err := newServer(o, "http://"+ln.Addr().String())
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

func newServer(o Options, issuer string) (*Server, http.Handler, error) {
	if o.ClientID == "" {
		o.ClientID = DefaultClientID
	}
	if o.AccessTokenTTL == 0 {
		o.AccessTokenTTL = time.Hour
	}
	if o.RefreshTokenTTL == 0 {
		o.RefreshTokenTTL = 24 * time.Hour
	}
	if o.User == "" {
		o.User = provider.UserAlice
	}
	c := &client{
		id: o.ClientID, redirectURIs: slices.Clone(o.RedirectURIs), scopes: Scopes,
		loginURL: func(id string) string { return issuer + loginPath + "?authRequestID=" + url.QueryEscape(id) },
	}
	st, err := newStorage(c, o.AccessTokenTTL, o.RefreshTokenTTL, o.User)
	if err != nil {
		return nil, nil, err
	}
	var key [32]byte
	rand.Read(key[:])
	corsOpts := &cors.Options{
		AllowedOrigins: o.AppOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Accept", "Authorization", "Content-Type"},
		MaxAge:         600,
	}
	p, err := op.NewProvider(&op.Config{
		CryptoKey:             key,
		CodeMethodS256:        true,
		GrantTypeRefreshToken: true,
		SupportedScopes:       append([]string{oidc.ScopeOpenID, oidc.ScopeOfflineAccess}, Scopes...),
	}, st, op.StaticIssuer(issuer), op.WithAllowInsecure(), op.WithCORSOptions(corsOpts))
	if err != nil {
		return nil, nil, fmt.Errorf("oidcprovider: %w", err)
	}
	s := &Server{URL: issuer, store: st, clientID: o.ClientID}

	verifier := op.NewAccessTokenVerifier(issuer, &op.OpenIDKeySet{Storage: st})
	api, err := provider.ForeignAPI(o.Game, issuer, func(r *http.Request) (provider.Bearer, bool) {
		scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			return provider.Bearer{}, false
		}
		claims, err := op.VerifyAccessToken[*oidc.AccessTokenClaims](r.Context(), token, verifier)
		if err != nil {
			return provider.Bearer{}, false
		}
		g, ok := st.activeAccess(claims.JWTID)
		if !ok || g.subject != claims.Subject {
			return provider.Bearer{}, false
		}
		return provider.Bearer{Login: g.subject, Scopes: g.scopes, ClientID: g.clientID}, true
	})
	if err != nil {
		return nil, nil, err
	}

	mux := http.NewServeMux()
	mux.HandleFunc(loginPath, func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("authRequestID")
		if err := st.approve(id); err != nil {
			http.Error(w, "unknown or expired authorization request", http.StatusBadRequest)
			return
		}
		http.Redirect(w, r, issuer+AuthorizePath+"/callback?id="+url.QueryEscape(id), http.StatusFound)
	})
	mux.Handle(APIPath, cors.New(*corsOpts).Handler(s.recordAPI(api)))
	mux.Handle("/", s.recordTokens(addIss(issuer, c.redirectURIs, p)))
	return s, mux, nil
}

// Close stops the server.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Close()
}

func (s *Server) AuthorizeURL() string { return s.URL + AuthorizePath }
func (s *Server) TokenURL() string     { return s.URL + TokenPath }
func (s *Server) RevokeURL() string    { return s.URL + RevokePath }
func (s *Server) APIURL() string       { return s.URL + APIPath }
func (s *Server) ClientID() string     { return s.clientID }

// SetAccessTokenTTL changes the lifetime of access tokens issued from now on.
func (s *Server) SetAccessTokenTTL(d time.Duration) { s.store.setAccessTTL(d) }

// SetRefreshHold makes the next n refresh requests (0: every one) take
// effect at once, the presented token spent and new ones issued, but
// answers them only after d: the widest window in which a client can act
// on a refresh it has not heard the end of. d = 0 ends the hold.
func (s *Server) SetRefreshHold(d time.Duration, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hold, s.holdTimes = d, n
}

// TokenRequests are every request the token endpoint received, in order.
func (s *Server) TokenRequests() []TokenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.tokens)
}

// Refreshes are the refresh-token grant requests, in order of arrival.
func (s *Server) Refreshes() []TokenRequest {
	var out []TokenRequest
	for _, t := range s.TokenRequests() {
		if t.Grant == "refresh_token" {
			out = append(out, t)
		}
	}
	return out
}

// Reused are the refresh tokens presented more than once at the token
// endpoint, each with how often: with rotation, any entry is a client
// spending a token twice.
func (s *Server) Reused() map[string]int {
	count := map[string]int{}
	for _, t := range s.Refreshes() {
		count[t.RefreshToken]++
	}
	for tok, n := range count {
		if n < 2 {
			delete(count, tok)
		}
	}
	return count
}

// Revocations are the grants the server ended, and why.
func (s *Server) Revocations() []Revocation { return s.store.Revocations() }

// APIRequests are the API's requests with their answers, in order.
func (s *Server) APIRequests() []APIRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.api)
}

func (s *Server) recordAPI(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.mu.Lock()
		_, bearer, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		s.api = append(s.api, APIRequest{Time: time.Now(), Bearer: bearer, Status: sw.status})
		s.mu.Unlock()
	})
}

// recordTokens records every POST to the token endpoint and applies the
// refresh hold.
func (s *Server) recordTokens(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != TokenPath || r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
		if err != nil {
			http.Error(w, "cannot read the request", http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		_, _, basic := r.BasicAuth()
		rec := TokenRequest{
			Time: time.Now(), Grant: form.Get("grant_type"), ClientID: form.Get("client_id"),
			HasSecret: form.Has("client_secret") || basic,
		}
		if rec.Grant == "refresh_token" {
			rec.RefreshToken = form.Get("refresh_token")
		}
		var hold time.Duration
		s.mu.Lock()
		if rec.Grant == "refresh_token" && s.hold > 0 {
			hold = s.hold
			if s.holdTimes > 0 {
				if s.holdTimes--; s.holdTimes == 0 {
					s.hold = 0
				}
			}
		}
		s.mu.Unlock()

		bw := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(bw, r)
		rec.Status = bw.status
		var answer struct {
			RefreshToken string `json:"refresh_token"`
		}
		if json.Unmarshal(bw.body.Bytes(), &answer) == nil {
			rec.Issued = answer.RefreshToken
		}
		s.mu.Lock()
		s.tokens = append(s.tokens, rec)
		s.mu.Unlock()
		if hold > 0 {
			t := time.NewTimer(hold)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		for k, v := range bw.header {
			w.Header()[k] = v
		}
		// The whole chain, the library's CORS middleware included, wrote
		// to bw: its header carries everything.
		w.WriteHeader(bw.status)
		w.Write(bw.body.Bytes())
	})
}

// addIss adds RFC 9207's iss parameter to every authorization response
// (success or error) redirected to one of the client's redirect URIs: the
// library does not, and a client that knows the issuer can then tell this
// server's responses from a mix-up attacker's (RFC 9207 §2, §2.4).
func addIss(issuer string, redirectURIs []string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, AuthorizePath) {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&issWriter{ResponseWriter: w, issuer: issuer, redirectURIs: redirectURIs}, r)
	})
}

type issWriter struct {
	http.ResponseWriter
	issuer       string
	redirectURIs []string
	wrote        bool
}

func (w *issWriter) WriteHeader(status int) {
	if !w.wrote && status >= 300 && status < 400 {
		if u, err := url.Parse(w.Header().Get("Location")); err == nil {
			base := *u
			base.RawQuery, base.Fragment = "", ""
			if slices.Contains(w.redirectURIs, base.String()) {
				q := u.Query()
				q.Set("iss", w.issuer)
				u.RawQuery = q.Encode()
				w.Header().Set("Location", u.String())
			}
		}
	}
	w.wrote = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *issWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// bufferedWriter keeps a response until it is let go.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (w *bufferedWriter) Header() http.Header { return w.header }
func (w *bufferedWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
}
func (w *bufferedWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.body.Write(b)
}
