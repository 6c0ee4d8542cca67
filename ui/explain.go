package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/sites"
)

// Action is what the button under an error message does.
type Action string

const (
	ActionNone     Action = ""
	ActionSignIn   Action = "sign-in"  // start a new sign-in
	ActionRetry    Action = "retry"    // run the failed work again
	ActionSettings Action = "settings" // open Settings (client id, redirect URI)
	ActionReload   Action = "reload"   // reload the page
)

// Explanation is an error put in a person's words.
type Explanation struct {
	Code       string        // stable id, rendered as data-error: "access-denied", "rate-limited", ...
	Title      string        // what happened, in a few words
	Message    string        // what happened and what to do
	Action     Action        // the way forward
	RetryAfter time.Duration // rate limited: how long until the budget resets (0 = unknown)
}

// Explain maps every typed error of pkce, session, logsapi and this package to
// an Explanation. Unknown errors still get their own text and a retry.
//
// pkce's and session's errors are written for a person (their Error says what
// happened and what to do), so their text is used as a sentence. logsapi's
// are a library's, prefixed "logsapi: " for logs: their words here are built
// from their types and fields (see apiMessage), never by editing that text.
func Explain(err error) Explanation {
	var (
		storageErr  *session.StorageError
		noClient    *session.NoClientIDError
		oauthErr    *pkce.OAuthError
		rateErr     *logsapi.RateLimitedError
		serverErr   *logsapi.ServerError
		responseErr *pkce.ResponseError
		networkErr  *pkce.NetworkError
		redirectErr *pkce.RedirectError
		gqlErrs     logsapi.GraphQLErrors
		badVars     *BadVariablesError
	)
	msg := ""
	if err != nil {
		msg = sentence(err.Error())
	}
	if ex, ok := explainReport(err); ok {
		return ex
	}
	switch {
	case err == nil:
		return Explanation{}
	case errors.As(err, &storageErr) && errors.Is(err, session.ErrStorageFull):
		return Explanation{"storage-full", "Browser storage is full", storageErr.Error(), ActionReload, 0}
	case errors.As(err, &storageErr):
		return Explanation{"storage-disabled", "Browser storage is unavailable", storageErr.Error(), ActionReload, 0}
	case errors.Is(err, pkce.ErrStorage):
		return Explanation{"storage-disabled", "Browser storage is unavailable", msg, ActionReload, 0}
	case errors.As(err, &badVars):
		return Explanation{"bad-variables", "Variables are not JSON", badVars.Error(), ActionNone, 0}
	case errors.As(err, &noClient):
		return Explanation{"no-client-id", "No client id", noClient.Error(), ActionSettings, 0}

	case errors.As(err, &oauthErr) && oauthErr.Code == "access_denied":
		return Explanation{"access-denied", "Sign-in declined", msg, ActionSignIn, 0}
	case errors.As(err, &oauthErr) && oauthErr.RedirectMismatch() && oauthErr.Grant != "refresh_token":
		return Explanation{"redirect-uri-mismatch", "Client or redirect URI not accepted", msg, ActionSettings, 0}
	case errors.As(err, &oauthErr) && oauthErr.Endpoint == pkce.EndpointRevoke:
		return Explanation{"revoke-failed", "Signed out here; the site did not revoke", msg, ActionNone, 0}

	case errors.Is(err, pkce.ErrStateUsed):
		return Explanation{"state-used", "This sign-in was already used", msg, ActionSignIn, 0}
	case errors.Is(err, pkce.ErrUnknownState):
		return Explanation{"unknown-state", "Sign-in not recognised", msg, ActionSignIn, 0}
	case errors.Is(err, pkce.ErrStateExpired):
		return Explanation{"state-expired", "Sign-in expired", msg, ActionSignIn, 0}
	case errors.Is(err, pkce.ErrSiteMismatch):
		return Explanation{"site-mismatch", "Sign-in for another site or client", msg, ActionSignIn, 0}
	case errors.Is(err, pkce.ErrIssuerMismatch):
		return Explanation{"issuer-mismatch", "Sign-in reply from another server", msg, ActionSignIn, 0}
	case errors.Is(err, pkce.ErrIssuerMissing):
		return Explanation{"issuer-missing", "Sign-in reply without its sender", msg, ActionSignIn, 0}
	case errors.Is(err, pkce.ErrMissingState), errors.Is(err, pkce.ErrMissingCode):
		return Explanation{"no-callback", "No sign-in to finish", msg, ActionSignIn, 0}
	case errors.Is(err, pkce.ErrRepeatedParameter), errors.Is(err, pkce.ErrParameterTooLong), errors.Is(err, pkce.ErrInvalidCallback):
		return Explanation{"bad-callback", "Malformed sign-in reply", msg, ActionSignIn, 0}

	case errors.Is(err, pkce.ErrNotSignedIn):
		return Explanation{"signed-out", "Not signed in", msg, ActionSignIn, 0}
	case errors.Is(err, pkce.ErrSignInAgain), errors.Is(err, pkce.ErrNoRefreshToken):
		return Explanation{"session-ended", "Your session has ended", msg, ActionSignIn, 0}
	case errors.Is(err, logsapi.ErrUnauthenticated):
		return Explanation{"unauthenticated", "Not signed in at the site (401)", unauthenticatedMessage, ActionSignIn, 0}
	case errors.Is(err, logsapi.ErrForbidden):
		return Explanation{"client-blocked", "Client blocked (403)", forbiddenMessage, ActionSettings, 0}
	case errors.Is(err, logsapi.ErrResponseTooLarge):
		return Explanation{"too-large", "Answer too large", tooLargeMessage(), ActionNone, 0}
	case errors.Is(err, logsapi.ErrEmptyQuery):
		return Explanation{"empty-query", "No query", "The query is empty: write one, such as " + logsapi.ExampleQuery + ", and run it.", ActionNone, 0}
	case errors.As(err, &rateErr):
		return Explanation{"rate-limited", "Rate limited (429)", rateLimitedMessage(rateErr), ActionRetry, rateErr.RetryAfter}
	case errors.As(err, &serverErr):
		return Explanation{"server-error", fmt.Sprintf("The site failed (HTTP %d)", serverErr.Status), serverErrorMessage(serverErr), ActionRetry, 0}
	case errors.As(err, &responseErr):
		return Explanation{"not-json", "Unexpected answer from the site", msg, ActionRetry, 0}
	case errors.As(err, &redirectErr):
		// Never followed (it would carry the code or token along): the
		// site's address is outdated or a proxy misroutes it.
		action := ActionRetry
		switch redirectErr.Endpoint {
		case pkce.EndpointToken:
			action = ActionSignIn
		case pkce.EndpointRevoke:
			action = ActionNone
		}
		return Explanation{"redirected", "Redirect refused", msg, action, 0}
	case errors.As(err, &networkErr):
		return Explanation{"network", "Could not reach the site", msg, ActionRetry, 0}

	case errors.As(err, &oauthErr) && oauthErr.Code == "invalid_grant":
		return Explanation{"code-rejected", "Sign-in code rejected", msg, ActionSignIn, 0}
	case errors.As(err, &oauthErr):
		return Explanation{"oauth-error", "The site refused the sign-in", msg, ActionSignIn, 0}
	case errors.As(err, &gqlErrs):
		return Explanation{"graphql", "The API reported errors", graphQLMessage(gqlErrs), ActionNone, 0}

	case errors.Is(err, sites.ErrUnknownSite), errors.Is(err, pkce.ErrInvalidConfig):
		return Explanation{"config", "This page is misconfigured", msg +
			" If you deployed this page, fix its build settings; otherwise tell whoever runs it.", ActionNone, 0}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return Explanation{"timeout", "The request took too long", "The site did not answer in time (" + strings.TrimSuffix(msg, ".") + "). Check your connection and try again.", ActionRetry, 0}
	}
	return Explanation{"error", "Something went wrong", msg + " Try again; if it keeps failing, reload the page.", ActionRetry, 0}
}

// The words for logsapi's errors, from their types and fields.
const (
	unauthenticatedMessage = "The site did not accept your sign-in (HTTP 401 Unauthenticated): the session has expired or was revoked. Sign in again."
	forbiddenMessage       = "The site refused this page's client (HTTP 403 Forbidden): it has blocked or banned this client id. " +
		"Register your own client on the site's API clients page and use its id in Settings."
)

func tooLargeMessage() string {
	return fmt.Sprintf("The answer is larger than %d MiB, more than this page will hold: ask for fewer fields or a smaller page (limit).",
		logsapi.MaxResponseBytes>>20)
}

func rateLimitedMessage(e *logsapi.RateLimitedError) string {
	wait := "when the hour's budget resets (at most an hour)"
	if in := e.RetryIn(); in != "" {
		wait = "in " + in
	}
	return "This page's client has spent its points for the hour (HTTP 429 Too Many Requests): try again " + wait +
		", or use your own client id in Settings for a budget of your own."
}

func serverErrorMessage(e *logsapi.ServerError) string {
	return fmt.Sprintf("The site's API failed on its side (HTTP %d %s). Try again in a minute, and check the site's status if it keeps failing.",
		e.Status, e.StatusText())
}

// graphQLMessage lists every error the API reported, each in the site's own
// words and with the field it concerns (GraphQLError.Error carries no prefix).
func graphQLMessage(errs logsapi.GraphQLErrors) string {
	return "The API answered with " + errs.Listed() +
		". The data that did come back is still shown; check the query, and that the sign-in has the permissions it needs."
}

// sentence capitalises msg's first letter and ends it with a full stop: the
// protocol packages' errors read as clauses ("the sign-in reply has ...").
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	if r, size := utf8.DecodeRuneInString(msg); unicode.IsLower(r) {
		msg = string(unicode.ToUpper(r)) + msg[size:]
	}
	// A closing parenthesis ends the sentence only when one ended inside it:
	// "… (HTTP 503)" needs its full stop, "… (see the settings.)" does not.
	end := strings.TrimRight(msg, ")")
	if !strings.HasSuffix(end, ".") && !strings.HasSuffix(end, "?") && !strings.HasSuffix(end, "!") {
		msg += "."
	}
	return msg
}
