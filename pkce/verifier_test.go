package pkce

import (
	"encoding/base64"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

// RFC 7636 Appendix B.
func TestS256ChallengeAppendixB(t *testing.T) {
	const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	const want = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	if got := S256Challenge(verifier); got != want {
		t.Fatalf("S256Challenge(%q) = %q, want %q", verifier, got, want)
	}
	if err := CheckVerifier(verifier); err != nil {
		t.Fatal(err)
	}
}

func TestNewVerifierProperties(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		v := NewVerifier()
		if err := CheckVerifier(v); err != nil {
			t.Fatalf("NewVerifier() = %q: %v", v, err)
		}
		if len(v) != 43 {
			t.Fatalf("len = %d, want 43 (32 octets)", len(v))
		}
		raw, err := base64.RawURLEncoding.DecodeString(v)
		if err != nil || len(raw) != 32 {
			t.Fatalf("verifier %q is not 32 octets base64url: %v", v, err)
		}
		c := S256Challenge(v)
		if len(c) != 43 || strings.ContainsAny(c, "=+/") {
			t.Fatalf("challenge %q is not unpadded base64url of 32 octets", c)
		}
		if c == v {
			t.Fatal("challenge equals verifier: plain method")
		}
		if seen[v] {
			t.Fatalf("verifier repeated after %d draws", i)
		}
		seen[v] = true
	}
}

func TestCheckVerifier(t *testing.T) {
	ok := []string{strings.Repeat("a", 43), strings.Repeat("Z", 128), strings.Repeat("-._~09", 8)}
	for _, v := range ok {
		if err := CheckVerifier(v); err != nil {
			t.Errorf("CheckVerifier(%q) = %v", v, err)
		}
	}
	bad := []string{"", strings.Repeat("a", 42), strings.Repeat("a", 129), strings.Repeat("a", 42) + "+", strings.Repeat("a", 42) + "/",
		strings.Repeat("a", 42) + "=", strings.Repeat("a", 42) + " ", strings.Repeat("é", 22)}
	for _, v := range bad {
		if err := CheckVerifier(v); err == nil {
			t.Errorf("CheckVerifier(%q) accepted", v)
		}
	}
}

func TestNewState(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		s := NewState()
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil || len(raw)*8 < 128 {
			t.Fatalf("state %q: %d bits, %v", s, len(raw)*8, err)
		}
		if seen[s] {
			t.Fatal("state repeated")
		}
		seen[s] = true
	}
}

// The hand-built authorization request and challenge are what x/oauth2 writes
// (Flow.authorizeURL): same parameters, same encoding, a query kept.
func TestAuthorizeURLMatchesOAuth2(t *testing.T) {
	for _, authURL := range []string{"https://example.com/oauth/authorize", "https://example.com/authorize?tenant=a b"} {
		f, err := NewFlow(Config{
			Provider:    Provider{ID: "ex", Name: "Example", AuthorizeURL: authURL, TokenURL: "https://example.com/token", Scopes: []string{"view-user-profile", "view-private-reports"}},
			ClientID:    "client-1",
			RedirectURI: "https://app.example/callback",
		}, NewMemoryStore())
		if err != nil {
			t.Fatal(err)
		}
		p := Pending{State: NewState(), Verifier: NewVerifier(), RedirectURI: "https://app.example/callback"}
		want := f.oauth2Config(p.RedirectURI).AuthCodeURL(p.State, oauth2.S256ChallengeOption(p.Verifier))
		if got := f.authorizeURL(p); got != want {
			t.Errorf("authorizeURL:\n got %s\nwant %s", got, want)
		}
		if got, want := S256Challenge(p.Verifier), oauth2.S256ChallengeFromVerifier(p.Verifier); got != want {
			t.Errorf("S256Challenge = %s, x/oauth2 says %s", got, want)
		}
	}
}
