package pkce

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// MaxExpiryLeeway is the most a token is refreshed ahead of its expiry, so a
// request never carries it past its end. Shorter-lived tokens get a tenth of
// their lifetime (Token.Leeway): a 30-second token is refreshed 3 seconds
// early, not on every call.
const MaxExpiryLeeway = 60 * time.Second

// Token is a signed-in session: what the token endpoint returned (RFC 6749 §5.1)
// plus what the access token's JWT payload says. json.Marshal(t) is its storage
// form; DecodeToken reads it back.
type Token struct {
	AccessToken  string    `json:"access_token"`
	TokenType    string    `json:"token_type,omitempty"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`   // from expires_in at receipt (or JWT exp); zero = unknown
	Received     time.Time `json:"received,omitzero"` // when the token endpoint issued it, by the flow's clock; zero = unknown
	Scopes       []string  `json:"scopes,omitempty"`  // from the access token's JWT payload
	Subject      string    `json:"sub,omitempty"`     // user id, from the JWT payload
	SiteID       string    `json:"site"`
	ClientID     string    `json:"client_id"`
}

// Expired reports whether t is missing, or expires within its Leeway of now.
// A token with an unknown expiry is not expired: the API's 401 will tell.
func (t *Token) Expired(now time.Time) bool {
	if t == nil || t.AccessToken == "" {
		return true
	}
	if t.Expiry.IsZero() {
		return false
	}
	return !now.Add(t.Leeway()).Before(t.Expiry)
}

// Leeway is how long before its expiry t is refreshed: a tenth of its
// lifetime, at most MaxExpiryLeeway (MaxExpiryLeeway when the lifetime is
// unknown). RFC 6749 §5.1's expires_in is a lifetime, so the margin scales
// with it: a year-long token refreshes a minute early, a 10-second one a
// second early.
func (t *Token) Leeway() time.Duration {
	if t == nil || t.Received.IsZero() || !t.Expiry.After(t.Received) {
		return MaxExpiryLeeway
	}
	return min(t.Expiry.Sub(t.Received)/10, MaxExpiryLeeway)
}

// HasScope reports whether the access token was granted scope s.
func (t *Token) HasScope(s string) bool {
	if t == nil {
		return false
	}
	for _, g := range t.Scopes {
		if g == s {
			return true
		}
	}
	return false
}

// UserID returns the Subject as the site's numeric user id.
func (t *Token) UserID() (int, bool) {
	if t == nil || t.Subject == "" {
		return 0, false
	}
	n, err := strconv.Atoi(t.Subject)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// ErrBadToken is returned by DecodeToken for stored data that is not a usable token.
var ErrBadToken = errors.New("the saved session is unreadable: sign in again")

// DecodeToken reads a token from its storage form (json.Marshal of a Token). It
// rejects anything that is not one JSON object with a usable access token, site
// and client, so corrupted storage means "sign in again", never a broken request.
func DecodeToken(data []byte) (*Token, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var t Token
	if err := dec.Decode(&t); err != nil {
		return nil, needsSignIn(detail(ErrBadToken, "not a JSON token"))
	}
	if dec.More() {
		return nil, needsSignIn(detail(ErrBadToken, "trailing data"))
	}
	switch {
	case !validTokenValue(t.AccessToken):
		return nil, needsSignIn(detail(ErrBadToken, "no usable access token"))
	case t.RefreshToken != "" && !validTokenValue(t.RefreshToken):
		return nil, needsSignIn(detail(ErrBadToken, "unusable refresh token"))
	case t.SiteID == "" || t.ClientID == "":
		return nil, needsSignIn(detail(ErrBadToken, "no site or client"))
	}
	return &t, nil
}

// validTokenValue: a token is sent in an Authorization header, so it must be
// 1*VSCHAR without spaces (RFC 6750 §2.1 is stricter; real tokens fit VCHAR).
func validTokenValue(s string) bool {
	if s == "" || len(s) > 16<<10 {
		return false
	}
	return asciiRange(s, func(c byte) bool { return c >= 0x21 && c <= 0x7e })
}

// jwtClaims are the access-token claims this package reads (RFC 9068 §2.2; the
// Logs sites put a "scopes" array, RFC 9068 a "scope" string).
type jwtClaims struct {
	Sub    json.RawMessage `json:"sub"`
	Exp    json.RawMessage `json:"exp"`
	Scopes json.RawMessage `json:"scopes"`
	Scope  json.RawMessage `json:"scope"`
}

// readJWT decodes, without verifying, the payload of a JWS compact access token
// (RFC 7515 §7.1). A browser cannot verify the signature and need not: the token is
// only ever sent back to the site that issued it. ok is false for opaque tokens.
func readJWT(token string) (sub string, scopes []string, exp time.Time, ok bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || len(parts[1]) > 8<<10 {
		return "", nil, time.Time{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return "", nil, time.Time{}, false
	}
	var c jwtClaims
	if err := json.Unmarshal(payload, &c); err != nil {
		return "", nil, time.Time{}, false
	}
	sub = jsonStringOrNumber(c.Sub)
	if !validTokenValue(sub) || len(sub) > 256 {
		sub = ""
	}
	scopes = scopeList(c.Scopes)
	if scopes == nil {
		scopes = scopeList(c.Scope)
	}
	if n, err := strconv.ParseFloat(jsonStringOrNumber(c.Exp), 64); err == nil && n > 0 && n < math.MaxInt32*4 {
		exp = time.Unix(int64(n), 0).UTC()
	}
	return sub, scopes, exp, true
}

// jsonStringOrNumber returns a JSON string's value or a JSON number's text.
func jsonStringOrNumber(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// scopeList reads scopes given as a JSON array of strings or a space-separated
// string (RFC 6749 §3.3), dropping anything that is not a scope token.
func scopeList(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var list []string
	var s string
	switch {
	case json.Unmarshal(raw, &list) == nil:
	case json.Unmarshal(raw, &s) == nil:
		list = strings.Fields(s)
	default:
		return nil
	}
	out := make([]string, 0, len(list))
	for _, sc := range list {
		if validScopeToken(sc) && len(sc) <= 256 {
			out = append(out, sc)
		}
	}
	return out
}

// String describes the token without revealing it, so it is safe in logs.
func (t *Token) String() string {
	if t == nil {
		return "<no token>"
	}
	exp := "unknown expiry"
	if !t.Expiry.IsZero() {
		exp = "expires " + t.Expiry.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("token for %s/%s, user %q, %s, scopes %v, refresh %t", t.SiteID, t.ClientID, t.Subject, exp, t.Scopes, t.RefreshToken != "")
}
