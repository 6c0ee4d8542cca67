package pkce

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Size limits for a callback: far above any genuine reply, far below abuse.
const (
	MaxCallbackURLLength = 16 << 10 // the whole address
	MaxParamLength       = 4 << 10  // one parameter value (codes of some servers run to ~1 KB)
)

// callbackParams are the parameters an authorization response may carry
// (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207 iss; "message" and "hint" from these sites).
var callbackParams = []string{"code", "state", "error", "error_description", "error_uri", "message", "hint", "iss"}

// echoedParams are parameters some servers add to the redirect beside the
// callback's own (fosite echoes "scope"; OpenID servers add "session_state").
// CleanURL removes them too, so the address bar shows only the app's own query.
var echoedParams = []string{"scope", "session_state"}

// Callback is a parsed authorization response (RFC 6749 §4.1.2).
type Callback struct {
	Code   string
	State  string
	Issuer string      // "iss" (RFC 9207 §2); "" when the site sent none
	Err    *OAuthError // set when the site sent error=... (RFC 6749 §4.1.2.1)
}

// ParseCallback parses the address the site redirected back to. It is pure and
// strict: a repeated OAuth parameter (ErrRepeatedParameter), an oversized value
// (ErrParameterTooLong), malformed escapes or characters outside RFC 6749 Appendix A
// (ErrInvalidCallback), a missing state (ErrMissingState) or, without an error, a
// missing code (ErrMissingCode) are rejected. An error response is not a Go error:
// it comes back in Callback.Err for Finish to report.
func ParseCallback(rawURL string) (*Callback, error) {
	if len(rawURL) > MaxCallbackURLLength {
		return nil, detail(ErrParameterTooLong, "the address has %d bytes", len(rawURL))
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, detail(ErrInvalidCallback, "the address cannot be parsed")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, detail(ErrInvalidCallback, "the query cannot be parsed")
	}
	get := map[string]string{}
	for _, name := range callbackParams {
		vs := q[name]
		if len(vs) > 1 {
			return nil, detail(ErrRepeatedParameter, "%s appears %d times", name, len(vs))
		}
		if len(vs) == 0 {
			continue
		}
		v := vs[0]
		if len(v) > MaxParamLength {
			return nil, detail(ErrParameterTooLong, "%s has %d bytes", name, len(v))
		}
		if !validParamValue(name, v) {
			return nil, detail(ErrInvalidCallback, "%s contains characters a genuine reply never has", name)
		}
		get[name] = v
	}

	cb := &Callback{Code: get["code"], State: get["state"], Issuer: get["iss"]}
	if code, ok := get["error"]; ok {
		if cb.Code != "" {
			return nil, detail(ErrInvalidCallback, "it carries both a code and an error")
		}
		desc := get["error_description"]
		if desc == "" {
			desc = get["message"]
		}
		cb.Err = &OAuthError{
			Code:        code,
			Description: desc,
			Hint:        get["hint"],
			URI:         get["error_uri"],
			Endpoint:    EndpointAuthorize,
		}
		if code == "" {
			cb.Err.Code = "unknown_error"
		}
	}
	if cb.State == "" {
		return nil, ErrMissingState
	}
	if cb.Err == nil && cb.Code == "" {
		return nil, ErrMissingCode
	}
	return cb, nil
}

// validParamValue checks the character sets of RFC 6749 Appendix A: code and state
// are VSCHAR (%x20-7E), error is NQSCHAR-like (%x20-21 / %x23-5B / %x5D-7E). The
// free-text fields may be any UTF-8 without control characters.
func validParamValue(name, v string) bool {
	switch name {
	case "code", "state", "iss", "error_uri":
		return asciiRange(v, func(c byte) bool { return c >= 0x20 && c <= 0x7e })
	case "error":
		return asciiRange(v, func(c byte) bool { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' })
	}
	if !utf8.ValidString(v) {
		return false
	}
	for _, r := range v {
		if r < 0x20 && r != '\t' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return true
}

func asciiRange(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// CleanURL returns rawURL without the authorization response parameters (code,
// state, error, error_description, error_uri, message, hint, iss) and those some
// servers echo beside them (scope, session_state), for
// history.replaceState: the code must not stay in the address bar, history or
// Referer. Other parameters and the fragment are kept. An unparseable address
// becomes its path, or "/".
func CleanURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		if i := strings.IndexAny(rawURL, "?#"); i >= 0 {
			rawURL = rawURL[:i]
		}
		if p := LocalPath(rawURL); p != "/" {
			return p
		}
		return "/"
	}
	if u.RawQuery == "" {
		u.ForceQuery = false
		return u.String()
	}
	// Filter the raw pairs so unrelated parameters keep their exact encoding.
	var kept []string
	for _, pair := range strings.Split(u.RawQuery, "&") {
		name := pair
		if i := strings.IndexByte(pair, '='); i >= 0 {
			name = pair[:i]
		}
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if pair == "" || isCallbackParam(name) {
			continue
		}
		kept = append(kept, pair)
	}
	u.RawQuery = strings.Join(kept, "&")
	u.ForceQuery = false
	return u.String()
}

func isCallbackParam(name string) bool {
	return slices.Contains(callbackParams, name) || slices.Contains(echoedParams, name)
}
