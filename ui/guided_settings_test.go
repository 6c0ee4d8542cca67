//go:build !js

package ui

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

func TestSettingsGuidesTheSetUp(t *testing.T) {
	s := testSession(t, func(o *Options) { o.Site.ClientsURL = "https://logs.example/api/clients/" })
	st := &Settings{Session: s}
	d := mount(t, st)
	defer d.Close()
	mustContain(t, html(d), `data-testid="settings-steps"`, `href="https://logs.example/api/clients/"`, "Public Client",
		`data-testid="settings-redirect-uri"`, ">http://127.0.0.1:8000/callback</code>", `data-testid="settings-redirect-uri-copy"`,
		`data-testid="settings-client-id"`, `data-testid="settings-check-run"`)
	mustNotContain(t, html(d), `data-testid="settings-check-result"`) // never checked without being asked
}

// tokenServer answers every token request with the status and JSON body, and
// counts them.
func tokenServer(t *testing.T, status int, body string) (*httptest.Server, *atomic.Int32) {
	n := new(atomic.Int32)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, n
}

func siteAt(t *testing.T, srv *httptest.Server) func(*Options) {
	return func(o *Options) {
		site, err := sites.Custom{ID: "custom", Name: "Local Logs", AuthorizeURL: srv.URL + "/oauth/authorize",
			TokenURL: srv.URL + "/oauth/token", APIURL: srv.URL + "/api/v2/user"}.Site()
		if err != nil {
			t.Fatal(err)
		}
		o.Site = site
	}
}

func TestClientCheckShowsTheAnswer(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
		words  string
	}{
		{400, `{"error":"invalid_grant"}`, "accepted", "Local Logs knows client typed-id"},
		{401, `{"error":"invalid_client","error_description":"Client authentication failed"}`, "rejected", "does not know client typed-id"},
	} {
		srv, n := tokenServer(t, tc.status, tc.body)
		s := testSession(t, siteAt(t, srv))
		c := &ClientCheck{Session: s, ClientID: "typed-id"}
		d := mount(t, c)
		if n.Load() != 0 {
			t.Fatalf("the check ran without being asked")
		}
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) { c.run(ctx, s) }})
		deadline := time.Now().Add(10 * time.Second)
		for c.result == nil && time.Now().Before(deadline) {
			d.Consume()
			time.Sleep(10 * time.Millisecond)
		}
		mustContain(t, html(d), `data-status="`+tc.want+`"`, `data-client="typed-id"`, tc.words)
		if got := n.Load(); got != 1 {
			t.Errorf("%d token requests, want 1", got)
		}
		d.Close()
	}
}

// The check asks about the client id as it is when the button is pressed:
// text typed since the check last rendered (go-app hands a child its new
// fields at the next frame) is not lost.
func TestClientCheckAsksAboutTheTextAtTheClick(t *testing.T) {
	srv, _ := tokenServer(t, 401, `{"error":"invalid_client"}`)
	s := testSession(t, siteAt(t, srv))
	typed := "typed-"
	c := &ClientCheck{Session: s, ClientID: "stale-id", Subject: func() (string, string) { return "", typed }}
	d := mount(t, c)
	defer d.Close()
	typed = "typed-id" // the last keystrokes, with no frame since
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) { c.run(ctx, s) }})
	deadline := time.Now().Add(10 * time.Second)
	for c.result == nil && time.Now().Before(deadline) {
		d.Consume()
		time.Sleep(10 * time.Millisecond)
	}
	mustContain(t, html(d), `data-client="typed-id"`, "does not know client typed-id")
}

func TestStalledSignInNotice(t *testing.T) {
	s := testSession(t, nil)
	n := &StalledSignInNotice{Session: s}
	d := mount(t, n)
	defer d.Close()
	mustNotContain(t, html(d), `data-testid="stalled-signin"`)

	// A sign-in started half a minute ago that never came back.
	local, _ := s.Browser().Store(StorageLocal)
	p := pkce.Pending{State: pkce.NewState(), Verifier: pkce.NewVerifier(), SiteID: "custom", ClientID: "pkcelogs-local",
		RedirectURI: "http://127.0.0.1:8000/callback", CreatedAt: time.Now().Add(-30 * time.Second).UTC()}
	b, _ := json.Marshal(p)
	local.Set("pkce.pending."+p.State, string(b))
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: n, Function: func(ctx app.Context) { n.sync(ctx, s) }})
	page := html(d)
	mustContain(t, page, `data-testid="stalled-signin"`, "Client authentication failed", "client pkcelogs-local",
		">http://127.0.0.1:8000/callback</code>", `data-testid="stalled-signin-check-run"`, `data-testid="stalled-signin-dismiss"`)
	mustNotContain(t, page, `data-testid="stalled-signin-check-result"`)

	d.Dispatch(app.Dispatch{Mode: app.Update, Source: n, Function: func(ctx app.Context) { s.DismissStalledSignIn(n.stalled) }})
	mustNotContain(t, html(d), `data-testid="stalled-signin"`)
}
