package pkce

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func testFlow(t testing.TB, now func() time.Time) *Flow {
	t.Helper()
	f, err := NewFlow(Config{Provider: mustSiteTB(t, "warcraftlogs"), ClientID: "9a1b-client", RedirectURI: "https://me.example/pkcelogs/callback", Now: now}, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustSiteTB(t testing.TB, id string) Provider {
	return Provider{ID: id, Name: id, AuthorizeURL: "https://" + id + ".example/oauth/authorize",
		TokenURL: "https://" + id + ".example/oauth/token", Scopes: []string{"view-user-profile", "view-private-reports"}}
}

func TestParseTokenResponseSuccess(t *testing.T) {
	clock := newClock()
	f := testFlow(t, clock.Now)
	jwtExp := clock.Now().Add(30 * time.Minute).Truncate(time.Second)
	access := testJWT(map[string]any{"sub": "5", "scopes": []string{"view-user-profile"}, "exp": jwtExp.Unix()})
	for _, tc := range []struct {
		name, body string
		expiry     time.Time
	}{
		{"warcraft logs shape", `{"token_type":"Bearer","expires_in":31104000,"access_token":"` + access + `","refresh_token":"def50200"}`, clock.Now().Add(31104000 * time.Second)},
		{"expires_in as string", `{"token_type":"bearer","expires_in":"60","access_token":"` + access + `"}`, clock.Now().Add(time.Minute)},
		{"no expires_in: JWT exp", `{"access_token":"` + access + `"}`, jwtExp},
		{"zero expires_in: JWT exp", `{"access_token":"` + access + `","expires_in":0}`, jwtExp},
		{"opaque, no expiry", `{"access_token":"opaque-token","expires_in":null}`, time.Time{}},
	} {
		tok, err := f.parseTokenResponse(context.Background(), 200, "application/json", []byte(tc.body))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !tok.Expiry.Equal(tc.expiry) {
			t.Errorf("%s: expiry %v, want %v", tc.name, tok.Expiry, tc.expiry)
		}
		if tok.SiteID != "warcraftlogs" || tok.ClientID != "9a1b-client" || tok.TokenType != "Bearer" {
			t.Errorf("%s: %+v", tc.name, tok)
		}
	}
}

func TestParseTokenResponseFormEncoded(t *testing.T) {
	f := testFlow(t, nil)
	before := time.Now()
	tok, err := f.parseTokenResponse(context.Background(), 200, "application/x-www-form-urlencoded", []byte("access_token=abc&token_type=bearer&expires_in=60&refresh_token=r"))
	if err != nil {
		t.Fatal(err)
	}
	if tok.Expiry.Before(before.Add(59*time.Second)) || tok.Expiry.After(time.Now().Add(61*time.Second)) || tok.RefreshToken != "r" {
		t.Errorf("token %+v", tok)
	}
}

// A form-encoded answer's expiry follows the flow's clock, as a JSON one's does
// (x/oauth2 computes it from the wall clock).
func TestParseTokenResponseFormEncodedUsesTheFlowsClock(t *testing.T) {
	fixed := time.Date(2031, time.March, 4, 5, 6, 7, 0, time.UTC)
	f := testFlow(t, func() time.Time { return fixed })
	for ct, body := range map[string]string{
		"application/x-www-form-urlencoded": "access_token=abc&token_type=bearer&expires_in=3600",
		"application/json":                  `{"access_token":"abc","token_type":"bearer","expires_in":3600}`,
	} {
		tok, err := f.parseTokenResponse(context.Background(), 200, ct, []byte(body))
		if err != nil {
			t.Fatalf("%s: %v", ct, err)
		}
		if d := tok.Expiry.Sub(fixed.Add(time.Hour)); d < -time.Second || d > time.Second {
			t.Errorf("%s: expiry %v, want %v by the flow's clock", ct, tok.Expiry, fixed.Add(time.Hour))
		}
	}
}

func TestParseTokenResponseErrors(t *testing.T) {
	f := testFlow(t, nil)
	const redirect = `"https://me.example/pkcelogs/callback"`
	type check func(t *testing.T, err error)
	oauth := func(code string, status int, msgHas ...string) check {
		return func(t *testing.T, err error) {
			var oe *OAuthError
			if !errors.As(err, &oe) {
				t.Fatalf("err = %T %v, want *OAuthError", err, err)
			}
			if oe.Code != code || oe.Status != status || oe.Endpoint != EndpointToken {
				t.Errorf("got %+v", oe)
			}
			for _, s := range msgHas {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("message %q lacks %q", err.Error(), s)
				}
			}
		}
	}
	response := func(status int, snippetHas string) check {
		return func(t *testing.T, err error) {
			var re *ResponseError
			if !errors.As(err, &re) {
				t.Fatalf("err = %T %v, want *ResponseError", err, err)
			}
			if re.Status != status || re.Endpoint != EndpointToken || !strings.Contains(re.Snippet, snippetHas) {
				t.Errorf("got %+v", re)
			}
		}
	}
	for _, tc := range []struct {
		name, ct, body string
		status         int
		check          check
	}{
		{"invalid_client names the redirect URI", "application/json", `{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`, 401,
			oauth("invalid_client", 401, "must be exactly "+redirect, `"9a1b-client"`, "Public Client")},
		{"redirect_uri complaint", "application/json", `{"error":"invalid_request","error_description":"The redirect_uri does not match"}`, 400,
			oauth("invalid_request", 400, "must be exactly "+redirect)},
		{"invalid_grant with hint", "application/json", `{"error":"invalid_grant","error_description":"The provided authorization grant is invalid","hint":"Failed to verify ` + "`code_verifier`" + `."}`, 400,
			oauth("invalid_grant", 400, "Failed to verify", "Start the sign-in again")},
		{"message only", "application/json", `{"error":"invalid_request","message":"Code challenge must be provided for public clients"}`, 400,
			oauth("invalid_request", 400, "Code challenge must be provided", "Public Client")},
		{"error in a 200", "application/json", `{"error":"server_error"}`, 200, oauth("server_error", 200, "try again")},
		{"form-encoded error", "application/x-www-form-urlencoded", `error=invalid_grant&error_description=nope`, 400, oauth("invalid_grant", 400, "nope")},
		{"CDN HTML page", "text/html; charset=UTF-8", "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>checking</body></html>", 503, response(503, "Just a moment...")},
		{"52x HTML without title", "text/html", "<html><body><h1>Web server is down</h1> Error code 521</body></html>", 521, response(521, "Web server is down Error code 521")},
		{"HTML with 200", "text/html", "<html><title>Maintenance</title></html>", 200, response(200, "Maintenance")},
		{"JSON without error code", "application/json", `{"message":"Server Error"}`, 500, response(500, "Server Error")},
		{"empty 502", "", "", 502, response(502, "")},
		{"200 without access_token", "application/json", `{"token_type":"Bearer"}`, 200, response(200, "")},
		{"200 truncated JSON", "application/json", `{"access_token":"ey`, 200, response(200, "withheld")},
		{"access token with a space", "application/json", `{"access_token":"a b"}`, 200, response(200, "withheld")},
		{"unsupported token type", "application/json", `{"access_token":"abc","token_type":"mac"}`, 200, response(200, "withheld")},
		{"error that is not a string", "application/json", `{"error":42}`, 400, response(400, "42")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := f.parseTokenResponse(context.Background(), tc.status, tc.ct, []byte(tc.body))
			if tok != nil {
				t.Fatalf("token %v with error %v", tok, err)
			}
			tc.check(t, err)
		})
	}
}

// A body that carries a token never shows up in an error message.
func TestResponseErrorNeverShowsTokens(t *testing.T) {
	f := testFlow(t, nil)
	secret := testJWT(map[string]any{"sub": "1"})
	for _, body := range []string{
		`{"access_token":"` + secret + `","token_type":"mac"}`,
		`<html><title>` + secret + `</title></html>`,
		`{"access_token":"` + secret + `","expires_in":"soon"}`,
		`{"error":"invalid_grant","error_description":"` + secret + `"}`,
		"refresh_token=" + secret,
	} {
		for _, status := range []int{200, 400, 500} {
			_, err := f.parseTokenResponse(context.Background(), status, "text/html", []byte(body))
			if err == nil {
				continue
			}
			if strings.Contains(err.Error(), secret[:30]) || strings.Contains(err.Error(), strings.Split(secret, ".")[1]) {
				t.Errorf("status %d body %.40q: message shows the token: %v", status, body, err)
			}
		}
	}
}
