package logsapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// snippetBytes bounds pkce.ResponseError.Snippet: 120 bytes, then an ellipsis.
const snippetBytes = 120

// FuzzDecodeResponse feeds arbitrary answers to the decoder every API call
// goes through. Whatever arrives, it must not panic, must classify by status
// first, and may only report success for a well-formed GraphQL answer.
// Seeds: the f.Add calls below and testdata/fuzz/FuzzDecodeResponse.
func FuzzDecodeResponse(f *testing.F) {
	f.Add(200, "application/json", "", []byte(overviewJSON))
	f.Add(200, "application/json", "", []byte(`{"data":null,"errors":[{"message":"a","path":["x",0]},{"message":"b"}]}`))
	f.Add(200, "text/html", "", []byte(`<html><head><TITLE>Just a moment...</TITLE></head>`))
	f.Add(403, "text/html; charset=utf-8", "", []byte("\n <!doctype html><title>Attention Required! | Cloudflare</title>"))
	f.Add(429, "application/json", "Wed, 21 Oct 2026 07:28:00 GMT", []byte(`{"error":"Too Many Attempts."}`))
	f.Add(429, "", "99999999999999999999", []byte{})
	f.Add(401, "application/json", "", []byte(`{"error":"Unauthenticated."}`))
	f.Add(400, "application/json", "", []byte(`{"errors":"not a list"}`))
	f.Add(200, "application/graphql-response+json", "", []byte(`{"data":{"a":1},"extensions":{}}`))
	f.Add(200, "", "", []byte("\xff\xfe<title>\xc0İİİ</title>"))
	now := time.Date(2026, 10, 21, 7, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, status int, contentType, retryAfter string, body []byte) {
		h := http.Header{}
		h.Set("Content-Type", contentType)
		h.Set("Retry-After", retryAfter)
		data, errs, err := decodeResponse(status, h, body, now)
		switch {
		case status == 401:
			if !errors.Is(err, ErrUnauthenticated) {
				t.Fatalf("401 gave %v", err)
			}
		case status == 429:
			var rl *RateLimitedError
			if !errors.As(err, &rl) || rl.RetryAfter < 0 || rl.RetryAfter > 24*time.Hour {
				t.Fatalf("429 gave %#v", err)
			}
		case status >= 500:
			var se *ServerError
			if !errors.As(err, &se) || se.Status != status {
				t.Fatalf("%d gave %#v", status, err)
			}
		}
		if err != nil {
			if data != nil || errs != nil {
				t.Fatal("data or GraphQL errors beside a failure")
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			var re *pkce.ResponseError
			if errors.As(err, &re) && (!utf8.ValidString(re.Snippet) || len(re.Snippet) > snippetBytes+8) {
				t.Fatalf("snippet %q is not short valid text", re.Snippet)
			}
			return
		}
		if status < 200 || status > 299 {
			if len(errs) == 0 {
				t.Fatalf("status %d accepted without GraphQL errors", status)
			}
		}
		if data == nil && len(errs) == 0 {
			t.Fatal("success with neither data nor errors")
		}
		if data != nil {
			var obj map[string]json.RawMessage
			if json.Unmarshal(data, &obj) != nil || obj == nil {
				t.Fatalf("data %q is not a JSON object", data)
			}
		}
		if errs != nil && errs.Error() == "" {
			t.Fatal("empty GraphQL error message")
		}
	})
}
