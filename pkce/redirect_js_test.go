//go:build js && wasm

package pkce

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fetchRecorder stands in for net/http's fetch transport: it records the
// fetch redirect option each request asked for and answers as a browser
// answers a redirect under "manual", with an opaque response (status 0).
type fetchRecorder struct {
	mu    sync.Mutex
	modes map[string]string // path -> js.fetch:redirect
}

func (f *fetchRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	f.mu.Lock()
	f.modes[req.URL.Path] = req.Header.Get(fetchRedirectHeader)
	f.mu.Unlock()
	return (cannedResponse{0, "", nil}).RoundTrip(req)
}

// In a browser fetch follows redirects by itself, whatever CheckRedirect
// says, unless the request asks it not to: every token, revoke and API
// request carries js.fetch:redirect "manual", and the browser's opaque
// redirect (status 0) comes back as a *RedirectError. (Under Node.js the
// tests' net/http uses Go's own client, not fetch, hence the stand-in; the
// real browser is covered by dev/e2e TestRedirectingEndpointsAreRefused, and
// Go's own client by TestRedirectsAreNotFollowed, which runs here too.)
func TestFetchIsToldNotToFollowRedirects(t *testing.T) {
	rec := &fetchRecorder{modes: map[string]string{}}
	p := Provider{ID: "redir", Name: "Redirecting", AuthorizeURL: "https://site.example/authorize",
		TokenURL: "https://site.example/token", RevokeURL: "https://site.example/revoke"}
	f, err := NewFlow(Config{Provider: p, ClientID: "c", RedirectURI: "https://app.example/cb", HTTPClient: &http.Client{Transport: rec}}, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	tok := &Token{AccessToken: secretAccess, RefreshToken: secretRefresh, SiteID: "redir", ClientID: "c"}
	state, _ := pendingCallback(t, f)
	_, finishErr := f.Finish(context.Background(), "https://app.example/cb?code="+secretCode+"&state="+state)
	_, refreshErr := f.Refresh(context.Background(), tok)
	revokeErr := f.Revoke(context.Background(), tok)
	r := &Refresher{Flow: f, Load: func(context.Context) (*Token, error) { return tok, nil }}
	_, apiErr := r.Client(rec).Get("https://site.example/api?x=1")
	for name, err := range map[string]error{"finish": finishErr, "refresh": refreshErr, "revoke": revokeErr, "api": apiErr} {
		var rd *RedirectError
		if !errors.As(err, &rd) || rd.Status != 0 || rd.Location != "" {
			t.Errorf("%s: %T %v, want an opaque *RedirectError", name, err, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "redirect elsewhere") || strings.Contains(msg, "SECRET") {
			t.Errorf("%s: message %q", name, msg)
		}
	}
	for _, path := range []string{"/token", "/revoke", "/api"} {
		if got := rec.modes[path]; got != "manual" {
			t.Errorf("%s: js.fetch:redirect = %q, want manual", path, got)
		}
	}
}

// Go's own client (under Node.js, or a Transport with a dialer) refuses the
// header as an invalid field name before sending anything: the request goes
// once more without it, body and all, and arrives exactly once.
func TestGoClientGetsNoFetchHeader(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, string(body))
		mu.Unlock()
	}))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader("token=x"))
	resp, err := NoRedirects(nil, EndpointRevoke).RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%v %v", resp, err)
	}
	resp.Body.Close()
	if len(got) != 1 || got[0] != "token=x" {
		t.Errorf("the server received %q, want the body once", got)
	}
	if req.Header.Get(fetchRedirectHeader) != "" {
		t.Error("the caller's request was changed")
	}
}
