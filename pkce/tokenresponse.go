package pkce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// maxBody is what x/oauth2 reads of a token response, and so do we.
const maxBody = 1 << 20

// tokenCall describes one call to the token endpoint, for messages.
type tokenCall struct {
	grant       string // "authorization_code" | "refresh_token"
	redirectURI string
}

// captured is the last response seen by capturingTransport: x/oauth2 keeps the
// status and body only for some failures, and messages need them for all.
type captured struct {
	mu          sync.Mutex
	status      int
	contentType string
	body        []byte
	seen        bool
}

type capturingTransport struct {
	base http.RoundTripper
	got  *captured
}

func (t *capturingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	if rerr != nil {
		return nil, rerr
	}
	t.got.mu.Lock()
	t.got.status, t.got.contentType, t.got.body, t.got.seen = resp.StatusCode, resp.Header.Get("Content-Type"), body, true
	t.got.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// callTokenEndpoint runs do (an x/oauth2 Exchange or refresh) through the flow's
// HTTP client while capturing the response, and turns the outcome into a Token or
// one of *OAuthError, *ResponseError, *NetworkError.
func (f *Flow) callTokenEndpoint(ctx context.Context, call tokenCall, do func(ctx context.Context) (*oauth2.Token, error)) (*Token, error) {
	// Never follow a redirect: it would re-send the code and code_verifier, or
	// the refresh token, to wherever it points (see RedirectError).
	client := noRedirectClient(f.httpClient(), EndpointToken)
	got := &captured{}
	client.Transport = &capturingTransport{base: client.Transport, got: got}
	tok, err := do(context.WithValue(ctx, oauth2.HTTPClient, client))
	got.mu.Lock()
	defer got.mu.Unlock()
	return f.tokenResult(call, tok, err, got)
}

// tokenResult maps what x/oauth2 returned, plus the captured response, to the
// package's types. now is read after the response arrived: expiry is computed
// from expires_in at receipt (RFC 6749 §5.1).
func (f *Flow) tokenResult(call tokenCall, tok *oauth2.Token, err error, got *captured) (*Token, error) {
	site := f.cfg.Provider
	var redirected *RedirectError
	if errors.As(err, &redirected) {
		return nil, redirected
	}
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			status := 0
			if re.Response != nil {
				status = re.Response.StatusCode
			}
			if oe := oauthErrorFromBody(re.Body, re.ErrorCode, re.ErrorDescription, re.ErrorURI); oe != nil {
				oe.Status, oe.Endpoint, oe.Site, oe.ClientID = status, EndpointToken, site.Name, f.cfg.ClientID
				oe.Grant, oe.RedirectURI = call.grant, call.redirectURI
				return nil, oe
			}
			ct := ""
			if re.Response != nil {
				ct = re.Response.Header.Get("Content-Type")
			}
			return nil, NewResponseError(EndpointToken, status, ct, re.Body)
		}
		var ue *url.Error
		if got.seen && !errors.As(err, &ue) {
			// A 2xx that x/oauth2 could not parse, or that lacked access_token.
			return nil, NewResponseError(EndpointToken, got.status, got.contentType, got.body)
		}
		return nil, &NetworkError{Endpoint: EndpointToken, URL: site.TokenURL, Err: stripURL(err)}
	}
	if tok == nil || !validTokenValue(tok.AccessToken) ||
		(tok.RefreshToken != "" && !validTokenValue(tok.RefreshToken)) ||
		(tok.TokenType != "" && !strings.EqualFold(tok.TokenType, "bearer")) {
		return nil, NewResponseError(EndpointToken, got.status, got.contentType, got.body)
	}
	t := &Token{
		AccessToken:  tok.AccessToken,
		TokenType:    "Bearer",
		RefreshToken: tok.RefreshToken,
		SiteID:       site.ID,
		ClientID:     f.cfg.ClientID,
	}
	now := f.now()
	t.Received = now.UTC()
	sub, scopes, exp, _ := readJWT(tok.AccessToken)
	t.Subject, t.Scopes = sub, scopes
	switch {
	case tok.ExpiresIn > 0: // JSON responses
		t.Expiry = now.Add(time.Duration(tok.ExpiresIn) * time.Second).UTC()
	case !tok.Expiry.IsZero() && time.Until(tok.Expiry) > 0:
		// Form-encoded responses: x/oauth2 computed the expiry from the wall
		// clock; carry what is left of it over to the flow's clock.
		t.Expiry = now.Add(time.Until(tok.Expiry)).UTC()
	case !exp.IsZero():
		t.Expiry = exp
	}
	return t, nil
}

// oauthErrorFromBody reads an RFC 6749 §5.2 error, including the "message" and
// "hint" these sites add. It returns nil when the body carries no error code.
func oauthErrorFromBody(body []byte, code, desc, uri string) *OAuthError {
	var extra struct {
		Error        json.RawMessage `json:"error"`
		Description  json.RawMessage `json:"error_description"`
		Message      json.RawMessage `json:"message"`
		Hint         json.RawMessage `json:"hint"`
		AccessToken  json.RawMessage `json:"access_token"`
		RefreshToken json.RawMessage `json:"refresh_token"`
	}
	_ = json.Unmarshal(body, &extra)
	if code == "" {
		code = jsonText(extra.Error)
	}
	if code == "" {
		return nil
	}
	if desc == "" {
		desc = jsonText(extra.Description)
	}
	msg := jsonText(extra.Message)
	if desc == "" {
		desc = msg
	}
	hint := jsonText(extra.Hint)
	// Never repeat a token the body carried, whatever field it turns up in.
	var secrets []string
	for _, raw := range []json.RawMessage{extra.AccessToken, extra.RefreshToken} {
		if s := jsonText(raw); len(s) >= 8 {
			secrets = append(secrets, s)
		}
	}
	clean := func(s string, n int) string {
		for _, secret := range secrets {
			s = strings.ReplaceAll(s, secret, "[token]")
		}
		return printable(s, n)
	}
	return &OAuthError{
		Code:        clean(code, 100),
		Description: clean(desc, 500),
		Hint:        clean(hint, 500),
		URI:         clean(uri, 500),
	}
}

// jsonText returns a JSON string value, or "" for anything else.
func jsonText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// printable drops control characters and clips s: site text shown to a person.
func printable(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\uFFFD' {
			return ' '
		}
		return r
	}, s)
	return clip(strings.TrimSpace(s), n)
}

// The patterns that quote unexpected bodies safely are compiled on first
// use: they serve error messages only, and compiling them as the package
// initialises put Go's regexp compiler on the browser app's start-up path
// (V8 compiles each Go function on its first call: tens of milliseconds).
// They are functions with their own sync.Once, not package variables holding
// closures: a variable's initialiser is linked into every program that
// imports pkce, with regexp's compiler behind it (~0.2 MB raw), even one that
// never quotes a body (the signed-out build, cmd/wasm-lite).
func titlePattern() *regexp.Regexp {
	return compiled(&titleRE, `(?is)<title[^>]*>(.*?)</title>`)
}
func tagPattern() *regexp.Regexp { return compiled(&tagRE, `(?s)<[^>]*>`) }
func jwtPattern() *regexp.Regexp {
	return compiled(&jwtRE, `eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*)?`)
}
func secretWords() *regexp.Regexp {
	return compiled(&secretRE, `(?i)access_token|refresh_token|id_token|"token"|bearer`)
}

var titleRE, tagRE, jwtRE, secretRE lazyRE

type lazyRE struct {
	once sync.Once
	re   *regexp.Regexp
}

func compiled(l *lazyRE, expr string) *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(expr) })
	return l.re
}

// NewResponseError builds a ResponseError for an answer of endpoint that is not
// what the protocol expects, with a short snippet of body that never carries a
// token: an HTML page's title, else its text, withheld entirely when the body
// mentions a token. Clients of the site's other endpoints (logsapi) use it too,
// so every such message quotes bodies the same careful way.
func NewResponseError(endpoint string, status int, contentType string, body []byte) *ResponseError {
	return &ResponseError{Endpoint: endpoint, Status: status, ContentType: printable(contentType, 100), Snippet: snippet(contentType, body)}
}

func snippet(contentType string, body []byte) string {
	if len(body) == 0 {
		return ""
	}
	b := body
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	s := string(b)
	if secretWords().MatchString(s) {
		return "(body withheld: it mentions a token)"
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if m := titlePattern().FindStringSubmatch(s); m != nil {
		s = m[1]
	} else if strings.Contains(mt, "html") || strings.Contains(strings.ToLower(s), "<html") {
		s = tagPattern().ReplaceAllString(s, " ")
	}
	s = html.UnescapeString(s)
	s = jwtPattern().ReplaceAllString(s, "[token]")
	s = strings.Join(strings.Fields(printable(s, 4096)), " ")
	return clip(s, 120)
}
