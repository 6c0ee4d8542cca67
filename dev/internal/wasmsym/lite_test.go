//go:build !js

package wasmsym

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The signed-out build (cmd/wasm-lite, ui/lite.go) starts sign-ins and
// nothing else: it links neither net/http's client (nor the TLS and x509 code
// behind it), the GraphQL client, x/oauth2, the API client nor the
// dashboard. go-app itself imports net/http (for its server side), so the
// package is there; what must not be is the client's code. Checked on the
// linked module's function names, built as make build does but unstripped.
func TestSignedOutBuildLinksNoHTTPClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/wasm-lite")
	}
	out := filepath.Join(t.TempDir(), "app-lite.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-tags", "nethttpomithttp2,pkcelogs_lite", "-o", out, "./cmd/wasm-lite")
	cmd.Dir = "../../.." // the root module
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm", "GOWORK=off")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building cmd/wasm-lite: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	funcs, err := Functions(data)
	if err != nil {
		t.Fatal(err)
	}
	forbidden := []string{
		Mangle("net/http") + ".__Client_.",
		Mangle("net/http") + ".__Transport_.",
		Mangle("crypto/tls") + ".",
		Mangle("github.com/machinebox/graphql") + ".",
		Mangle("golang.org/x/oauth2") + ".",
		Mangle("github.com/pkcelogs/pkcelogs/logsapi") + ".__Client_.",
		Mangle("github.com/pkcelogs/pkcelogs/ui") + ".__Dashboard_.",
		Mangle("github.com/pkcelogs/pkcelogs/ui") + ".__Console_.",
	}
	// Packages that must not be there at all, not even their initialisers:
	// gqlparser's validator registers every rule in its init, so a mere
	// import (the console's, through gqlwork) links them all (~0.3 MB raw).
	absent := []string{
		Mangle("github.com/vektah/gqlparser") + "_",
		Mangle("github.com/pkcelogs/pkcelogs/gqlwork") + ".",
	}
	// What it must have: proof that the names are spelled as this test expects.
	required := map[string]bool{
		Mangle("github.com/pkcelogs/pkcelogs/pkce") + ".__Flow_.Start":        false,
		Mangle("github.com/pkcelogs/pkcelogs/ui") + ".__SignInButton_.Render": false,
		Mangle("github.com/pkcelogs/pkcelogs/session") + ".__Session_.SignIn": false,
	}
	seen := map[string]string{}
	for _, f := range funcs {
		if _, ok := required[f.Name]; ok {
			required[f.Name] = true
		}
		for _, p := range absent {
			if strings.HasPrefix(f.Name, p) && seen[p] == "" {
				seen[p] = f.Name
			}
		}
		for _, p := range forbidden {
			// Package initialisers stay: go-app imports net/http, which
			// imports crypto/tls, and a package's init is always linked.
			rest, ok := strings.CutPrefix(f.Name, p)
			if ok && !strings.HasPrefix(rest, "init") && !strings.HasPrefix(rest, "map.init") && seen[p] == "" {
				seen[p] = f.Name
			}
		}
	}
	for name, ok := range required {
		if !ok {
			t.Errorf("the signed-out build has no %s: has the linker's naming changed?", name)
		}
	}
	for p, name := range seen {
		t.Errorf("the signed-out build links %s (e.g. %s): find the path with go build -ldflags=-dumpdep", strings.TrimRight(p, "._"), name)
	}
}
