//go:build e2e

package e2e

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/oidcprovider"
	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
	"github.com/pkcelogs/pkcelogs/sites"
)

// oidcSiteName is what the app calls the zitadel server.
const oidcSiteName = "Zitadel OP"

// authServer is what the flows that run against both authorization servers
// (the local provider and zitadel's OP) need from them: their own records
// and their knobs.
type authServer interface {
	name() string
	// refreshes are the refresh-token grant requests the server received.
	refreshes() []presented
	// lastIssued is when the server last answered a token request with
	// tokens.
	lastIssued() time.Time
	// accessTTL is the lifetime of the access tokens it issues.
	accessTTL() time.Duration
	// holdNextRefresh lets the next refresh take effect at once and
	// answers it only after d.
	holdNextRefresh(d time.Duration)
	describe() string
}

// presented is one refresh token presented at a token endpoint.
type presented struct {
	time   time.Time
	token  string
	status int
}

// app is one deployment of the app against one server.
type app struct {
	t      *testing.T
	origin string
	server authServer
}

func (a *app) url(path string) string { return a.origin + path }

// oidcStack is the app deployed against zitadel's OP as a custom provider,
// configured as a deployer would with -site custom.
type oidcStack struct {
	app
	op  *oidcprovider.Server
	cfg webapp.Config
	ttl time.Duration
}

type oidcOptions struct {
	accessTTL time.Duration // default 1h
	storage   string        // default local
}

func newOIDCStack(t *testing.T, o oidcOptions) *oidcStack {
	t.Helper()
	requireBuiltApp(t)
	if o.accessTTL == 0 {
		o.accessTTL = time.Hour
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	origin := "http://" + ln.Addr().String()
	op, err := oidcprovider.Start(oidcprovider.Options{
		AppOrigins:     []string{origin},
		RedirectURIs:   []string{origin + "/callback"},
		AccessTokenTTL: o.accessTTL,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { op.Close() })
	site, err := sites.Custom{ID: "custom", Name: oidcSiteName, Game: sites.GameWarcraft, AuthorizeURL: op.AuthorizeURL(), TokenURL: op.TokenURL(), RevokeURL: op.RevokeURL(), APIURL: op.APIURL(), Issuer: op.URL, SendsIssuer: true, Scopes: []string{"offline_access", provider.ScopeViewUserProfile, provider.ScopeViewPrivateReports}}.Site()
	if err != nil {
		t.Fatal(err)
	}
	s := &oidcStack{op: op, ttl: o.accessTTL}
	s.app = app{t: t, origin: origin, server: s}
	s.cfg = webapp.Config{Site: site, FixedSite: true, ClientID: op.ClientID(), Storage: o.storage, Version: "e2e"}
	serve(t, ln, webapp.Serve(s.cfg, webDir))
	t.Cleanup(func() {
		if t.Failed() {
			writeArtifact(t, "oidc-server.txt", []byte(s.describe()))
		}
	})
	return s
}

func (s *oidcStack) name() string             { return "zitadel" }
func (s *oidcStack) accessTTL() time.Duration { return s.ttl }
func (s *oidcStack) holdNextRefresh(d time.Duration) {
	s.op.SetRefreshHold(d, 1)
}

func (s *oidcStack) refreshes() []presented {
	var out []presented
	for _, r := range s.op.Refreshes() {
		out = append(out, presented{r.Time, r.RefreshToken, r.Status})
	}
	return out
}

func (s *oidcStack) lastIssued() time.Time {
	var last time.Time
	for _, r := range s.op.TokenRequests() {
		if r.Status == http.StatusOK {
			last = r.Time
		}
	}
	return last
}

func (s *oidcStack) describe() string {
	var b strings.Builder
	for _, r := range s.op.TokenRequests() {
		fmt.Fprintf(&b, "%s token %s refresh_token=%s client_id=%s secret=%v -> %d\n", r.Time.Format("15:04:05.000"), r.Grant, short(r.RefreshToken), r.ClientID, r.HasSecret, r.Status)
	}
	for _, r := range s.op.Revocations() {
		fmt.Fprintf(&b, "%s grant %s revoked: %s\n", r.Time.Format("15:04:05.000"), short(r.Grant), r.Reason)
	}
	for _, r := range s.op.APIRequests() {
		fmt.Fprintf(&b, "%s api -> %d\n", r.Time.Format("15:04:05.000"), r.Status)
	}
	return b.String()
}

func short(tok string) string {
	if len(tok) > 10 {
		return tok[:10] + "…"
	}
	return tok
}

// localApp is the app against the local provider, as an authServer.
type localApp struct {
	*stack
	ttl time.Duration
}

func newLocalApp(t *testing.T, o stackOptions) *localApp {
	s := &localApp{stack: newStack(t, o), ttl: o.accessTTL}
	if s.ttl == 0 {
		s.ttl = time.Hour
	}
	return s
}

func (s *localApp) app() *app {
	return &app{t: s.t, origin: s.origin, server: s}
}

func (s *localApp) name() string             { return "local" }
func (s *localApp) accessTTL() time.Duration { return s.ttl }
func (s *localApp) holdNextRefresh(d time.Duration) {
	s.provider.SetFault(provider.EndpointToken, provider.Fault{Delay: d, Hold: true, Times: 1})
}

func (s *localApp) refreshes() []presented {
	var out []presented
	for _, r := range s.tokenRequests("refresh_token") {
		out = append(out, presented{r.Time, r.Form.Get("refresh_token"), r.Status})
	}
	return out
}

func (s *localApp) lastIssued() time.Time {
	var last time.Time
	for _, r := range s.requests(provider.EndpointToken) {
		if r.Status == http.StatusOK {
			last = r.Time
		}
	}
	return last
}

func (s *localApp) describe() string { return describeRequests(s.requests(provider.EndpointToken)) }

// noRefreshTokenSpentTwice fails the test when the server saw any refresh
// token presented more than once, or any refresh rejected.
func noRefreshTokenSpentTwice(t *testing.T, srv authServer) {
	t.Helper()
	seen := map[string]int{}
	for _, p := range srv.refreshes() {
		seen[p.token]++
		if seen[p.token] == 2 {
			t.Errorf("%s: refresh token %s presented more than once", srv.name(), short(p.token))
		}
		if p.status != http.StatusOK {
			t.Errorf("%s: a refresh was rejected (%d) at %s", srv.name(), p.status, p.time.Format("15:04:05.000"))
		}
	}
	if t.Failed() {
		t.Logf("%s token requests:\n%s", srv.name(), srv.describe())
	}
}

// waitForExpiry waits until the last access token the server issued has
// expired, plus a second, after waiting (bounded) for the tabs to settle:
// no token request for two seconds.
func waitForExpiry(t *testing.T, srv authServer) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for time.Since(srv.lastIssued()) < 2*time.Second {
		if time.Now().After(deadline) {
			t.Fatalf("%s: token requests did not stop for 2 s within %v:\n%s", srv.name(), waitTimeout, srv.describe())
		}
		time.Sleep(200 * time.Millisecond)
	}
	wait := time.Until(srv.lastIssued().Add(srv.accessTTL() + time.Second))
	if wait > waitTimeout {
		t.Fatalf("%s: the access token lives %v more; the test would wait too long", srv.name(), wait)
	}
	time.Sleep(wait)
}
