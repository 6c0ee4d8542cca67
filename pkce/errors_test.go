package pkce

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestNetworkErrorExplainsFailedToFetch(t *testing.T) {
	// What net/http reports in a browser when fetch rejects (CORS, offline, down).
	e := &NetworkError{Endpoint: EndpointToken, URL: "https://www.warcraftlogs.com/oauth/token", Err: errors.New("net/http: fetch() failed: TypeError: Failed to fetch")}
	msg := e.Error()
	for _, s := range []string{"www.warcraftlogs.com", "offline", "CORS", "failed to fetch", "try again"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message %q lacks %q", msg, s)
		}
	}
	if !errors.Is(e, e.Err) {
		t.Error("NetworkError does not unwrap")
	}
	// Cancellation stays visible to callers through the chain.
	f := testFlow(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.Refresh(ctx, &Token{AccessToken: "a", RefreshToken: "r", SiteID: "warcraftlogs", ClientID: "9a1b-client"})
	var ne *NetworkError
	if !errors.As(err, &ne) || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled refresh: %T %v", err, err)
	}
}

func TestOAuthErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		e    OAuthError
		has  []string
		not  []string
		sign bool // needs a new sign-in when from a refresh
	}{
		{OAuthError{Code: "invalid_client", Status: 401, Endpoint: EndpointToken, RedirectURI: "http://localhost:8000/callback", ClientID: "abc", Site: "FF Logs"},
			[]string{`"http://localhost:8000/callback"`, "must be exactly", `"abc"`, "Public Client", "FF Logs"}, nil, false},
		{OAuthError{Code: "invalid_request", Description: "Invalid redirect URI", Endpoint: EndpointToken, RedirectURI: "https://a.example/cb"},
			[]string{`exactly "https://a.example/cb"`}, nil, false},
		{OAuthError{Code: "access_denied", Endpoint: EndpointAuthorize}, []string{"declined", "Sign in again"}, []string{"redirect"}, false},
		{OAuthError{Code: "invalid_grant", Grant: "refresh_token", Endpoint: EndpointToken, Description: "The refresh token is invalid."}, []string{"sign in again", "(invalid_grant: The refresh token is invalid)"}, nil, true},
		{OAuthError{Code: "invalid_client", Grant: "refresh_token", Endpoint: EndpointToken}, []string{"sign in again"}, []string{"must be exactly"}, true},
		{OAuthError{Code: "server_error", Status: 500, Endpoint: EndpointToken}, []string{"try again"}, nil, false},
		{OAuthError{Code: "weird", Description: strings.Repeat("x", 2000)}, []string{"weird"}, nil, false},
	} {
		msg := tc.e.Error()
		for _, s := range tc.has {
			if !strings.Contains(msg, s) {
				t.Errorf("%s message %q lacks %q", tc.e.Code, msg, s)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(msg, s) {
				t.Errorf("%s message %q has %q", tc.e.Code, msg, s)
			}
		}
		if len(msg) > 800 {
			t.Errorf("%s message is %d bytes", tc.e.Code, len(msg))
		}
	}
}

func TestSentinelMessagesSayWhatToDo(t *testing.T) {
	for _, e := range []error{ErrMissingState, ErrMissingCode, ErrRepeatedParameter, ErrParameterTooLong, ErrInvalidCallback,
		ErrUnknownState, ErrStateExpired, ErrStateUsed, ErrSiteMismatch, ErrNoRefreshToken, ErrSignInAgain, ErrNotSignedIn} {
		msg := strings.ToLower(e.Error())
		if !strings.Contains(msg, "sign in") && !strings.Contains(msg, "sign-in") {
			t.Errorf("%q does not say to sign in", msg)
		}
	}
}
