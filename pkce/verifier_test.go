package pkce

import (
	"encoding/base64"
	"strings"
	"testing"
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
