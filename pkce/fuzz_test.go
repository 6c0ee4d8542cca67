package pkce

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var callbackSentinels = []error{ErrMissingState, ErrMissingCode, ErrRepeatedParameter, ErrParameterTooLong, ErrInvalidCallback}

// FuzzParseCallback: any address yields a well-formed Callback or one of the
// named callback errors, never a panic; and the clean address never parses as a
// callback again (the code is really gone).
func FuzzParseCallback(f *testing.F) {
	for _, s := range []string{
		"https://app.example/callback?code=def502&state=abc",
		"http://127.0.0.1:8000/callback?error=access_denied&error_description=denied&state=s",
		"/callback?error=access_denied&message=The+user+denied&hint=h&state=s",
		"/callback?code=a&code=b&state=s",
		"/callback?code=%zz&state=s",
		"/callback?code=a;b&state=s",
		"/cb?iss=https%3A%2F%2Fx&code=1&state=2#frag",
		"%",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		cb, err := ParseCallback(raw)
		if err != nil {
			if cb != nil {
				t.Fatalf("callback and error: %+v %v", cb, err)
			}
			known := false
			for _, s := range callbackSentinels {
				known = known || errors.Is(err, s)
			}
			if !known {
				t.Fatalf("unnamed error %v", err)
			}
			if len(err.Error()) > 400 {
				t.Fatalf("message of %d bytes", len(err.Error()))
			}
		} else {
			if cb.State == "" || (cb.Code == "") == (cb.Err == nil) {
				t.Fatalf("malformed callback %+v", cb)
			}
			if len(cb.Code) > MaxParamLength || len(cb.State) > MaxParamLength {
				t.Fatal("oversized value accepted")
			}
			if cb.Err != nil && (cb.Err.Code == "" || !utf8.ValidString(cb.Err.Description)) {
				t.Fatalf("malformed error %+v", cb.Err)
			}
		}
		clean := CleanURL(raw)
		if again, err := ParseCallback(clean); err == nil {
			t.Fatalf("CleanURL(%q) = %q still parses as a callback: %+v", raw, clean, again)
		}
	})
}

// FuzzParseTokenResponse: any status, content type and body from the token
// endpoint yield either a usable Token or a typed error whose message never
// repeats a token from the body.
func FuzzParseTokenResponse(f *testing.F) {
	jwt := testJWT(map[string]any{"sub": "1", "scopes": []string{"view-user-profile"}, "exp": 2000000000})
	for _, s := range []struct {
		status int
		ct     string
		body   string
	}{
		{200, "application/json", `{"token_type":"Bearer","expires_in":31104000,"access_token":"` + jwt + `","refresh_token":"def50200"}`},
		{200, "application/json", `{"access_token":"x","expires_in":"3600"}`},
		{200, "application/x-www-form-urlencoded", "access_token=abc&expires_in=60"},
		{400, "application/json", `{"error":"invalid_grant","error_description":"d","hint":"Failed to verify ` + "`code_verifier`" + `."}`},
		{401, "application/json", `{"error":"invalid_client","message":"Client authentication failed"}`},
		{503, "text/html", "<html><head><title>Just a moment...</title></head></html>"},
		{200, "text/plain", "oops"},
		{500, "", ""},
	} {
		f.Add(s.status, s.ct, []byte(s.body))
	}
	flow := testFlow(f, nil)
	f.Fuzz(func(t *testing.T, status int, ct string, body []byte) {
		if status < 100 || status > 599 {
			status = 200 + (status%400+400)%400
		}
		tok, err := flow.parseTokenResponse(context.Background(), status, ct, body)
		if (tok == nil) == (err == nil) {
			t.Fatalf("token %v, err %v", tok, err)
		}
		if tok != nil {
			if !validTokenValue(tok.AccessToken) || tok.SiteID != "warcraftlogs" || (tok.RefreshToken != "" && !validTokenValue(tok.RefreshToken)) {
				t.Fatalf("unusable token %+v", tok)
			}
			if _, err := DecodeToken(mustJSON(t, tok)); err != nil {
				t.Fatalf("token does not round-trip: %v", err)
			}
			return
		}
		var oe *OAuthError
		var re *ResponseError
		var rd *RedirectError
		if !errors.As(err, &oe) && !errors.As(err, &re) && !(errors.As(err, &rd) && isRedirect(status)) {
			t.Fatalf("untyped error %T %v", err, err)
		}
		msg := err.Error()
		if !utf8.ValidString(msg) {
			t.Fatalf("invalid UTF-8 message %q", msg)
		}
		var fields struct {
			A any `json:"access_token"`
			R any `json:"refresh_token"`
		}
		if json.Unmarshal(body, &fields) == nil {
			for _, v := range []any{fields.A, fields.R} {
				if s, ok := v.(string); ok && len(s) >= 8 && strings.Contains(msg, s) {
					t.Fatalf("message repeats a token: %q", msg)
				}
			}
		}
	})
}

func mustJSON(t *testing.T, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// FuzzDecodeToken: whatever localStorage holds (another app, an old version, a
// person editing it) is a usable token or ErrBadToken, never a panic.
func FuzzDecodeToken(f *testing.F) {
	f.Add([]byte(`{"access_token":"a","refresh_token":"r","expiry":"2026-05-01T02:03:04Z","scopes":["x"],"sub":"1","site":"fflogs","client_id":"c"}`))
	f.Add([]byte(`{"access_token":"a","site":"s","client_id":"c"} {}`))
	f.Add([]byte(`{"access_token":"a b","site":"s","client_id":"c"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := DecodeToken(data)
		if err != nil {
			if tok != nil || !errors.Is(err, ErrBadToken) || !errors.Is(err, ErrSignInAgain) {
				t.Fatalf("%v %v", tok, err)
			}
			return
		}
		if !validTokenValue(tok.AccessToken) || tok.SiteID == "" || tok.ClientID == "" {
			t.Fatalf("unusable token accepted: %+v", tok)
		}
		again, err := DecodeToken(mustJSON(t, tok))
		if err != nil || again.AccessToken != tok.AccessToken || !again.Expiry.Equal(tok.Expiry) {
			t.Fatalf("round trip: %+v %v", again, err)
		}
	})
}

// FuzzReadJWT: any access token yields sane claims or none.
func FuzzReadJWT(f *testing.F) {
	f.Add(testJWT(map[string]any{"sub": "12", "scopes": []string{"view-user-profile"}, "exp": 2000000000}))
	f.Add(testJWT(map[string]any{"sub": 12, "scope": "a b", "exp": "2000000000"}))
	f.Add("a.e30.c")
	f.Add("def50200")
	f.Fuzz(func(t *testing.T, token string) {
		sub, scopes, exp, ok := readJWT(token)
		if !ok && (sub != "" || scopes != nil || !exp.IsZero()) {
			t.Fatal("claims from a token that is not a JWT")
		}
		if sub != "" && !validTokenValue(sub) {
			t.Fatalf("subject %q", sub)
		}
		for _, s := range scopes {
			if !validScopeToken(s) {
				t.Fatalf("scope %q", s)
			}
		}
	})
}
