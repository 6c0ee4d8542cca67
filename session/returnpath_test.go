package session

import "testing"

// After the sign-in the person goes back only to a page of this app: never
// another origin, never the callback page itself.
func TestSafeReturnPath(t *testing.T) {
	opts := Options{BasePath: "/pkcelogs"}
	for in, want := range map[string]string{
		"/pkcelogs/console?x=1":     "/pkcelogs/console?x=1",
		"/pkcelogs/":                "/pkcelogs/",
		"https://evil.example/":     "/pkcelogs/",
		"//evil.example/":           "/pkcelogs/",
		"/\\evil.example":           "/pkcelogs/",
		"/other-app/":               "/pkcelogs/",
		"/pkcelogs/callback?code=x": "/pkcelogs/",
		"":                          "/pkcelogs/",
		"javascript:alert(1)":       "/pkcelogs/",
	} {
		if got := SafeReturnPath(in, opts); got != want {
			t.Errorf("SafeReturnPath(%q) = %q, want %q", in, got, want)
		}
	}
}
