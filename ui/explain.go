package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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
	Message    string        // what happened and what to do, in plain words
	Action     Action        // the way forward
	RetryAfter time.Duration // rate limited: how long until the budget resets (0 = unknown)
	// Detail is the technical detail, folded away under the message (see
	// ErrorView): the site's own words (an OAuth error code and description,
	// an HTTP status), the error's full text. "" when the message is all.
	Detail string
}

// Explain maps every typed error of pkce, session, logsapi and this package to
// an Explanation in plain words. Unknown errors still get their own text (as
// the detail) and a retry.
//
// The message says what happened and what to do, without protocol terms
// (no "access_denied", no "HTTP 401"); those, and the error's own text, go to
// Detail. logsapi's errors are a library's, prefixed "logsapi: " for logs:
// their words and detail are built from their types and fields (see
// apiDetail), never from that text.
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
	// plain is an explanation whose detail is the error's own text.
	plain := func(code, title, message string, action Action) Explanation {
		return Explanation{Code: code, Title: title, Message: message, Action: action, Detail: msg}
	}
	switch {
	case err == nil:
		return Explanation{}
	case errors.As(err, &storageErr) && errors.Is(err, session.ErrStorageFull):
		return Explanation{Code: "storage-full", Title: "Browser storage is full", Message: storageErr.Error(), Action: ActionReload}
	case errors.As(err, &storageErr):
		return Explanation{Code: "storage-disabled", Title: "Browser storage is unavailable", Message: storageErr.Error(), Action: ActionReload}
	case errors.Is(err, pkce.ErrStorage):
		return plain("storage-disabled", "Browser storage is unavailable", "Your browser's storage refused to keep the sign-in "+
			"(it may be full, turned off for this site, or in a private window). Allow site data for this page, then reload.", ActionReload)
	case errors.As(err, &badVars):
		return Explanation{"bad-variables", "Variables are not JSON", badVars.Error(), ActionNone, 0, ""}
	case errors.As(err, &noClient):
		return Explanation{Code: "no-client-id", Title: "No client id", Message: noClient.Error(), Action: ActionSettings}

	case errors.As(err, &oauthErr) && oauthErr.Code == "access_denied":
		return plain("access-denied", "Sign-in cancelled", "You chose not to give pkcelogs access to your "+oauthSite(oauthErr)+" account, "+
			"so nothing was shared and you are not signed in. To sign in, try again and approve.", ActionSignIn)
	case errors.As(err, &oauthErr) && oauthErr.RedirectMismatch() && oauthErr.Grant != "refresh_token":
		m := capital(oauthSite(oauthErr)) + " did not accept this page's client id or its return address (the redirect URI), so signing in cannot work yet. " +
			"Settings shows the exact address to register and checks the client."
		if oauthErr.RedirectURI != "" {
			m += " The address to register is exactly " + oauthErr.RedirectURI + "."
		}
		return plain("redirect-uri-mismatch", "This page's sign-in is not set up at the site", m, ActionSettings)
	case errors.As(err, &oauthErr) && oauthErr.Endpoint == pkce.EndpointRevoke:
		return plain("revoke-failed", "Signed out here only", "You are signed out on this page, but "+oauthSite(oauthErr)+
			" could not end the session on its side. To end it there too, remove pkcelogs' access in your account at the site.", ActionNone)

	case errors.Is(err, pkce.ErrStateUsed):
		return plain("state-used", "This sign-in was already used", "This sign-in was already finished (the page was reloaded or opened again). "+
			"Sign in again to continue.", ActionSignIn)
	case errors.Is(err, pkce.ErrUnknownState):
		return plain("unknown-state", "Sign-in not recognised", "This sign-in was not started in this browser, or the browser's data was cleared since, "+
			"so it cannot be finished here. Start the sign-in again from this page.", ActionSignIn)
	case errors.Is(err, pkce.ErrStateExpired):
		return plain("state-expired", "Sign-in expired", "The sign-in took longer than 10 minutes and has expired. Start it again.", ActionSignIn)
	case errors.Is(err, pkce.ErrSiteMismatch):
		return plain("site-mismatch", "Sign-in for another site", "This sign-in was started for a different site or client than this page uses now, "+
			"so it was not used. Start the sign-in again from this page.", ActionSignIn)
	case errors.Is(err, pkce.ErrIssuerMismatch):
		return plain("issuer-mismatch", "Sign-in reply from another server", "The sign-in reply came from a different server than the one you signed in at, "+
			"so it was not used (this protects your account). Start the sign-in again.", ActionSignIn)
	case errors.Is(err, pkce.ErrIssuerMissing):
		return plain("issuer-missing", "Sign-in reply without its sender", "The sign-in reply did not say which server sent it, so it was not used "+
			"(this protects your account). Start the sign-in again.", ActionSignIn)
	case errors.Is(err, pkce.ErrMissingState), errors.Is(err, pkce.ErrMissingCode):
		return plain("no-callback", "No sign-in to finish", "This page finishes a sign-in, but there is none to finish here. "+
			"Start the sign-in from this page.", ActionSignIn)
	case errors.Is(err, pkce.ErrRepeatedParameter), errors.Is(err, pkce.ErrParameterTooLong), errors.Is(err, pkce.ErrInvalidCallback):
		return plain("bad-callback", "Damaged sign-in reply", "The sign-in reply was damaged or changed on its way back, so it was not used. "+
			"Start the sign-in again.", ActionSignIn)

	case errors.Is(err, pkce.ErrNotSignedIn):
		return Explanation{Code: "signed-out", Title: "Not signed in", Message: "You are not signed in. Sign in to continue.", Action: ActionSignIn}
	case errors.Is(err, pkce.ErrSignInAgain), errors.Is(err, pkce.ErrNoRefreshToken):
		return plain("session-ended", "Your session has ended", "Your sign-in is no longer valid: it ran out, was ended at the site, "+
			"or was renewed in another tab. Sign in again to continue.", ActionSignIn)
	case errors.Is(err, logsapi.ErrUnauthenticated):
		return Explanation{Code: "unauthenticated", Title: "Signed out by the site", Message: unauthenticatedMessage, Action: ActionSignIn,
			Detail: apiDetail(401, "Unauthenticated")}
	case errors.Is(err, logsapi.ErrForbidden):
		return Explanation{Code: "client-blocked", Title: "This page's client is blocked", Message: forbiddenMessage, Action: ActionSettings,
			Detail: apiDetail(403, "Forbidden")}
	case errors.Is(err, logsapi.ErrResponseTooLarge):
		return Explanation{Code: "too-large", Title: "Answer too large", Message: tooLargeMessage(), Action: ActionNone}
	case errors.Is(err, logsapi.ErrEmptyQuery):
		return Explanation{Code: "empty-query", Title: "No query", Message: "The query is empty: write one, such as " + logsapi.ExampleQuery + ", and run it.", Action: ActionNone}
	case errors.As(err, &rateErr):
		return Explanation{Code: "rate-limited", Title: "Too many requests this hour", Message: rateLimitedMessage(rateErr), Action: ActionRetry,
			RetryAfter: rateErr.RetryAfter, Detail: rateLimitedDetail(rateErr)}
	case errors.As(err, &serverErr):
		return Explanation{Code: "server-error", Title: "The site is having trouble", Message: serverErrorMessage, Action: ActionRetry,
			Detail: apiDetail(serverErr.Status, serverErr.StatusText())}
	case errors.As(err, &responseErr):
		return plain("not-json", "Unexpected answer from the site", "The site answered with a web page instead of data, "+
			"often a maintenance or protection page. Try again in a few minutes.", ActionRetry)
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
		return plain("redirected", "Redirect refused", redirectMessage(redirectErr), action)
	case errors.As(err, &networkErr):
		return plain("network", "Could not reach the site", "This page could not reach "+hostOf(networkErr.URL)+
			". You may be offline, the site may be down, or the browser or an extension blocked the request. Check your connection and try again.", ActionRetry)

	case errors.As(err, &oauthErr) && oauthErr.Code == "invalid_grant":
		return plain("code-rejected", "The site did not finish the sign-in", "The sign-in could not be finished: it took too long, "+
			"or it was already finished in another tab. Start the sign-in again.", ActionSignIn)
	case errors.As(err, &oauthErr):
		return plain("oauth-error", "The site refused the sign-in", capital(oauthSite(oauthErr))+" refused the sign-in. "+
			"Start it again; if it keeps failing, check this page's client in Settings.", ActionSignIn)
	case errors.As(err, &gqlErrs):
		// The API's own words are the point here (a query's mistakes, in
		// the console): they stay in the message.
		return Explanation{Code: "graphql", Title: "The API reported errors", Message: graphQLMessage(gqlErrs), Action: ActionNone}

	case errors.Is(err, sites.ErrUnknownSite), errors.Is(err, pkce.ErrInvalidConfig):
		return plain("config", "This page is misconfigured", "This page is set up wrongly, so signing in cannot work. "+
			"If you deployed this page, fix its build settings; otherwise tell whoever runs it.", ActionNone)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return plain("timeout", "The request took too long", "The site did not answer in time. Check your connection and try again.", ActionRetry)
	}
	return plain("error", "Something went wrong", "Something went wrong. Try again; if it keeps failing, reload the page.", ActionRetry)
}

// oauthSite names the site an OAuth error came from, or "the site".
func oauthSite(e *pkce.OAuthError) string {
	if e.Site != "" {
		return e.Site
	}
	return "the site"
}

// hostOf is the host of an endpoint's address, or "the site".
func hostOf(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		return u.Host
	}
	return "the site"
}

// capital starts s with a capital letter.
func capital(s string) string {
	if r, size := utf8.DecodeRuneInString(s); unicode.IsLower(r) {
		return string(unicode.ToUpper(r)) + s[size:]
	}
	return s
}

// redirectMessage says, without HTTP terms, that an endpoint sent the page
// elsewhere and that nothing followed it there.
func redirectMessage(e *pkce.RedirectError) string {
	doing := "a request"
	switch e.Endpoint {
	case pkce.EndpointToken:
		doing = "the sign-in"
	case pkce.EndpointRevoke:
		doing = "the sign-out"
	case pkce.EndpointAPI:
		doing = "a request to its API"
	}
	to := "elsewhere"
	if e.Location != "" {
		to = "elsewhere (" + e.Location + ")"
	}
	return capital(hostOf(e.URL)) + " answered " + doing + " by sending this page " + to + ". " +
		"This app never follows such a redirect, because it would carry your sign-in along, so nothing was sent there. " +
		"The site may have moved: try again later, and if it keeps happening tell whoever runs this page."
}

// The words for logsapi's errors, from their types and fields.
const (
	unauthenticatedMessage = "The site no longer accepts your sign-in: it ran out or was withdrawn. Sign in again."
	forbiddenMessage       = "The site refuses this page's client (it may have blocked it, for example for using too much). " +
		"Register your own client on the site's API clients page and enter its id in Settings."
	serverErrorMessage = "The site failed on its side. Try again in a minute, and check the site's status if it keeps failing."
)

// apiDetail is the technical detail of an HTTP status from the site's API.
func apiDetail(status int, text string) string {
	return fmt.Sprintf("The site's API answered HTTP %d %s.", status, text)
}

func tooLargeMessage() string {
	return fmt.Sprintf("The answer is larger than %d MiB, more than this page will hold: ask for fewer fields or a smaller page (limit).",
		logsapi.MaxResponseBytes>>20)
}

func rateLimitedMessage(e *logsapi.RateLimitedError) string {
	wait := "when the hour's allowance resets (within the hour)"
	if in := e.RetryIn(); in != "" {
		wait = "in " + in
	}
	return "This page's client has used up its hourly allowance of requests at the site: try again " + wait +
		", or enter your own client id in Settings for an allowance of your own."
}

func rateLimitedDetail(e *logsapi.RateLimitedError) string {
	d := apiDetail(429, "Too Many Requests")
	if e.RetryAfter > 0 {
		d += fmt.Sprintf(" Retry-After: %d s.", int(e.RetryAfter.Round(time.Second).Seconds()))
	}
	return d
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
