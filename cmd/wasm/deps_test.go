//go:build !js

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// repoRoot is the root module's directory, seen from cmd/wasm.
const repoRoot = "../.."

// goList runs `go list args...` in dir for the root module alone (GOWORK=off:
// the workspace would add the development module), with extra environment.
func goList(t *testing.T, dir string, env []string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(cmd.Environ(), "GOWORK=off"), env...)
	out, err := cmd.Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += ": " + strings.TrimSpace(string(ee.Stderr))
		}
		t.Fatalf("go list %s (%s): %s", strings.Join(args, " "), strings.Join(env, " "), msg)
	}
	return strings.Fields(string(out))
}

var jsWasm = []string{"GOOS=js", "GOARCH=wasm"}

// The browser build links nothing server-side: not the development module
// (its server, the local provider and its OAuth and GraphQL servers, the
// test tooling), nor what those need.
func TestLinksNothingServerSide(t *testing.T) {
	forbidden := []string{
		"github.com/pkcelogs/pkcelogs/dev/",
		"github.com/ory/",
		"github.com/graph-gophers/",
		"github.com/chromedp/",
		"github.com/andybalholm/brotli",
		"net/http/httptest",
	}
	// cmd/wasm, and the signed-out build with its tag (which links less
	// still: dev/internal/wasmsym checks what it links).
	for _, build := range []struct{ dir, tags string }{{".", ""}, {"../wasm-lite", "nethttpomithttp2,pkcelogs_lite"}} {
		for _, pkg := range goList(t, build.dir, jsWasm, "-deps", "-tags", build.tags, ".") {
			for _, f := range forbidden {
				if strings.HasPrefix(pkg, f) {
					t.Errorf("%s links %s", build.dir, pkg)
				}
			}
		}
	}
}

const (
	goApp     = "github.com/maxence-charriere/go-app/"
	syscallJS = "syscall/js"
	safeJS    = "github.com/hack-pad/safejs"
)

// browserUse lists how the packages pkgs (with their dependencies) in one
// build reach go-app or the browser: a go-app or safejs package among the
// dependencies, or a package outside the standard library importing
// syscall/js. (The standard library's own use, net/http's fetch transport
// under js/wasm, is not the package's doing.)
func browserUse(t *testing.T, env []string, pkgs string) []string {
	t.Helper()
	var found []string
	for _, line := range goList(t, repoRoot, env, "-deps", "-f", "{{.ImportPath}}|{{.Standard}}|{{join .Imports \",\"}}", pkgs) {
		f := strings.Split(line, "|")
		if len(f) != 3 {
			t.Fatalf("go list printed %q", line)
		}
		path, standard, imports := f[0], f[1] == "true", strings.Split(f[2], ",")
		switch {
		case strings.HasPrefix(path, goApp):
			found = append(found, path)
		case strings.HasPrefix(path, safeJS):
			found = append(found, path)
		case !standard && slices.Contains(imports, syscallJS):
			found = append(found, path+" imports "+syscallJS)
		}
	}
	return found
}

// The layers under ui (cmd -> ui -> session -> logsapi -> pkce, sites beside
// pkce) know nothing of go-app, and only session reaches the browser, through
// safejs in its js-tagged files: pkce, sites and logsapi run and are tested
// anywhere Go runs, and session's logic is tested natively with a fake browser.
func TestCoreImportsNoUI(t *testing.T) {
	for _, pkg := range []string{"pkce", "logsapi", "sites", "session", "gqlwork"} {
		if _, err := os.Stat(filepath.Join(repoRoot, pkg)); err != nil {
			if pkg == "pkce" || pkg == "logsapi" {
				t.Fatalf("%s: %v", pkg, err)
			}
			t.Logf("%s: no such package yet, nothing to check", pkg)
			continue
		}
		pattern := "./" + pkg + "/..."
		for _, use := range browserUse(t, nil, pattern) {
			t.Errorf("%s, built natively, depends on %s", pkg, use)
		}
		for _, use := range browserUse(t, jsWasm, pattern) {
			if pkg == "session" && !strings.HasPrefix(use, goApp) {
				continue // session's js && wasm files reach the browser through safejs
			}
			t.Errorf("%s, built for js/wasm, depends on %s", pkg, use)
		}
	}
}

// ServerSideModules are modules the root module, which embedders import, must
// not require even indirectly: the development provider (fosite and ory's
// libraries, zitadel's OIDC), the GraphQL server, the browser driver, the
// tracing stack those bring, and the devserver's compressor.
var ServerSideModules = []string{
	"github.com/ory/",
	"github.com/graph-gophers/",
	"github.com/chromedp/",
	"go.opentelemetry.io/",
	"github.com/zitadel/",
	"github.com/andybalholm/brotli",
}

// The root module's own module graph holds nothing server-side (issue 10:
// `go get github.com/pkcelogs/pkcelogs/ui` must not pull the devserver's
// dependencies). dev/internal/archtest checks the same from a fresh module.
func TestRootModuleRequiresNothingServerSide(t *testing.T) {
	mods := goList(t, repoRoot, nil, "-m", "-f", "{{.Path}}", "all")
	if len(mods) == 0 || mods[0] != "github.com/pkcelogs/pkcelogs" {
		t.Fatalf("go list -m all in %s does not start with the root module: %q", repoRoot, mods)
	}
	for _, m := range mods {
		for _, f := range ServerSideModules {
			if strings.HasPrefix(m, f) {
				t.Errorf("the root module's graph holds %s: move what needs it into the dev module", m)
			}
		}
	}
}
