//go:build e2e

package e2e

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
	"github.com/pkcelogs/pkcelogs/sites"
)

// stack is what one test signs in against: the local provider and the app's
// development server, each on its own free 127.0.0.1 port (two origins, so
// CORS is exercised as on the real sites), both in-process.
type stack struct {
	t        *testing.T
	provider *provider.Server
	origin   string // the app's origin, http://127.0.0.1:port
	cfg      webapp.Config
}

// stackOptions vary what a test needs; the zero value is the default
// deployment with the consent page shown.
type stackOptions struct {
	autoApprove string        // approve every sign-in as this user, without the consent page
	accessTTL   time.Duration // access-token lifetime (default 1h)
	scopes      []string      // scopes the app asks for (default: all)
	storage     string        // where tokens are kept (default local)
	redirectURI string        // the app's redirect URI, path only, e.g. "/callback/" (default: computed by the page, /callback)
	moreClients []string      // ids of further public clients with the same redirect URI
	noRevoke    bool          // leave the revocation endpoint out of the site, as the Logs sites have none
}

// newStack starts a provider and an app server for the test and stops them
// when it ends. On a failure it saves what the provider received.
func newStack(t *testing.T, o stackOptions) *stack {
	t.Helper()
	s, ln := listenStack(t, o, "/callback")
	if o.redirectURI != "" {
		s.cfg.RedirectURI = s.origin + o.redirectURI
	}
	serve(t, ln, webapp.Serve(s.cfg, webDir))
	return s
}

// startProvider starts the local provider for an app at appOrigin.
func startProvider(t *testing.T, appOrigin string, o stackOptions, redirectURIs []string) *provider.Server {
	t.Helper()
	clients := []provider.Client{{ID: provider.DefaultClientID, RedirectURIs: redirectURIs}}
	for _, id := range o.moreClients {
		clients = append(clients, provider.Client{ID: id, RedirectURIs: redirectURIs})
	}
	prov, err := provider.Start(provider.Options{
		AppOrigins:     []string{appOrigin},
		Clients:        clients,
		AccessTokenTTL: o.accessTTL,
		AutoApprove:    o.autoApprove,
	})
	if err != nil {
		t.Fatalf("starting the provider: %v", err)
	}
	t.Cleanup(func() { prov.Close() })
	t.Cleanup(func() {
		if t.Failed() {
			writeArtifact(t, "provider-requests.txt", []byte(describeRequests(prov.Requests())))
		}
	})
	return prov
}

// appConfig is the deployment of the app against prov: the site fixed to the
// local provider, its public client, the redirect URI computed by the page.
func appConfig(t *testing.T, prov *provider.Server, o stackOptions) webapp.Config {
	t.Helper()
	revokeURL := prov.RevokeURL()
	if o.noRevoke {
		revokeURL = ""
	}
	site, err := sites.Custom{ID: "local", Name: "Local provider", Game: sites.GameWarcraft, AuthorizeURL: prov.AuthorizeURL(), TokenURL: prov.TokenURL(), RevokeURL: revokeURL, APIURL: prov.APIURL(), ReportURL: prov.ReportURL(), Issuer: prov.Issuer(), SendsIssuer: true, Scopes: provider.AllScopes}.Site()
	if err != nil {
		t.Fatal(err)
	}
	return webapp.Config{
		Site:      site,
		FixedSite: true,
		ClientID:  provider.DefaultClientID,
		Scopes:    o.scopes,
		Storage:   o.storage,
		Version:   "e2e",
	}
}

// serve serves h on ln until the test ends.
func serve(t *testing.T, ln net.Listener, h http.Handler) *http.Server {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("app server: %v", err)
		}
	}()
	t.Cleanup(func() { srv.Close() })
	return srv
}

// requireBuiltApp fails the test when web/app.wasm is missing.
func requireBuiltApp(t *testing.T) {
	t.Helper()
	for _, f := range []string{"app.wasm", "wasm_exec.js"} {
		if _, err := os.Stat(filepath.Join(webDir, f)); err != nil {
			t.Fatalf("%s is missing: run `make build` (or `make test-e2e`, which builds first)", filepath.Join(webDir, f))
		}
	}
}

// url is the app's address for a page path such as "/" or "/console".
func (s *stack) url(path string) string { return s.origin + path }

// requests are what the provider received at endpoint e, preflights excluded.
func (s *stack) requests(e provider.Endpoint) []provider.Recorded {
	var out []provider.Recorded
	for _, r := range s.provider.RequestsTo(e) {
		if r.Method != http.MethodOptions {
			out = append(out, r)
		}
	}
	return out
}

// tokenRequests are the token requests with the grant type ("authorization_code"
// or "refresh_token").
func (s *stack) tokenRequests(grant string) []provider.Recorded {
	var out []provider.Recorded
	for _, r := range s.requests(provider.EndpointToken) {
		if r.Form.Get("grant_type") == grant {
			out = append(out, r)
		}
	}
	return out
}

// describeRequests is the provider's request log as text, for artifacts and
// failure messages (tokens shortened: they are test tokens, but long).
func describeRequests(rs []provider.Recorded) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s %s %s %s -> %d\n", r.Time.Format("15:04:05.000"), r.Endpoint, r.Method, r.Path, r.Status)
		if len(r.Query) > 0 {
			fmt.Fprintf(&b, "    query: %s\n", shorten(r.Query.Encode()))
		}
		if len(r.Form) > 0 {
			fmt.Fprintf(&b, "    form:  %s\n", shorten(r.Form.Encode()))
		}
		if a := r.Header.Get("Authorization"); a != "" {
			fmt.Fprintf(&b, "    authorization: %s\n", shorten(a))
		}
		if r.Body != "" && len(r.Form) == 0 {
			fmt.Fprintf(&b, "    body:  %s\n", shorten(r.Body))
		}
	}
	return b.String()
}

func shorten(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
