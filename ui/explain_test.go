package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
)

// Every typed error of pkce, logsapi and ui maps to its own explanation, with
// a message that says what happened and a way forward.
func TestExplainEveryTypedError(t *testing.T) {
	const redirect = "http://127.0.0.1:8000/callback"
	tests := []struct {
		err    error
		code   string
		action Action
		says   []string // the message mentions these
	}{
		{&pkce.OAuthError{Code: "access_denied", Description: "The resource owner denied the request", Endpoint: pkce.EndpointAuthorize, Site: "Warcraft Logs"},
			"access-denied", ActionSignIn, []string{"declined", "Sign in again"}},
		{&pkce.OAuthError{Code: "invalid_client", Status: 401, Endpoint: pkce.EndpointToken, RedirectURI: redirect, ClientID: "abc", Grant: "authorization_code"},
			"redirect-uri-mismatch", ActionSettings, []string{redirect, "exactly"}},
		{&pkce.OAuthError{Code: "invalid_request", Description: "The redirect_uri does not match", Endpoint: pkce.EndpointAuthorize, RedirectURI: redirect},
			"redirect-uri-mismatch", ActionSettings, []string{redirect}},
		{&pkce.OAuthError{Code: "invalid_grant", Status: 400, Endpoint: pkce.EndpointToken, Grant: "authorization_code"},
			"code-rejected", ActionSignIn, []string{"Start the sign-in again"}},
		{&pkce.OAuthError{Code: "server_error", Status: 500, Endpoint: pkce.EndpointRevoke},
			"revoke-failed", ActionNone, []string{"had a problem"}},
		{pkce.ErrUnknownState, "unknown-state", ActionSignIn, []string{"start the sign-in again"}},
		{fmt.Errorf("%w (detail)", pkce.ErrStateExpired), "state-expired", ActionSignIn, []string{"expired"}},
		{pkce.ErrStateUsed, "state-used", ActionSignIn, []string{"already used"}},
		{pkce.ErrSiteMismatch, "site-mismatch", ActionSignIn, []string{"different site"}},
		{fmt.Errorf("%w (the reply names \"https://evil.example\")", pkce.ErrIssuerMismatch), "issuer-mismatch", ActionSignIn, []string{"different server", "not used", "evil.example"}},
		{pkce.ErrIssuerMissing, "issuer-missing", ActionSignIn, []string{"did not say which server", "not used"}},
		{pkce.ErrMissingState, "no-callback", ActionSignIn, []string{"no state"}},
		{pkce.ErrMissingCode, "no-callback", ActionSignIn, []string{"no authorization code"}},
		{pkce.ErrRepeatedParameter, "bad-callback", ActionSignIn, []string{"repeats"}},
		{pkce.ErrParameterTooLong, "bad-callback", ActionSignIn, []string{"too long"}},
		{pkce.ErrInvalidCallback, "bad-callback", ActionSignIn, []string{"malformed"}},
		{pkce.ErrNotSignedIn, "signed-out", ActionSignIn, []string{"not signed in"}},
		{fmt.Errorf("refreshing: %w", pkce.ErrNoRefreshToken), "session-ended", ActionSignIn, []string{"sign in again"}},
		{errors.Join(&pkce.OAuthError{Code: "invalid_grant", Status: 400, Endpoint: pkce.EndpointToken, Grant: "refresh_token"}, pkce.ErrSignInAgain),
			"session-ended", ActionSignIn, []string{"sign in again"}},
		{logsapi.ErrUnauthenticated, "unauthenticated", ActionSignIn, []string{"401", "sign in again"}},
		{logsapi.ErrForbidden, "client-blocked", ActionSettings, []string{"403", "own client"}},
		{&logsapi.RateLimitedError{RetryAfter: 90 * time.Second}, "rate-limited", ActionRetry, []string{"429", "1 minute 30 seconds"}},
		{&logsapi.ServerError{Status: 503}, "server-error", ActionRetry, []string{"503", "try again"}},
		{&pkce.ResponseError{Endpoint: "api", Status: 200, ContentType: "text/html", Snippet: "Just a moment..."}, "not-json", ActionRetry, []string{"text/html", "Just a moment"}},
		{&pkce.NetworkError{Endpoint: "token", URL: "https://www.warcraftlogs.com/oauth/token", Err: errors.New("TypeError: Failed to fetch")}, "network", ActionRetry, []string{"www.warcraftlogs.com", "CORS"}},
		{&pkce.RedirectError{Endpoint: "token", URL: "https://www.warcraftlogs.com/oauth/token", Location: "https://evil.example/steal", Status: 307}, "redirected", ActionSignIn, []string{"www.warcraftlogs.com", "https://evil.example/steal", "never follows", "nothing was sent"}},
		{&pkce.RedirectError{Endpoint: "api", URL: "https://www.warcraftlogs.com/api/v2/user"}, "redirected", ActionRetry, []string{"API", "elsewhere"}},
		{logsapi.GraphQLErrors{{Message: "Cannot query field \"nope\""}}, "graphql", ActionNone, []string{"nope"}},
		{logsapi.GraphQLErrors{{Message: "a", Path: []any{"reportData", "reports"}}, {Message: "b"}}, "graphql", ActionNone, []string{"2 errors", "a (at reportData.reports); b", "permissions"}},
		{&logsapi.RateLimitedError{}, "rate-limited", ActionRetry, []string{"429", "budget resets", "own client id"}},
		{&logsapi.ServerError{Status: 522}, "server-error", ActionRetry, []string{"522 unknown status"}},
		{logsapi.ErrResponseTooLarge, "too-large", ActionNone, []string{"32 MiB", "fewer fields"}},
		{logsapi.ErrEmptyQuery, "empty-query", ActionNone, []string{"empty", logsapi.ExampleQuery}},
		{&session.StorageError{Kind: StorageLocal, Op: "set", Err: session.ErrStorageFull}, "storage-full", ActionReload, []string{"full", "Clear"}},
		{&session.StorageError{Kind: StorageSession, Op: "open", Err: session.ErrStorageDisabled}, "storage-disabled", ActionReload, []string{"session storage", "Allow site data"}},
		{fmt.Errorf("%w (saving: x)", pkce.ErrStorage), "storage-disabled", ActionReload, []string{"storage"}},
		{&session.NoClientIDError{Site: sites.Site{Provider: pkce.Provider{Name: "FF Logs"}, ClientsURL: "https://www.fflogs.com/api/clients/"}, RedirectURI: redirect},
			"no-client-id", ActionSettings, []string{"FF Logs", "https://www.fflogs.com/api/clients/", redirect}},
		{&BadVariablesError{errors.New("invalid character")}, "bad-variables", ActionNone, []string{"JSON object"}},
		{fmt.Errorf("%w: PKCELOGS_STORAGE=\"disk\"", pkce.ErrInvalidConfig), "config", ActionNone, []string{"PKCELOGS_STORAGE", "build settings"}},
		{context.DeadlineExceeded, "timeout", ActionRetry, []string{"in time"}},
		{errors.New("something odd"), "error", ActionRetry, []string{"Something odd", "Try again"}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			ex := Explain(tt.err)
			if ex.Code != tt.code || ex.Action != tt.action {
				t.Fatalf("Explain(%v) = %q/%q, want %q/%q", tt.err, ex.Code, ex.Action, tt.code, tt.action)
			}
			if ex.Title == "" || strings.Contains(strings.ToLower(ex.Message), "logsapi") {
				t.Errorf("title %q, message %q", ex.Title, ex.Message)
			}
			for _, s := range tt.says {
				if !strings.Contains(strings.ToLower(ex.Message), strings.ToLower(s)) {
					t.Errorf("message %q does not mention %q", ex.Message, s)
				}
			}
		})
		seen[tt.code] = true
	}
	if ex := Explain(&logsapi.RateLimitedError{RetryAfter: time.Minute}); ex.RetryAfter != time.Minute {
		t.Errorf("rate-limited RetryAfter = %v", ex.RetryAfter)
	}
	if ex := Explain(nil); ex.Code != "" {
		t.Errorf("Explain(nil) = %+v", ex)
	}
}

func TestSentenceEndsWithOneFullStop(t *testing.T) {
	for in, want := range map[string]string{
		"the sign-in reply has no code":                 "The sign-in reply has no code.",
		"already a sentence.":                           "Already a sentence.",
		"the site answered (HTTP 503)":                  "The site answered (HTTP 503).",
		"redirect URI (must use https (loopback only))": "Redirect URI (must use https (loopback only)).",
		"see the settings (they say why.)":              "See the settings (they say why.)",
		"is it up?":                                     "Is it up?",
		"  ":                                            "",
		"élan":                                          "Élan.",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// logsapi's errors are explained from their types and fields, not from their
// text (which is a library's, for logs): wrapped by any caller, they read the
// same, and nothing of logsapi's wording leaks into the page.
func TestAPIErrorsAreExplainedFromTheirTypes(t *testing.T) {
	for _, err := range []error{
		logsapi.ErrUnauthenticated, logsapi.ErrForbidden, logsapi.ErrResponseTooLarge, logsapi.ErrEmptyQuery,
		&logsapi.RateLimitedError{RetryAfter: time.Minute}, &logsapi.ServerError{Status: 502},
		logsapi.GraphQLErrors{{Message: "x"}},
	} {
		bare := Explain(err)
		wrapped := Explain(fmt.Errorf("fetching the overview: %w", err))
		if bare.Code == "error" || bare != wrapped {
			t.Errorf("%T: bare %+v, wrapped %+v; want its own code and the same words", err, bare, wrapped)
		}
		if strings.Contains(bare.Message, err.Error()) {
			t.Errorf("%T: the message quotes logsapi's text %q", err, err.Error())
		}
	}
}
