//go:build !js

package webapp

import (
	"strings"
	"testing"
)

// FuzzAcceptable: any Accept-Encoding header yields only encodings we have,
// and one the header refuses by name with q=0 is never chosen.
func FuzzAcceptable(f *testing.F) {
	for _, seed := range []string{"gzip, deflate, br, zstd", "br;q=0, gzip", "*;q=0", "*, br;q=0", ";;,,q=", "br;q=1e400", "GZIP;Q=0.5"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		ok := acceptable(header)
		for name := range ok {
			if name != "br" && name != "gzip" {
				t.Fatalf("acceptable(%q) offers %q", header, name)
			}
		}
		for _, part := range strings.Split(header, ",") {
			fields := strings.Split(part, ";")
			name := strings.ToLower(strings.TrimSpace(fields[0]))
			if len(fields) == 2 && strings.TrimSpace(strings.ToLower(fields[1])) == "q=0" && ok[name] && strings.Count(strings.ToLower(header), name) == 1 {
				t.Fatalf("acceptable(%q) accepts %s despite q=0", header, name)
			}
		}
	})
}

func FuzzNormalizeBasePath(f *testing.F) {
	for _, seed := range []string{"/", "", "/pkcelogs/", "a/b", "/../", "/a//b/", "/%2e%2e/", "/a?b"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got, err := normalizeBasePath(p)
		if err != nil {
			return
		}
		if got != "" && (!strings.HasPrefix(got, "/") || strings.HasSuffix(got, "/") || strings.Contains(got, "//") ||
			strings.Contains(got, "/../") || strings.HasSuffix(got, "/..") || strings.ContainsAny(got, `?#%\ "<>`)) {
			t.Fatalf("normalizeBasePath(%q) = %q: not a clean prefix", p, got)
		}
	})
}
