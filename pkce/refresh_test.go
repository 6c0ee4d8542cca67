package pkce

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// signedIn runs a full sign-in against srv and returns the flow and token.
func signedIn(t *testing.T, srv *strictServer) (*Flow, *Token) {
	t.Helper()
	f, _ := srv.flow(nil)
	raw, err := f.Start("/")
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Finish(context.Background(), srv.approve(raw))
	if err != nil {
		t.Fatal(err)
	}
	return f, res.Token
}

func TestRefreshRotates(t *testing.T) {
	srv := newStrictServer(t)
	f, tok := signedIn(t, srv)
	nt, err := f.Refresh(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	if nt.AccessToken == tok.AccessToken || nt.RefreshToken == tok.RefreshToken || nt.RefreshToken == "" {
		t.Fatalf("not rotated: %v", nt)
	}
	if nt.Subject != "7" || len(nt.Scopes) != 2 || nt.Expiry.IsZero() {
		t.Errorf("refreshed token lost claims: %v", nt)
	}
	var keys []string
	for k := range srv.lastForm {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if want := "client_id grant_type refresh_token"; strings.Join(keys, " ") != want {
		t.Errorf("refresh form has %q, want exactly %q", strings.Join(keys, " "), want)
	}
	if srv.lastForm.Get("refresh_token") != tok.RefreshToken || srv.lastForm.Get("grant_type") != "refresh_token" {
		t.Errorf("refresh form = %v", srv.lastForm)
	}

	// The spent refresh token is refused: a new sign-in is needed.
	_, err = f.Refresh(context.Background(), tok)
	var oe *OAuthError
	if !errors.Is(err, ErrSignInAgain) || !errors.As(err, &oe) || oe.Code != "invalid_grant" || oe.Grant != "refresh_token" {
		t.Fatalf("reuse: %v", err)
	}
	// The rotated one still works.
	if _, err := f.Refresh(context.Background(), nt); err != nil {
		t.Fatal(err)
	}
}

func TestRefreshKeepsRefreshTokenWhenNotRotated(t *testing.T) {
	srv := newStrictServer(t)
	srv.noRotate = true
	f, tok := signedIn(t, srv)
	nt, err := f.Refresh(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	if nt.RefreshToken != tok.RefreshToken || nt.AccessToken == tok.AccessToken {
		t.Fatalf("got %v", nt)
	}
}

func TestRefreshFailures(t *testing.T) {
	srv := newStrictServer(t)
	f, tok := signedIn(t, srv)
	ctx := context.Background()

	if _, err := f.Refresh(ctx, &Token{AccessToken: "a", SiteID: "strict", ClientID: "test-client"}); !errors.Is(err, ErrNoRefreshToken) || !errors.Is(err, ErrSignInAgain) {
		t.Errorf("no refresh token: %v", err)
	}
	other := *tok
	other.SiteID = "fflogs"
	if _, err := f.Refresh(ctx, &other); !errors.Is(err, ErrSiteMismatch) {
		t.Errorf("other site: %v", err)
	}

	// invalid_request and invalid_client also mean "sign in again".
	for _, body := range []string{`{"error":"invalid_request","message":"The refresh token is invalid."}`, `{"error":"invalid_client"}`} {
		g := flowWithAnswer(t, f, 400, "application/json", body)
		_, err := g.Refresh(ctx, tok)
		if !errors.Is(err, ErrSignInAgain) {
			t.Errorf("%s: %v", body, err)
		}
	}
	// A CDN page or a network failure is not a reason to sign in again.
	g := flowWithAnswer(t, f, 503, "text/html", "<title>Service Unavailable</title>")
	_, err := g.Refresh(ctx, tok)
	var re *ResponseError
	if !errors.As(err, &re) || errors.Is(err, ErrSignInAgain) || re.Snippet != "Service Unavailable" {
		t.Errorf("CDN page: %v", err)
	}
	srv.srv.Close()
	_, err = f.Refresh(ctx, tok)
	var ne *NetworkError
	if !errors.As(err, &ne) || errors.Is(err, ErrSignInAgain) || ne.Endpoint != EndpointToken {
		t.Errorf("server down: %T %v", err, err)
	}
}

// flowWithAnswer returns a copy of f whose every HTTP request gets one canned answer.
func flowWithAnswer(t *testing.T, f *Flow, status int, ct, body string) *Flow {
	cfg := f.Config()
	cfg.HTTPClient = &http.Client{Transport: cannedResponse{status, ct, []byte(body)}}
	g, err := NewFlow(cfg, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestRevoke(t *testing.T) {
	srv := newStrictServer(t)
	f, tok := signedIn(t, srv)
	if err := f.Revoke(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	if srv.revoked[tok.RefreshToken] != "refresh_token" || srv.revoked[tok.AccessToken] != "access_token" {
		t.Errorf("revoked = %v", srv.revoked)
	}
	if srv.lastForm != nil && srv.lastForm.Has("client_secret") {
		t.Error("secret sent")
	}
	if _, err := f.Refresh(context.Background(), tok); !errors.Is(err, ErrSignInAgain) {
		t.Errorf("refresh after revoke: %v", err)
	}

	// No endpoint (the real Logs sites): no request at all.
	cfg := Config{Provider: mustSite(t, "esologs"), ClientID: "c", RedirectURI: "https://me.example/cb",
		HTTPClient: &http.Client{Transport: failTransport{t}}}
	g, err := NewFlow(cfg, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Revoke(context.Background(), tok); err != nil {
		t.Errorf("no-op revoke: %v", err)
	}

	// Failures are typed.
	err = flowWithAnswer(t, f, 400, "application/json", `{"error":"unsupported_token_type"}`).Revoke(context.Background(), tok)
	var oe *OAuthError
	if !errors.As(err, &oe) || oe.Endpoint != EndpointRevoke || oe.Code != "unsupported_token_type" {
		t.Errorf("revoke error: %v", err)
	}
	err = flowWithAnswer(t, f, 502, "text/html", "<title>Bad gateway</title>").Revoke(context.Background(), tok)
	var re *ResponseError
	if !errors.As(err, &re) || re.Endpoint != EndpointRevoke || re.Status != 502 {
		t.Errorf("revoke CDN page: %v", err)
	}
}

type failTransport struct{ t *testing.T }

func (f failTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("unexpected request to %s", r.URL)
	return nil, errors.New("no requests expected")
}
