package pkce

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestTokenExpired(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		tok  *Token
		want bool
	}{
		{nil, true},
		{&Token{}, true},
		{&Token{AccessToken: "a"}, false}, // unknown expiry: let the 401 tell
		{&Token{AccessToken: "a", Expiry: now.Add(time.Hour)}, false},
		{&Token{AccessToken: "a", Expiry: now.Add(MaxExpiryLeeway + time.Second)}, false},
		{&Token{AccessToken: "a", Expiry: now.Add(MaxExpiryLeeway)}, true},
		// The leeway is a tenth of the lifetime, at most a minute.
		{&Token{AccessToken: "a", Received: now.Add(-time.Second), Expiry: now.Add(29 * time.Second)}, false},
		{&Token{AccessToken: "a", Received: now.Add(-27 * time.Second), Expiry: now.Add(3*time.Second + time.Millisecond)}, false},
		{&Token{AccessToken: "a", Received: now.Add(-27 * time.Second), Expiry: now.Add(3 * time.Second)}, true},
		{&Token{AccessToken: "a", Received: now.Add(-9 * time.Second), Expiry: now.Add(1 * time.Second)}, true},
		{&Token{AccessToken: "a", Received: now.Add(-8 * time.Second), Expiry: now.Add(2 * time.Second)}, false},
		{&Token{AccessToken: "a", Received: now.Add(-365 * 24 * time.Hour), Expiry: now.Add(61 * time.Second)}, false},
		{&Token{AccessToken: "a", Received: now.Add(-365 * 24 * time.Hour), Expiry: now.Add(59 * time.Second)}, true},
		{&Token{AccessToken: "a", Expiry: now.Add(time.Second)}, true},
		{&Token{AccessToken: "a", Expiry: now.Add(-time.Hour)}, true},
	} {
		if got := tc.tok.Expired(now); got != tc.want {
			t.Errorf("%v.Expired = %v, want %v", tc.tok, got, tc.want)
		}
	}
}

func TestTokenJSONRoundTrip(t *testing.T) {
	in := &Token{AccessToken: "acc", TokenType: "Bearer", RefreshToken: "ref", Expiry: time.Date(2026, 5, 1, 2, 3, 4, 0, time.UTC),
		Scopes: []string{"view-user-profile"}, Subject: "42", SiteID: "fflogs", ClientID: "cid"}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := DecodeToken(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip: %+v != %+v", out, in)
	}
	zero, _ := json.Marshal(&Token{AccessToken: "a", SiteID: "s", ClientID: "c"})
	if strings.Contains(string(zero), "expiry") {
		t.Errorf("zero expiry stored: %s", zero)
	}
}

func TestDecodeTokenRejectsJunk(t *testing.T) {
	for _, s := range []string{"", "null", "[]", "42", "{", `{"access_token":""}`, `{"access_token":"a b","site":"s","client_id":"c"}`,
		`{"access_token":"a","site":"s"}`, `{"access_token":"a","client_id":"c"}`, `{"access_token":"a","site":"s","client_id":"c"} {}`,
		`{"access_token":"a","site":"s","client_id":"c","expiry":"yesterday"}`, `{"access_token":"a","refresh_token":"x\ny","site":"s","client_id":"c"}`} {
		tok, err := DecodeToken([]byte(s))
		if err == nil {
			t.Errorf("DecodeToken(%q) = %+v", s, tok)
			continue
		}
		if !errors.Is(err, ErrBadToken) || !errors.Is(err, ErrSignInAgain) {
			t.Errorf("DecodeToken(%q): %v is not ErrBadToken/ErrSignInAgain", s, err)
		}
	}
}

func TestReadJWT(t *testing.T) {
	exp := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		token  string
		sub    string
		scopes []string
		ok     bool
	}{
		{"scopes array", testJWT(map[string]any{"sub": "12", "scopes": []string{"view-user-profile", "view-private-reports"}, "exp": exp.Unix()}), "12", []string{"view-user-profile", "view-private-reports"}, true},
		{"scopes string", testJWT(map[string]any{"sub": "12", "scopes": "a b", "exp": exp.Unix()}), "12", []string{"a", "b"}, true},
		{"scope string (RFC 9068)", testJWT(map[string]any{"sub": "12", "scope": "a  b", "exp": exp.Unix()}), "12", []string{"a", "b"}, true},
		{"numeric sub", testJWT(map[string]any{"sub": 99, "exp": exp.Unix()}), "99", nil, true},
		{"scopes of junk", testJWT(map[string]any{"sub": "1", "scopes": []any{1, "ok"}}), "1", nil, true},
		{"opaque", "def50200abc", "", nil, false},
		{"two parts", "a.b", "", nil, false},
		{"bad base64", "a.!!!.c", "", nil, false},
		{"payload not JSON", "a.bm90IGpzb24.c", "", nil, false},
	} {
		sub, scopes, gotExp, ok := readJWT(tc.token)
		if ok != tc.ok || sub != tc.sub || !reflect.DeepEqual(scopes, tc.scopes) && !(len(scopes) == 0 && len(tc.scopes) == 0) {
			t.Errorf("%s: readJWT = %q %v %v", tc.name, sub, scopes, ok)
		}
		if tc.ok && tc.name != "scopes of junk" && !gotExp.Equal(exp) {
			t.Errorf("%s: exp = %v", tc.name, gotExp)
		}
	}
}

func TestTokenUserIDAndString(t *testing.T) {
	tok := &Token{AccessToken: "secret-access", RefreshToken: "secret-refresh", Subject: "123"}
	if id, ok := tok.UserID(); !ok || id != 123 {
		t.Errorf("UserID = %d %v", id, ok)
	}
	if _, ok := (&Token{Subject: "abc"}).UserID(); ok {
		t.Error("non-numeric subject accepted")
	}
	if s := tok.String(); strings.Contains(s, "secret") {
		t.Errorf("String() reveals the token: %s", s)
	}
}
