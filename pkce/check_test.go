package pkce

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// checkServer answers every token request with status, content type and body,
// and records what it received.
type checkServer struct {
	srv  *httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
	form []url.Values
}

func newCheckServer(t *testing.T, status int, contentType, body string) *checkServer {
	cs := &checkServer{}
	cs.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f, _ := url.ParseQuery(string(b))
		cs.mu.Lock()
		cs.reqs, cs.form = append(cs.reqs, r), append(cs.form, f)
		cs.mu.Unlock()
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(cs.srv.Close)
	return cs
}

func checkFlow(t *testing.T, tokenURL string) *Flow {
	t.Helper()
	f, err := NewFlow(Config{
		Provider:    Provider{ID: "wcl", Name: "Warcraft Logs", AuthorizeURL: "https://www.warcraftlogs.example/oauth/authorize", TokenURL: tokenURL},
		ClientID:    "my-client",
		RedirectURI: "http://127.0.0.1:8000/callback",
	}, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCheckClientAnswers(t *testing.T) {
	const (
		jsonCT = "application/json"
		// Shaped like the Logs sites' (league/oauth2-server) answers.
		invalidGrant  = `{"error":"invalid_grant","error_description":"The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.","hint":"Cannot validate the provided authorization code.","message":"The provided authorization grant is invalid."}`
		invalidClient = `{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`
	)
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        ClientStatus
		message     []string // in Message()
		details     string   // in Details()
	}{
		{"registered client", 400, jsonCT, invalidGrant, ClientAccepted,
			[]string{"knows client my-client", "Client authentication failed", "not exactly http://127.0.0.1:8000/callback", "https://clients.example/"}, "Cannot validate the provided authorization code"},
		{"unknown client", 401, jsonCT, invalidClient, ClientRejected,
			[]string{"does not know client my-client", "Public Client", "https://clients.example/"}, "invalid_client: Client authentication failed; HTTP 401"},
		{"unauthorized client", 400, jsonCT, `{"error":"unauthorized_client"}`, ClientRejected, []string{"does not know client my-client"}, "unauthorized_client"},
		{"CDN page", 503, "text/html", "<html><title>Just a moment...</title></html>", ClientUnclear, []string{"cannot interpret"}, "HTTP 503"},
		{"another OAuth error", 400, jsonCT, `{"error":"invalid_request","error_description":"Code challenge must be provided for public clients"}`, ClientUnclear,
			[]string{"cannot interpret"}, "Code challenge must be provided"},
		{"a token for a made-up code", 200, jsonCT, `{"token_type":"Bearer","expires_in":3600,"access_token":"should-not-be-kept"}`, ClientUnclear,
			[]string{"cannot interpret"}, "discarded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs := newCheckServer(t, tc.status, tc.contentType, tc.body)
			c := checkFlow(t, cs.srv.URL+"/oauth/token").CheckClient(context.Background())
			c.ClientsURL = "https://clients.example/"
			if c.Status != tc.want {
				t.Fatalf("status %v, want %v (err %v)", c.Status, tc.want, c.Err)
			}
			for _, m := range tc.message {
				if !strings.Contains(c.Message(), m) {
					t.Errorf("message lacks %q: %s", m, c.Message())
				}
			}
			if !strings.Contains(c.Details(), tc.details) {
				t.Errorf("details lack %q: %s", tc.details, c.Details())
			}
			if strings.Contains(c.Message()+c.Details(), "should-not-be-kept") {
				t.Errorf("the check shows the token it was given")
			}
			wantCheckRequest(t, cs)
		})
	}
}

// wantCheckRequest asserts the one request a check sends: an authorization-code
// grant with a made-up code, a fresh valid verifier, the client id and redirect
// URI, and no secret.
func wantCheckRequest(t *testing.T, cs *checkServer) {
	t.Helper()
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if len(cs.reqs) != 1 {
		t.Fatalf("%d requests, want exactly one", len(cs.reqs))
	}
	r, f := cs.reqs[0], cs.form[0]
	if r.Method != http.MethodPost || r.URL.Path != "/oauth/token" || r.URL.RawQuery != "" || r.Header.Get("Authorization") != "" {
		t.Errorf("%s %s with Authorization %q", r.Method, r.URL, r.Header.Get("Authorization"))
	}
	code := f.Get("code")
	if !strings.HasPrefix(code, CheckCodePrefix) || len(code) < len(CheckCodePrefix)+43 {
		t.Errorf("code %q is not a made-up check code", code)
	}
	if f.Get("grant_type") != "authorization_code" || f.Get("client_id") != "my-client" || f.Get("redirect_uri") != "http://127.0.0.1:8000/callback" ||
		CheckVerifier(f.Get("code_verifier")) != nil || f.Has("client_secret") {
		t.Errorf("form %v", f)
	}
}

func TestCheckClientFreshCodeAndVerifier(t *testing.T) {
	cs := newCheckServer(t, 400, "application/json", `{"error":"invalid_grant"}`)
	f := checkFlow(t, cs.srv.URL+"/oauth/token")
	f.CheckClient(context.Background())
	f.CheckClient(context.Background())
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.form[0].Get("code") == cs.form[1].Get("code") || cs.form[0].Get("code_verifier") == cs.form[1].Get("code_verifier") {
		t.Errorf("two checks sent the same code or verifier: %v, %v", cs.form[0], cs.form[1])
	}
}

func TestCheckClientSiteDown(t *testing.T) {
	cs := newCheckServer(t, 200, "text/plain", "")
	cs.srv.Close() // nothing listens there any more
	c := checkFlow(t, cs.srv.URL+"/oauth/token").CheckClient(context.Background())
	var ne *NetworkError
	if c.Status != ClientUnreachable || !errors.As(c.Err, &ne) {
		t.Fatalf("status %v err %v, want ClientUnreachable with a *NetworkError", c.Status, c.Err)
	}
	if !strings.Contains(c.Message(), "could not be reached") || !strings.Contains(c.Message(), "CORS") {
		t.Errorf("message: %s", c.Message())
	}
}

func TestCheckClientTimesOut(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block }))
	defer srv.Close()
	defer close(block)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if c := checkFlow(t, srv.URL+"/oauth/token").CheckClient(ctx); c.Status != ClientUnreachable {
		t.Fatalf("status %v err %v, want ClientUnreachable", c.Status, c.Err)
	}
}

func TestPendingSignIns(t *testing.T) {
	store := NewMemoryStore()
	now := time.Now()
	f := checkFlow(t, "https://www.warcraftlogs.example/oauth/token")
	f.store = store
	// Oldest first: Start prunes by its own clock.
	for _, at := range []struct {
		returnTo string
		age      time.Duration
	}{{"/expired", PendingTTL + time.Second}, {"/oldest", 2 * time.Minute}, {"/older", time.Minute}} {
		f.cfg.Now = func() time.Time { return now.Add(-at.age) }
		if _, err := f.Start(at.returnTo); err != nil {
			t.Fatal(err)
		}
	}
	store.Set(pendingKeyPrefix+"junk", "{not json")
	got, err := PendingSignIns(store, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ReturnTo != "/oldest" || got[1].ReturnTo != "/older" {
		t.Fatalf("pending sign-ins %+v, want /oldest then /older", got)
	}
	if got[0].ClientID != "my-client" || got[0].RedirectURI != "http://127.0.0.1:8000/callback" {
		t.Errorf("pending %+v", got[0])
	}
	// Listing takes nothing: each can still be looked up.
	if _, err := LookupPending(store, got[0].State, now); err != nil {
		t.Errorf("after listing: %v", err)
	}
}
