package pkce

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The secrets of one sign-in, none of which may reach a redirect's target
// or appear in an error message.
const (
	secretCode    = "CODE-SECRET-4f1c"
	secretAccess  = "ACCESS-SECRET-9a2e"
	secretRefresh = "REFRESH-SECRET-77d0"
)

// redirectingSite is a token, revoke and API endpoint that answers every
// request with a redirect to target, which records whatever reaches it.
type redirectingSite struct {
	site, target *httptest.Server
	status       int

	mu      sync.Mutex
	reached []string // what the target received: method, path, headers and body
}

func newRedirectingSite(t *testing.T, status int) *redirectingSite {
	t.Helper()
	rs := &redirectingSite{status: status}
	rs.target = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rs.mu.Lock()
		rs.reached = append(rs.reached, fmt.Sprintf("%s %s %v %s", r.Method, r.URL, r.Header, body))
		rs.mu.Unlock()
		// Were it followed, this is what a token endpoint would answer.
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"stolen","token_type":"Bearer","expires_in":3600}`)
	}))
	rs.site = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Location", rs.target.URL+"/steal"+r.URL.Path+"?next=LOCATION-QUERY")
		w.WriteHeader(rs.status)
	}))
	t.Cleanup(rs.site.Close)
	t.Cleanup(rs.target.Close)
	return rs
}

func (rs *redirectingSite) flow(t *testing.T, hc *http.Client) *Flow {
	t.Helper()
	p := Provider{ID: "redir", Name: "Redirecting", AuthorizeURL: rs.site.URL + "/authorize",
		TokenURL: rs.site.URL + "/token", RevokeURL: rs.site.URL + "/revoke"}
	f, err := NewFlow(Config{Provider: p, ClientID: "c", RedirectURI: "http://127.0.0.1:1/cb", HTTPClient: hc}, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (rs *redirectingSite) token() *Token {
	return &Token{AccessToken: secretAccess, RefreshToken: secretRefresh, TokenType: "Bearer",
		SiteID: "redir", ClientID: "c", Expiry: time.Now().Add(time.Hour)}
}

// A redirect from the token endpoint (code exchange and refresh), the
// revocation endpoint or the API is never followed, natively and under
// js/wasm (where the tests run Go's own client): the code, verifier and
// tokens never reach its target, the error is a *RedirectError naming the
// endpoint and where it pointed, and its message carries no secret.
func TestRedirectsAreNotFollowed(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, c := range []struct {
			endpoint string
			call     func(t *testing.T, rs *redirectingSite, f *Flow) error
		}{
			{EndpointToken + " (code)", func(t *testing.T, rs *redirectingSite, f *Flow) error {
				state, _ := pendingCallback(t, f)
				_, err := f.Finish(context.Background(), "http://127.0.0.1:1/cb?code="+secretCode+"&state="+state)
				return err
			}},
			{EndpointToken + " (refresh)", func(t *testing.T, rs *redirectingSite, f *Flow) error {
				_, err := f.Refresh(context.Background(), rs.token())
				return err
			}},
			{EndpointRevoke, func(t *testing.T, rs *redirectingSite, f *Flow) error {
				return f.Revoke(context.Background(), rs.token())
			}},
			{EndpointAPI, func(t *testing.T, rs *redirectingSite, f *Flow) error {
				tok := rs.token()
				r := &Refresher{Flow: f, Load: func(context.Context) (*Token, error) { return tok, nil }}
				resp, err := r.Client(nil).Get(rs.site.URL + "/api")
				if err == nil {
					resp.Body.Close()
					return fmt.Errorf("HTTP %d, no error", resp.StatusCode)
				}
				return err
			}},
		} {
			t.Run(fmt.Sprintf("%s/%d", c.endpoint, status), func(t *testing.T) {
				rs := newRedirectingSite(t, status)
				err := c.call(t, rs, rs.flow(t, nil))
				var rd *RedirectError
				if !errors.As(err, &rd) || !errors.Is(err, ErrRedirected) {
					t.Fatalf("err = %T %v, want a *RedirectError", err, err)
				}
				endpoint, _, _ := strings.Cut(c.endpoint, " ")
				wantLoc := rs.target.URL + "/steal/" + strings.TrimPrefix(rd.URL, rs.site.URL+"/")
				if rd.Endpoint != endpoint || rd.Status != status || rd.Location != wantLoc || !strings.HasPrefix(rd.URL, rs.site.URL+"/") {
					t.Errorf("RedirectError %+v, want endpoint %s, status %d, location %s", *rd, endpoint, status, wantLoc)
				}
				msg := err.Error()
				for _, secret := range []string{secretCode, secretAccess, secretRefresh, "LOCATION-QUERY", "code_verifier"} {
					if strings.Contains(msg, secret) {
						t.Errorf("the message carries %q: %s", secret, msg)
					}
				}
				if !strings.Contains(msg, "redirect") || !strings.Contains(msg, rs.target.URL) {
					t.Errorf("the message does not say where the redirect pointed: %s", msg)
				}
				rs.mu.Lock()
				defer rs.mu.Unlock()
				if len(rs.reached) > 0 {
					t.Errorf("the redirect was followed: its target received %q", rs.reached)
				}
			})
		}
	}
}

// Refusing redirects changes neither http.DefaultClient nor a client the
// caller configured: the refusal lives in a copy.
func TestRedirectRefusalLeavesClientsAlone(t *testing.T) {
	rs := newRedirectingSite(t, http.StatusTemporaryRedirect)
	own := &http.Client{Timeout: time.Minute}
	for _, hc := range []*http.Client{nil, own} {
		f := rs.flow(t, hc)
		if err := f.Revoke(context.Background(), rs.token()); !errors.Is(err, ErrRedirected) {
			t.Fatalf("revoke: %v", err)
		}
		if _, err := f.Refresh(context.Background(), rs.token()); !errors.Is(err, ErrRedirected) {
			t.Fatalf("refresh: %v", err)
		}
	}
	if http.DefaultClient.CheckRedirect != nil || http.DefaultClient.Transport != nil {
		t.Error("http.DefaultClient was changed")
	}
	if own.CheckRedirect != nil || own.Transport != nil || own.Timeout != time.Minute {
		t.Errorf("the caller's client was changed: %+v", own)
	}
}

// An endpoint that does not redirect is unaffected, including a 304 or 300
// (which no client follows) and a redirect a server answers with no Location.
func TestNoRedirectsPassesOtherAnswers(t *testing.T) {
	for _, status := range []int{200, 300, 304, 400, 500} {
		rt := NoRedirects(cannedResponse{status, "text/plain", []byte("x")}, EndpointAPI)
		req, _ := http.NewRequest(http.MethodGet, "https://api.example/x", nil)
		resp, err := rt.RoundTrip(req)
		if err != nil || resp.StatusCode != status {
			t.Errorf("%d: %v %v", status, resp, err)
		}
	}
	rt := NoRedirects(cannedResponse{http.StatusFound, "text/plain", nil}, EndpointAPI)
	req, _ := http.NewRequest(http.MethodGet, "https://api.example/x?token=SECRET", nil)
	_, err := rt.RoundTrip(req)
	var rd *RedirectError
	if !errors.As(err, &rd) || rd.Location != "" || rd.URL != "https://api.example/x" || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("302 without Location: %+v %v", rd, err)
	}
	if !strings.Contains(err.Error(), "redirect elsewhere") {
		t.Errorf("message %q", err)
	}
}
