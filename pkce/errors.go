package pkce

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Sentinel errors a caller can branch on with errors.Is. Each message says what
// happened and what the person can do about it.
var (
	// ErrInvalidConfig: the site, client id or redirect URI cannot work.
	ErrInvalidConfig = errors.New("invalid sign-in configuration")
	// ErrStorage: the pending sign-in or the token could not be read or written.
	ErrStorage = errors.New("the browser's storage refused to read or write sign-in data (private mode, full, or disabled): allow site data for this page and sign in again")

	// ErrMissingState: the callback carries no state (RFC 6749 §4.1.2).
	ErrMissingState = errors.New("the sign-in reply has no state parameter, so it cannot be matched to a sign-in started here: start the sign-in again from this page")
	// ErrMissingCode: the callback carries neither a code nor an error (RFC 6749 §4.1.2).
	ErrMissingCode = errors.New("the sign-in reply has no authorization code: start the sign-in again")
	// ErrRepeatedParameter: an OAuth parameter appears more than once (RFC 6749 §3.1).
	ErrRepeatedParameter = errors.New("the sign-in reply repeats a parameter, which a genuine reply never does: start the sign-in again")
	// ErrParameterTooLong: a parameter or the whole address is larger than any genuine reply.
	ErrParameterTooLong = errors.New("the sign-in reply is too long to be genuine: start the sign-in again")
	// ErrInvalidCallback: the callback address cannot be parsed or carries malformed values.
	ErrInvalidCallback = errors.New("the sign-in reply is malformed: start the sign-in again")

	// ErrUnknownState: no pending sign-in for this state: begun in another browser or
	// profile, storage cleared, or the address was tampered with.
	ErrUnknownState = errors.New("this sign-in reply does not match any sign-in started in this browser (started elsewhere, storage cleared, or the address was changed): start the sign-in again from this page")
	// ErrStateExpired: the pending sign-in is older than PendingTTL.
	ErrStateExpired = errors.New("this sign-in took longer than 10 minutes and has expired: start the sign-in again")
	// ErrStateUsed: this callback was already used (reload, back button or replay).
	ErrStateUsed = errors.New("this sign-in reply was already used (the page was reloaded or revisited): you are either signed in already or need to start the sign-in again")
	// ErrSiteMismatch: the pending sign-in or token belongs to another site, client or
	// redirect URI (mix-up defence).
	ErrSiteMismatch = errors.New("this sign-in belongs to a different site or client than this page is set up for: start the sign-in again from this page")

	// ErrNoRefreshToken: the token cannot be refreshed. Refresh returns it
	// wrapped so that errors.Is(err, ErrSignInAgain) holds as well.
	ErrNoRefreshToken = errors.New("the session has no refresh token, so it cannot be renewed: sign in again")
	// ErrNotSignedIn: the Refresher's Load found no token.
	ErrNotSignedIn = errors.New("you are not signed in: sign in to continue")
	// ErrIssuerMismatch: the callback's iss names another authorization server
	// than the one the sign-in went to (RFC 9207 §2.4): a mix-up attack or a
	// misconfigured site. The code is not exchanged.
	ErrIssuerMismatch = errors.New("the sign-in reply came from a different server than the one this sign-in went to, so it was not used: start the sign-in again")
	// ErrIssuerMissing: the provider always sends iss (RFC 9207 §3) and the
	// callback had none. The code is not exchanged.
	ErrIssuerMissing = errors.New("the sign-in reply did not say which server sent it, so it was not used: start the sign-in again")
	// ErrRefreshTokenSpent: Refresher.Spend found the refresh token already
	// sent, by another tab or a duplicated one, and the renewed token is not
	// available here. Sending it again would make a rotating provider end the
	// whole session (RFC 9700 §4.14.2), so this copy of the session is over.
	ErrRefreshTokenSpent = errors.New("this tab's session was renewed elsewhere (another tab, or the tab this one was duplicated from): sign in again")
	// ErrSuperseded: Refresher.Save found that the stored session changed
	// while the refresh was under way (signed out, or signed in anew), and
	// wrote nothing.
	ErrSuperseded = errors.New("the session changed while it was being renewed (signed out or signed in again in another tab)")
	// ErrSignInAgain is the errors.Is target for every refresh failure that only a new
	// sign-in can fix (rejected or missing refresh token, signed out).
	ErrSignInAgain = errors.New("the session has ended: sign in again")
)

// signInAgain marks err as needing a new sign-in without changing its message, so
// errors.Is(err, ErrSignInAgain) holds and errors.As still finds the cause.
type signInAgain struct{ err error }

func (e *signInAgain) Error() string   { return e.err.Error() }
func (e *signInAgain) Unwrap() []error { return []error{e.err, ErrSignInAgain} }

// needsSignIn wraps err so that errors.Is(err, ErrSignInAgain) reports true.
func needsSignIn(err error) error {
	if err == nil || errors.Is(err, ErrSignInAgain) {
		return err
	}
	return &signInAgain{err}
}

// storageFailed wraps a Store's error in ErrStorage, keeping both in the chain
// so a caller can tell a full store from a disabled one with errors.As.
func storageFailed(doing string, err error) error {
	return fmt.Errorf("%w (%s: %w)", ErrStorage, doing, err)
}

// detail wraps a sentinel with a detail, keeping the sentinel's message first.
func detail(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w (%s)", sentinel, fmt.Sprintf(format, args...))
}

// Endpoint names used in OAuthError, NetworkError and ResponseError.
const (
	EndpointAuthorize = "authorize"
	EndpointToken     = "token"
	EndpointRevoke    = "revoke"
)

// OAuthError is an error the site reported in OAuth 2.0 form: on the callback
// (RFC 6749 §4.1.2.1), from the token endpoint (RFC 6749 §5.2) or from the
// revocation endpoint (RFC 7009 §2.2.1).
type OAuthError struct {
	Code        string // RFC 6749 "error", e.g. "access_denied", "invalid_grant"
	Description string // "error_description", or the site's "message" when that is all it sent
	Hint        string // the site's "hint", when present
	URI         string // "error_uri"
	Status      int    // HTTP status (0 on the callback)
	Endpoint    string // "authorize" | "token" | "revoke"
	RedirectURI string // the redirect URI in use, named in redirect-URI messages

	// Additions beyond the contract, to make messages specific.
	Site       string // the site's display name, when known
	ClientID   string // the client id in use, when known
	ClientsURL string // where the client is registered, when the caller knows (pkce does not)
	Grant      string // "authorization_code" | "refresh_token" on token errors
}

// Error returns a message for a person: what the site said and what to do.
func (e *OAuthError) Error() string {
	site := e.Site
	if site == "" {
		site = "The site"
	}
	said := e.said()
	switch {
	case e.Grant == "refresh_token" && isSignInAgainCode(e.Code):
		// The session is over whatever the cause; a new sign-in reports any
		// client or redirect URI problem with the full explanation.
		return fmt.Sprintf("%s no longer accepts this session (%s): sign in again.", site, said)
	case e.redirectMismatch():
		msg := fmt.Sprintf("%s rejected this app's client or redirect URI (%s).", site, said)
		if e.RedirectURI != "" {
			msg += fmt.Sprintf(" The redirect URI registered for this client must be exactly %q (same scheme, host, port, path and trailing slash)", e.RedirectURI)
		} else {
			msg += " The redirect URI registered for this client must match this page's callback address exactly"
		}
		if e.ClientID != "" {
			msg += fmt.Sprintf(", and client %q must exist and be marked Public Client", e.ClientID)
		} else {
			msg += ", and the client must be marked Public Client"
		}
		if e.ClientsURL != "" {
			msg += ". Check it at " + e.ClientsURL
		}
		return msg + "."
	case e.Code == "access_denied":
		return fmt.Sprintf("%s reports that the sign-in was declined (%s). Sign in again and approve access to continue.", site, said)
	case e.Code == "invalid_grant":
		return fmt.Sprintf("%s rejected the sign-in code (%s): it expired, was already used, or did not match this browser's sign-in. Start the sign-in again.", site, said)
	case e.Code == "invalid_request" && strings.Contains(strings.ToLower(e.Description+e.Hint), "code challenge"):
		return fmt.Sprintf("%s did not accept the PKCE sign-in (%s): the client must be registered as a Public Client.", site, said)
	case e.Code == "invalid_scope":
		return fmt.Sprintf("%s does not offer a requested permission (%s): check the scopes configured for this app.", site, said)
	case e.Code == "temporarily_unavailable" || e.Code == "server_error" || e.Status >= 500:
		return fmt.Sprintf("%s had a problem (%s): try again in a few minutes.", site, said)
	case e.Endpoint == EndpointRevoke:
		return fmt.Sprintf("%s did not revoke the session (%s); you are signed out here anyway.", site, said)
	}
	return fmt.Sprintf("%s refused the request (%s): start the sign-in again, and if it keeps failing check this app's client settings.", site, said)
}

// said renders the site's own words: "code: description; hint: …; HTTP 400".
func (e *OAuthError) said() string {
	// Site text is shown as given, except anything shaped like a JWT.
	redact := func(s string) string { return clip(jwtPattern().ReplaceAllString(s, "[token]"), 300) }
	var parts []string
	head := redact(e.Code)
	if e.Description != "" {
		if head != "" {
			head += ": "
		}
		head += strings.TrimRight(redact(e.Description), ".")
	}
	if head != "" {
		parts = append(parts, head)
	}
	if e.Hint != "" && e.Hint != e.Description {
		parts = append(parts, "hint: "+strings.TrimRight(redact(e.Hint), "."))
	}
	if e.Status != 0 {
		parts = append(parts, fmt.Sprintf("HTTP %d", e.Status))
	}
	if len(parts) == 0 {
		return "no details given"
	}
	return strings.Join(parts, "; ")
}

// redirectMismatch reports whether the error is how these sites say "the redirect
// URI or client is not registered": invalid_client, or any complaint naming redirect_uri.
func (e *OAuthError) redirectMismatch() bool {
	if e.Code == "invalid_client" || e.Code == "unauthorized_client" {
		return true
	}
	text := strings.ToLower(e.Description + " " + e.Hint)
	return strings.Contains(text, "redirect_uri") || strings.Contains(text, "redirect uri")
}

// RedirectMismatch reports whether the site rejected the client or its redirect URI;
// the message then names the exact redirect URI to register.
func (e *OAuthError) RedirectMismatch() bool { return e.redirectMismatch() }

func isSignInAgainCode(code string) bool {
	switch code {
	case "invalid_grant", "invalid_request", "invalid_client", "unauthorized_client":
		return true
	}
	return false
}

// NetworkError means no HTTP response arrived: offline, DNS, TLS, the site down, or
// in a browser the opaque "failed to fetch", which is also how a CORS refusal looks.
type NetworkError struct {
	Endpoint string // "token" | "revoke" | "api"
	URL      string // the endpoint address (never carries a token)
	Err      error
}

func (e *NetworkError) Error() string {
	host := e.URL
	if u, err := url.Parse(e.URL); err == nil && u.Host != "" {
		host = u.Host
	}
	cause := "no response"
	if e.Err != nil {
		cause = clip(e.Err.Error(), 200)
	}
	return fmt.Sprintf("could not reach %s (%s). This happens when you are offline, when the site is down, or, in a browser, when the site does not allow requests from this page (CORS; the browser only says \"failed to fetch\"). Check your connection and try again.", host, cause)
}

func (e *NetworkError) Unwrap() error { return e.Err }

// ResponseError means the site answered, but not with the JSON an OAuth 2.0
// endpoint sends: typically an HTML page from a CDN, a proxy error or maintenance.
type ResponseError struct {
	Endpoint    string
	Status      int
	ContentType string
	Snippet     string // a short, token-free excerpt of the body (an HTML page's title)
}

func (e *ResponseError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "no content type"
	}
	what := "the " + e.Endpoint + " endpoint"
	if e.Endpoint == "" {
		what = "the site"
	}
	msg := fmt.Sprintf("%s answered HTTP %d with %s instead of the expected JSON", what, e.Status, ct)
	if strings.Contains(strings.ToLower(ct), "json") {
		msg = fmt.Sprintf("%s answered HTTP %d with JSON, but not the expected JSON response", what, e.Status)
	}
	if e.Snippet != "" {
		msg += fmt.Sprintf(" (%q)", e.Snippet)
	}
	return msg + ". The site or a proxy in front of it may be having trouble: try again in a few minutes."
}

// clip shortens s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// SpentError is what a Refresher's Spend returns for a refresh token recorded as
// spent already. At is when it was spent, if the renewed token may still appear
// in the storage Load reads (the Refresher then waits for it until SpentWait
// after At); zero when it cannot. It matches ErrRefreshTokenSpent.
type SpentError struct{ At time.Time }

func (e *SpentError) Error() string { return ErrRefreshTokenSpent.Error() }
func (e *SpentError) Unwrap() error { return ErrRefreshTokenSpent }
