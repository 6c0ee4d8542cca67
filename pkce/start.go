package pkce

import (
	"encoding/json"
	"net/url"
	"path"
	"strings"
)

// Start begins a sign-in (RFC 6749 §4.1.1 with RFC 7636 §4.3): it makes a verifier
// and a state, records a Pending under the state, and returns the authorization URL
// to navigate to in the same tab. Only the S256 challenge leaves the browser.
// returnTo is the local path to come back to after sign-in; anything that is not a
// local path becomes "/" (no open redirect).
func (f *Flow) Start(returnTo string) (authorizeURL string, err error) {
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	Prune(f.store, now)

	p := Pending{
		State:       NewState(),
		Verifier:    NewVerifier(),
		SiteID:      f.cfg.Provider.ID,
		ClientID:    f.cfg.ClientID,
		RedirectURI: f.cfg.RedirectURI,
		Scopes:      append([]string(nil), f.cfg.Scopes...),
		ReturnTo:    LocalPath(returnTo),
		CreatedAt:   now.UTC(),
	}
	data, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	if err := f.store.Set(pendingKeyPrefix+p.State, string(data)); err != nil {
		return "", storageFailed("saving the pending sign-in", err)
	}
	return f.authorizeURL(p), nil
}

// authorizeURL is the authorization request for p (RFC 6749 §4.1.1 with the
// S256 challenge of RFC 7636 §4.3): what x/oauth2's AuthCodeURL with
// S256ChallengeOption writes, built here so that starting a sign-in links
// neither x/oauth2 nor, through it, net/http's client (the signed-out build,
// cmd/wasm-lite, only starts sign-ins). pkce's tests hold the two equal.
func (f *Flow) authorizeURL(p Pending) string {
	v := url.Values{
		"response_type":         {"code"},
		"client_id":             {f.cfg.ClientID},
		"code_challenge":        {S256Challenge(p.Verifier)},
		"code_challenge_method": {"S256"},
	}
	if p.RedirectURI != "" {
		v.Set("redirect_uri", p.RedirectURI)
	}
	if len(f.cfg.Scopes) > 0 {
		v.Set("scope", strings.Join(f.cfg.Scopes, " "))
	}
	if p.State != "" {
		v.Set("state", p.State)
	}
	sep := "?"
	if strings.Contains(f.cfg.Provider.AuthorizeURL, "?") {
		sep = "&"
	}
	return f.cfg.Provider.AuthorizeURL + sep + v.Encode()
}

// LocalPath returns p if it is a path on this origin ("/reports?page=2"), else "/".
// It keeps a stored or supplied return address from sending the person elsewhere.
// The path must be in clean form, without "." or ".." segments (percent-encoded
// or not) and without empty ones: a browser resolves "/..//evil.example" to the
// path "//evil.example", which, read back as an address, is another host.
func LocalPath(p string) string {
	if p == "" || p[0] != '/' || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") || len(p) > 2048 {
		return "/"
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !cleanPath(u.Path) {
		return "/"
	}
	return p
}

// cleanPath reports whether the decoded path p is what path.Clean makes of
// it, but for a trailing slash: no "." or ".." segment, no "//".
func cleanPath(p string) bool {
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean == p
}
