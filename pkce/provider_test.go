package pkce

import (
	"errors"
	"strings"
	"testing"
)

func TestProviderValidate(t *testing.T) {
	p := Provider{ID: "local", Name: "Local provider", AuthorizeURL: "http://127.0.0.1:8001/oauth/authorize",
		TokenURL: "http://127.0.0.1:8001/oauth/token", RevokeURL: "http://127.0.0.1:8001/oauth/revoke",
		Issuer: "http://127.0.0.1:8001", SendsIssuer: true, Scopes: []string{"view-user-profile"}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	const a, tk = "https://id.example/authorize", "https://id.example/token"
	ok := func(id, authz, token, revoke string, scopes ...string) error {
		return Provider{ID: id, AuthorizeURL: authz, TokenURL: token, RevokeURL: revoke, Scopes: scopes}.Validate()
	}
	for name, err := range map[string]error{
		"empty id":             ok("", a, tk, ""),
		"id with space":        ok("my site", a, tk, ""),
		"upper-case id":        ok("MySite", a, tk, ""),
		"id starting with '.'": ok(".x", a, tk, ""),
		"id starting with '-'": ok("-x", a, tk, ""),
		"65-character id":      ok(strings.Repeat("x", 65), a, tk, ""),
		"non-ASCII id":         ok("sité", a, tk, ""),
		"id with '/'":          ok("a/b", a, tk, ""),
		"http on the net":      ok("x", "http://id.example/authorize", tk, ""),
		"relative token":       ok("x", a, "/token", ""),
		"no token":             ok("x", a, "", ""),
		"fragment":             ok("x", a+"#f", tk, ""),
		"credentials":          ok("x", "https://u:p@id.example/a", tk, ""),
		"ftp revoke":           ok("x", a, tk, "ftp://id.example/revoke"),
		"bad scope":            ok("x", a, tk, "", "a\"b"),
		"javascript: scheme":   ok("x", "javascript:alert(1)", tk, ""),
		"localhost look-alike": ok("x", "http://localhost.evil.example/a", tk, ""),
		"iss without issuer":   Provider{ID: "x", AuthorizeURL: a, TokenURL: tk, SendsIssuer: true}.Validate(),
		"http issuer":          Provider{ID: "x", AuthorizeURL: a, TokenURL: tk, Issuer: "http://id.example"}.Validate(),
		"issuer with a query":  Provider{ID: "x", AuthorizeURL: a, TokenURL: tk, Issuer: "https://id.example/?t=1"}.Validate(),
	} {
		if !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: err = %v, want ErrInvalidConfig", name, err)
		}
	}
	for _, id := range []string{"x", "0", "my-site.eu_2", strings.Repeat("x", 64)} {
		if err := ok(id, a, tk, ""); err != nil {
			t.Errorf("site id %q: %v", id, err)
		}
	}
	for _, loop := range []string{"http://localhost:9/a", "http://127.0.0.1/a", "http://127.0.0.2/a", "http://[::1]:8/a", "https://id.example/a?x=1"} {
		if err := ok("x", loop, tk, ""); err != nil {
			t.Errorf("%s: %v", loop, err)
		}
	}
}

func TestCheckRedirectURI(t *testing.T) {
	for _, good := range []string{"https://app.example/callback", "http://127.0.0.1:8000/callback", "http://localhost:8000/cb", "http://[::1]:8000/cb"} {
		if err := CheckRedirectURI(good); err != nil {
			t.Errorf("%s: %v", good, err)
		}
	}
	for _, bad := range []string{"", "/callback", "http://app.example/callback", "https://app.example/cb#x", "https://u:p@app.example/cb", "ftp://app.example/cb"} {
		if err := CheckRedirectURI(bad); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%q: err = %v, want ErrInvalidConfig", bad, err)
		}
	}
}
