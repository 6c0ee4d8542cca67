package logsapi

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// endpointAPI names the GraphQL endpoint in pkce.ResponseError and
// pkce.NetworkError.
const endpointAPI = pkce.EndpointAPI

// MaxResponseBytes bounds what is read of one answer (32 MiB); a larger one is
// ErrResponseTooLarge. The screens ask for at most 100 reports (tens of
// kilobytes); a console query may ask for much more, but an answer past this
// size is not something a page should hold.
const MaxResponseBytes = 32 << 20

// envelope is a GraphQL-over-HTTP answer: data and/or errors.
type envelope struct {
	Data   json.RawMessage `json:"data"`
	Errors GraphQLErrors   `json:"errors"`
}

// decodeResponse classifies one HTTP answer of the GraphQL endpoint. It returns
// the raw "data" member (nil when absent or null) and every GraphQL error, or
// a typed error when the answer is not a usable GraphQL response. now is used
// to turn a Retry-After HTTP date into a duration.
func decodeResponse(status int, header http.Header, body []byte, now time.Time) (json.RawMessage, GraphQLErrors, error) {
	contentType := header.Get("Content-Type")
	switch {
	case status == http.StatusUnauthorized:
		return nil, nil, ErrUnauthenticated
	case status == http.StatusTooManyRequests:
		return nil, nil, &RateLimitedError{RetryAfter: parseRetryAfter(header.Get("Retry-After"), now)}
	case status == http.StatusForbidden:
		// A CDN's bot challenge is a 403 HTML page, not the site blocking the
		// client: explain it as the unexpected page it is.
		if looksLikeHTML(contentType, body) {
			return nil, nil, responseError(status, contentType, body)
		}
		return nil, nil, ErrForbidden
	case status >= 500:
		return nil, nil, &ServerError{Status: status}
	}
	data, errs, ok := parseEnvelope(contentType, body)
	if !ok {
		return nil, nil, responseError(status, contentType, body)
	}
	// A GraphQL server may answer a bad query with a 4xx and an errors array;
	// anything else outside 2xx is not an answer this client understands.
	if (status < 200 || status > 299) && len(errs) == 0 {
		return nil, nil, responseError(status, contentType, body)
	}
	return data, errs, nil
}

// parseEnvelope reports whether body is a GraphQL response: a JSON object with
// an object or null "data" member and/or an "errors" array.
func parseEnvelope(contentType string, body []byte) (json.RawMessage, GraphQLErrors, bool) {
	if looksLikeHTML(contentType, body) {
		return nil, nil, false
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return nil, nil, false
	}
	rawData, hasData := fields["data"]
	rawErrors, hasErrors := fields["errors"]
	if !hasData && !hasErrors {
		return nil, nil, false
	}
	var env envelope
	if hasErrors {
		if err := json.Unmarshal(rawErrors, &env.Errors); err != nil {
			return nil, nil, false
		}
	}
	if hasData {
		trimmed := bytes.TrimSpace(rawData)
		switch {
		case bytes.Equal(trimmed, []byte("null")):
		case len(trimmed) > 0 && trimmed[0] == '{':
			env.Data = trimmed
		default:
			return nil, nil, false
		}
	}
	if env.Data == nil && len(env.Errors) == 0 {
		// {"data": null} or {"errors": []} alone says nothing: a GraphQL
		// server that returns no data must say why.
		return nil, nil, false
	}
	return env.Data, env.Errors, true
}

// looksLikeHTML reports whether the answer is a web page: an HTML content type,
// or a body that starts with '<' whatever the header claims.
func looksLikeHTML(contentType string, body []byte) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && (mt == "text/html" || mt == "application/xhtml+xml") {
		return true
	}
	trimmed := bytes.TrimLeftFunc(body, unicode.IsSpace)
	return len(trimmed) > 0 && trimmed[0] == '<'
}

// parseRetryAfter reads Retry-After (RFC 9110 §10.2.3): delay-seconds or an
// HTTP date. Unreadable or past values give zero ("unknown").
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		const maxSecs = int64(24 * time.Hour / time.Second)
		if secs > maxSecs {
			secs = maxSecs
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, 24*time.Hour)
		}
	}
	return 0
}

// responseError is pkce's ResponseError for the API endpoint: the same
// token-free snippet (an HTML page's title, such as a CDN's "Just a moment...").
func responseError(status int, contentType string, body []byte) *pkce.ResponseError {
	return pkce.NewResponseError(endpointAPI, status, contentType, body)
}
