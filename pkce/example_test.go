package pkce_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// The verifier stays in the browser; only its S256 challenge is sent (RFC 7636
// Appendix B).
func ExampleS256Challenge() {
	fmt.Println(pkce.S256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
	// Output: E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM
}

// warcraftLogs is a provider shaped like Warcraft Logs (the sites package has
// the real presets).
var warcraftLogs = pkce.Provider{
	ID:           "warcraftlogs",
	Name:         "Warcraft Logs",
	AuthorizeURL: "https://www.warcraftlogs.com/oauth/authorize",
	TokenURL:     "https://www.warcraftlogs.com/oauth/token",
	Scopes:       []string{"view-user-profile", "view-private-reports"},
}

// Start records a pending sign-in and returns the address to navigate to, in the
// same tab.
func ExampleFlow_Start() {
	site := warcraftLogs
	flow, err := pkce.NewFlow(pkce.Config{
		Provider:    site,
		ClientID:    "9a1b2c3d-your-public-client",
		RedirectURI: "http://localhost:8000/callback", // registered exactly like this
	}, pkce.NewMemoryStore()) // in the browser: a localStorage-backed Store
	if err != nil {
		log.Fatal(err)
	}
	authorizeURL, err := flow.Start("/reports")
	if err != nil {
		log.Fatal(err)
	}
	u, _ := url.Parse(authorizeURL)
	q := u.Query()
	fmt.Println(u.Host + u.Path)
	for _, k := range []string{"response_type", "client_id", "redirect_uri", "scope", "code_challenge_method"} {
		fmt.Printf("%s=%s\n", k, q.Get(k))
	}
	fmt.Println("state and code_challenge:", len(q.Get("state")), len(q.Get("code_challenge")), "characters")
	// Output:
	// www.warcraftlogs.com/oauth/authorize
	// response_type=code
	// client_id=9a1b2c3d-your-public-client
	// redirect_uri=http://localhost:8000/callback
	// scope=view-user-profile view-private-reports
	// code_challenge_method=S256
	// state and code_challenge: 43 43 characters
}

// Finish takes the callback address, checks it against the pending sign-in, and
// exchanges the code. Here a stand-in token endpoint plays the site.
func ExampleFlow_Finish() {
	tokenEndpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		// A public client sends client_id and code_verifier, and no secret.
		if r.PostForm.Get("code_verifier") == "" || r.PostForm.Has("client_secret") || r.Header.Get("Authorization") != "" {
			http.Error(w, `{"error":"invalid_request"}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"token_type": "Bearer", "expires_in": 3600, "access_token": "at-1", "refresh_token": "rt-1"})
	}))
	defer tokenEndpoint.Close()

	site := pkce.Provider{ID: "example", Name: "Example", AuthorizeURL: tokenEndpoint.URL + "/authorize", TokenURL: tokenEndpoint.URL + "/token"}
	flow, _ := pkce.NewFlow(pkce.Config{Provider: site, ClientID: "public-client", RedirectURI: "http://localhost:8000/callback"}, pkce.NewMemoryStore())
	authorizeURL, _ := flow.Start("/console")
	state := mustParse(authorizeURL).Query().Get("state")

	// The site redirects back to the redirect URI with a code and the state.
	callback := "http://localhost:8000/callback?code=c-1&state=" + state
	res, err := flow.Finish(context.Background(), callback)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("return to:", res.ReturnTo)
	fmt.Println("address bar:", res.CleanURL)
	fmt.Println("refresh token kept:", res.Token.RefreshToken != "")

	// The same callback again (reload, back button) is refused by name.
	_, err = flow.Finish(context.Background(), callback)
	fmt.Println(errors.Is(err, pkce.ErrStateUsed))
	// Output:
	// return to: /console
	// address bar: http://localhost:8000/callback
	// refresh token kept: true
	// true
}

// The site's refusal comes back as an *OAuthError with a message for the person.
func ExampleParseCallback() {
	cb, err := pkce.ParseCallback("http://localhost:8000/callback?error=access_denied&message=The+user+denied+the+request&state=abc")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cb.Err.Code, "-", cb.Err.Description)

	_, err = pkce.ParseCallback("http://localhost:8000/callback?code=a&code=b&state=abc")
	fmt.Println(errors.Is(err, pkce.ErrRepeatedParameter))
	// Output:
	// access_denied - The user denied the request
	// true
}

func ExampleCleanURL() {
	fmt.Println(pkce.CleanURL("https://me.github.io/pkcelogs/callback?code=abc&state=xyz&lang=fr"))
	// Output: https://me.github.io/pkcelogs/callback?lang=fr
}

// Branch on what went wrong: errors.Is for the named cases, errors.As for the
// site's own error; every message is written for the person using the page.
func ExampleOAuthError() {
	err := error(&pkce.OAuthError{Code: "invalid_client", Status: 401, Endpoint: pkce.EndpointToken,
		Site: "Warcraft Logs", ClientID: "9a1b", RedirectURI: "http://localhost:8000/callback"})
	var oe *pkce.OAuthError
	if errors.As(err, &oe) && oe.RedirectMismatch() {
		fmt.Println(err)
	}
	// Output: Warcraft Logs rejected this app's client or redirect URI (invalid_client; HTTP 401). The redirect URI registered for this client must be exactly "http://localhost:8000/callback" (same scheme, host, port, path and trailing slash), and client "9a1b" must exist and be marked Public Client.
}

// A Refresher keeps the session fresh: its Client adds the Bearer token, refreshes
// shortly before expiry and once after a 401, and passes every new token to Save.
// In the browser Load and Save use IndexedDB, Spend records spent refresh tokens
// there, and Locker is the Web Locks API, so tabs never spend one refresh token twice.
func ExampleRefresher() {
	site := warcraftLogs
	flow, _ := pkce.NewFlow(pkce.Config{Provider: site, ClientID: "public-client", RedirectURI: "http://localhost:8000/callback"}, pkce.NewMemoryStore())
	var mu sync.Mutex
	var current *pkce.Token // nil: signed out
	r := &pkce.Refresher{
		Flow: flow,
		Load: func(context.Context) (*pkce.Token, error) {
			mu.Lock()
			defer mu.Unlock()
			return current, nil
		},
		Save: func(_ context.Context, old, renewed *pkce.Token) error {
			mu.Lock()
			defer mu.Unlock()
			if current != old {
				return pkce.ErrSuperseded // signed out or in anew meanwhile
			}
			current = renewed
			return nil
		},
	}
	_, err := r.Client(nil).Post("https://www.warcraftlogs.com/api/v2/user", "application/json", nil)
	if errors.Is(err, pkce.ErrSignInAgain) {
		fmt.Fprintln(os.Stdout, "not signed in yet")
	}
	// Output: not signed in yet
}

func mustParse(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	return u
}
