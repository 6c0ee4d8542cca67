//go:build !js

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The browser build links nothing server-side: not the development server,
// the local provider or its OAuth and GraphQL servers, nor test tooling.
func TestLinksNothingServerSide(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	forbidden := []string{
		"github.com/pkcelogs/pkcelogs/internal/",
		"github.com/pkcelogs/pkcelogs/cmd/devserver",
		"github.com/pkcelogs/pkcelogs/e2e",
		"github.com/pkcelogs/pkcelogs/bench",
		"github.com/ory/",
		"github.com/graph-gophers/",
		"github.com/chromedp/",
		"github.com/andybalholm/brotli",
		"net/http/httptest",
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if strings.HasPrefix(pkg, f) {
				t.Errorf("cmd/wasm links %s", pkg)
			}
		}
	}
}
