package ui

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
)

// jargon is what a plain message must not say: protocol error codes
// (access_denied), HTTP statuses, protocol and library words. They belong in
// the folded detail.
var jargon = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|HTTP \d|\b\d{3} [A-Z]|logsapi|endpoint|CORS|OAuth|PKCE|RFC|state parameter|authorization code`)

// Every typed error of pkce, logsapi and ui maps to its own explanation: a
// message in plain words that says what happened and what to do, a way
// forward, and the technical detail (the site's own words, the status, the
// error's text) apart, for the page to fold away.
func TestExplainEveryTypedError(t *testing.T) {
	const redirect = "http://127.0.0.1:8000/callback"
	tests := []struct {
		err    error
		code   string
		action Action
		says   []string // the plain message mentions these
		detail []string // the technical detail mentions these
	}{
		{&pkce.OAuthError{Code: "access_denied", Description: "The resource owner denied the request", Endpoint: pkce.EndpointAuthorize, Site: "Warcraft Logs"},
			"access-denied", ActionSignIn, []string{"You chose not to give pkcelogs access to your Warcraft Logs account", "try again"},
			[]string{"access_denied", "The resource owner denied the request"}},
		{&pkce.OAuthError{Code: "invalid_client", Status: 401, Endpoint: pkce.EndpointToken, RedirectURI: redirect, ClientID: "abc", Grant: "authorization_code"},
			"redirect-uri-mismatch", ActionSettings, []string{redirect, "exactly"}, []string{"invalid_client", "HTTP 401"}},
		{&pkce.OAuthError{Code: "invalid_request", Description: "The redirect_uri does not match", Endpoint: pkce.EndpointAuthorize, RedirectURI: redirect},
			"redirect-uri-mismatch", ActionSettings, []string{redirect}, []string{"redirect_uri does not match"}},
		{&pkce.OAuthError{Code: "invalid_grant", Status: 400, Endpoint: pkce.EndpointToken, Grant: "authorization_code"},
			"code-rejected", ActionSignIn, []string{"Start the sign-in again"}, []string{"invalid_grant", "HTTP 400"}},
		{&pkce.OAuthError{Code: "server_error", Status: 500, Endpoint: pkce.EndpointRevoke},
			"revoke-failed", ActionNone, []string{"signed out on this page", "remove pkcelogs' access"}, []string{"server_error", "had a problem"}},
		{pkce.ErrUnknownState, "unknown-state", ActionSignIn, []string{"start the sign-in again"}, []string{"does not match any sign-in"}},
		{fmt.Errorf("%w (detail)", pkce.ErrStateExpired), "state-expired", ActionSignIn, []string{"expired"}, []string{"(detail)"}},
		{pkce.ErrStateUsed, "state-used", ActionSignIn, []string{"already finished", "sign in again"}, []string{"already used"}},
		{pkce.ErrSiteMismatch, "site-mismatch", ActionSignIn, []string{"different site"}, []string{"different site or client"}},
		{fmt.Errorf("%w (the reply names \"https://evil.example\")", pkce.ErrIssuerMismatch), "issuer-mismatch", ActionSignIn,
			[]string{"different server", "not used"}, []string{"evil.example"}},
		{pkce.ErrIssuerMissing, "issuer-missing", ActionSignIn, []string{"did not say which server", "not used"}, []string{"did not say which server"}},
		{pkce.ErrMissingState, "no-callback", ActionSignIn, []string{"none to finish"}, []string{"no state"}},
		{pkce.ErrMissingCode, "no-callback", ActionSignIn, []string{"none to finish"}, []string{"no authorization code"}},
		{pkce.ErrRepeatedParameter, "bad-callback", ActionSignIn, []string{"damaged"}, []string{"repeats"}},
		{pkce.ErrParameterTooLong, "bad-callback", ActionSignIn, []string{"damaged"}, []string{"too long"}},
		{pkce.ErrInvalidCallback, "bad-callback", ActionSignIn, []string{"damaged"}, []string{"malformed"}},
		{pkce.ErrNotSignedIn, "signed-out", ActionSignIn, []string{"not signed in"}, nil},
		{fmt.Errorf("refreshing: %w", pkce.ErrNoRefreshToken), "session-ended", ActionSignIn, []string{"sign in again"}, []string{"no refresh token"}},
		{errors.Join(&pkce.OAuthError{Code: "invalid_grant", Status: 400, Endpoint: pkce.EndpointToken, Grant: "refresh_token"}, pkce.ErrSignInAgain),
			"session-ended", ActionSignIn, []string{"sign in again"}, []string{"invalid_grant"}},
		{logsapi.ErrUnauthenticated, "unauthenticated", ActionSignIn, []string{"no longer accepts", "sign in again"}, []string{"HTTP 401 Unauthenticated"}},
		{logsapi.ErrForbidden, "client-blocked", ActionSettings, []string{"refuses this page's client", "own client"}, []string{"HTTP 403 Forbidden"}},
		{&logsapi.RateLimitedError{RetryAfter: 90 * time.Second}, "rate-limited", ActionRetry, []string{"hourly allowance", "1 minute 30 seconds"},
			[]string{"HTTP 429", "Retry-After: 90 s"}},
		{&logsapi.ServerError{Status: 503}, "server-error", ActionRetry, []string{"failed on its side", "try again"}, []string{"HTTP 503 Service Unavailable"}},
		{&pkce.ResponseError{Endpoint: "api", Status: 200, ContentType: "text/html", Snippet: "Just a moment..."}, "not-json", ActionRetry,
			[]string{"web page instead of data"}, []string{"text/html", "Just a moment"}},
		{&pkce.NetworkError{Endpoint: "token", URL: "https://www.warcraftlogs.com/oauth/token", Err: errors.New("TypeError: Failed to fetch")}, "network", ActionRetry,
			[]string{"www.warcraftlogs.com", "offline"}, []string{"CORS", "Failed to fetch"}},
		{&pkce.RedirectError{Endpoint: "token", URL: "https://www.warcraftlogs.com/oauth/token", Location: "https://evil.example/steal", Status: 307}, "redirected", ActionSignIn,
			[]string{"www.warcraftlogs.com", "https://evil.example/steal", "never follows", "nothing was sent"}, []string{"HTTP 307", "token endpoint"}},
		{&pkce.RedirectError{Endpoint: "api", URL: "https://www.warcraftlogs.com/api/v2/user"}, "redirected", ActionRetry, []string{"API", "elsewhere"}, []string{"site's API"}},
		{logsapi.GraphQLErrors{{Message: "Cannot query field \"nope\""}}, "graphql", ActionNone, []string{"nope"}, nil},
		{logsapi.GraphQLErrors{{Message: "a", Path: []any{"reportData", "reports"}}, {Message: "b"}}, "graphql", ActionNone, []string{"2 errors", "a (at reportData.reports); b", "permissions"}, nil},
		{&logsapi.RateLimitedError{}, "rate-limited", ActionRetry, []string{"allowance resets", "own client id"}, []string{"HTTP 429"}},
		{&logsapi.ServerError{Status: 522}, "server-error", ActionRetry, []string{"try again"}, []string{"522 unknown status"}},
		{logsapi.ErrResponseTooLarge, "too-large", ActionNone, []string{"32 MiB", "fewer fields"}, nil},
		{logsapi.ErrEmptyQuery, "empty-query", ActionNone, []string{"empty", logsapi.ExampleQuery}, nil},
		{&session.StorageError{Kind: StorageLocal, Op: "set", Err: session.ErrStorageFull}, "storage-full", ActionReload, []string{"full", "Clear"}, nil},
		{&session.StorageError{Kind: StorageSession, Op: "open", Err: session.ErrStorageDisabled}, "storage-disabled", ActionReload, []string{"session storage", "Allow site data"}, nil},
		{fmt.Errorf("%w (saving: x)", pkce.ErrStorage), "storage-disabled", ActionReload, []string{"storage", "Allow site data"}, []string{"saving: x"}},
		{&session.NoClientIDError{Site: sites.Site{Provider: pkce.Provider{Name: "FF Logs"}, ClientsURL: "https://www.fflogs.com/api/clients/"}, RedirectURI: redirect},
			"no-client-id", ActionSettings, []string{"FF Logs", "https://www.fflogs.com/api/clients/", redirect}, nil},
		{&BadVariablesError{errors.New("invalid character")}, "bad-variables", ActionNone, []string{"JSON object"}, nil},
		{fmt.Errorf("%w: PKCELOGS_STORAGE=\"disk\"", pkce.ErrInvalidConfig), "config", ActionNone, []string{"set up wrongly", "build settings"}, []string{"PKCELOGS_STORAGE"}},
		{context.DeadlineExceeded, "timeout", ActionRetry, []string{"in time"}, []string{"deadline exceeded"}},
		{errors.New("something odd"), "error", ActionRetry, []string{"Something went wrong", "Try again"}, []string{"Something odd"}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			ex := Explain(tt.err)
			if ex.Code != tt.code || ex.Action != tt.action {
				t.Fatalf("Explain(%v) = %q/%q, want %q/%q", tt.err, ex.Code, ex.Action, tt.code, tt.action)
			}
			if ex.Title == "" || strings.Contains(strings.ToLower(ex.Message), "logsapi") || strings.Contains(strings.ToLower(ex.Detail), "logsapi") {
				t.Errorf("title %q, message %q, detail %q", ex.Title, ex.Message, ex.Detail)
			}
			// The console's errors keep their own words: the API's list of
			// mistakes, the JSON parser's complaint.
			if tt.code != "graphql" && tt.code != "bad-variables" {
				if j := jargon.FindString(ex.Title + " " + ex.Message); j != "" {
					t.Errorf("the plain words say %q: %q / %q", j, ex.Title, ex.Message)
				}
			}
			for _, s := range tt.says {
				if !strings.Contains(strings.ToLower(ex.Message), strings.ToLower(s)) {
					t.Errorf("message %q does not mention %q", ex.Message, s)
				}
			}
			for _, s := range tt.detail {
				if !strings.Contains(strings.ToLower(ex.Detail), strings.ToLower(s)) {
					t.Errorf("detail %q does not mention %q", ex.Detail, s)
				}
			}
			// What the site said in OAuth terms is only in the detail.
			var oe *pkce.OAuthError
			if errors.As(tt.err, &oe) {
				for _, raw := range []string{oe.Code, oe.Description} {
					if raw != "" && strings.Contains(ex.Title+" "+ex.Message, raw) {
						t.Errorf("the plain words quote the site's %q: %q / %q", raw, ex.Title, ex.Message)
					}
					if raw != "" && !strings.Contains(ex.Detail, raw) {
						t.Errorf("the detail %q lacks the site's %q", ex.Detail, raw)
					}
				}
			}
		})
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
