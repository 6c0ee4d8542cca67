package session

import "testing"

// A return path is kept only when it is a clean path of this app: another
// origin, a backslash, and any dot or empty segment (which a browser resolves,
// e.g. "/..//evil.example" to the path "//evil.example", a network-path
// reference to another host when read back) all send the person home.
func TestSafeReturnPath(t *testing.T) {
	for _, base := range []string{"", "/pkcelogs"} {
		opts := Options{BasePath: base}
		home := opts.Path(PathHome)
		for in, want := range map[string]string{
			base + "/console?x=1":          base + "/console?x=1",
			base + "/reports/":             base + "/reports/",
			base + "/console?next=//x":     base + "/console?next=//x", // the query is not a path
			"//evil":                       home,
			"//evil.example/":              home,
			"/..//evil.example":            home,
			"/a/..//evil":                  home,
			base + "/..//evil.example":     home,
			base + "/a/..//evil":           home,
			base + "/.//evil":              home,
			base + "/%2e%2e//evil.example": home,
			base + "/.%2E//evil.example":   home,
			base + "/%2F%2Fevil.example":   home,
			base + "//evil.example":        home,
			base + "/a/./b":                home,
			"/\\evil.example":              home,
			"/./\\evil.example":            home,
			"https://evil.example/":        home,
			"http:/evil.example":           home,
			"javascript:alert(1)":          home,
			"relative/path":                home,
			base + "/callback?code=x":      home,
			"":                             home,
		} {
			if got := SafeReturnPath(in, opts); got != want {
				t.Errorf("base %q: SafeReturnPath(%q) = %q, want %q", base, in, got, want)
			}
		}
	}
	// Under a base path, another app's page on the same origin is not ours.
	if got := SafeReturnPath("/other-app/", Options{BasePath: "/pkcelogs"}); got != "/pkcelogs/" {
		t.Errorf("SafeReturnPath(/other-app/) under /pkcelogs = %q", got)
	}
}
