package pkce

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// Verifier lengths allowed by RFC 7636 §4.1.
const (
	MinVerifierLength = 43
	MaxVerifierLength = 128
)

// NewVerifier returns a fresh code verifier: 32 octets from a cryptographic random
// source, base64url-encoded without padding to 43 characters (RFC 7636 §4.1).
// (What x/oauth2's GenerateVerifier does; done here so that starting a
// sign-in does not link x/oauth2: see Flow.authorizeURL.)
func NewVerifier() string { return randomToken() }

// S256Challenge returns the code challenge for verifier with the S256 method:
// BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2). The plain
// method is never used.
func S256Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// CheckVerifier reports whether v is a valid code verifier:
// 43-128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~" (RFC 7636 §4.1).
func CheckVerifier(v string) error {
	if n := len(v); n < MinVerifierLength || n > MaxVerifierLength {
		return fmt.Errorf("pkce: code verifier has %d characters, want %d to %d (RFC 7636 §4.1)", n, MinVerifierLength, MaxVerifierLength)
	}
	for i := 0; i < len(v); i++ {
		if !isUnreserved(v[i]) {
			return fmt.Errorf("pkce: code verifier has character %q at %d; only A-Z a-z 0-9 - . _ ~ are allowed (RFC 7636 §4.1)", v[i], i)
		}
	}
	return nil
}

// isUnreserved: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" (RFC 3986 §2.3).
func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// stateBytes is the entropy of a state: 256 bits, well over the 128 bits asked for
// by RFC 6749 §10.10 and §10.12.
const stateBytes = 32

// NewState returns an unguessable state value: 32 random octets, base64url without
// padding (43 characters). It binds the callback to this browser (RFC 6749 §10.12).
func NewState() string { return randomToken() }

// randomToken is 32 octets from crypto/rand, base64url without padding.
func randomToken() string {
	b := make([]byte, stateBytes)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand.Read never fails on supported platforms (Go 1.24+).
		panic("pkce: crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
