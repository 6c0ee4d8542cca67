package archtest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// serverSide are module path prefixes an embedder must not get: the local
// provider's fosite and ory libraries (and zitadel's OIDC), the GraphQL
// server, the browser driver, the tracing stack those bring, and the
// devserver's compressor. cmd/wasm's TestRootModuleRequiresNothingServerSide
// holds the same list for the root module's own graph.
var serverSide = []string{
	"github.com/ory/",
	"github.com/graph-gophers/",
	"github.com/chromedp/",
	"go.opentelemetry.io/",
	"github.com/zitadel/",
	"github.com/andybalholm/brotli",
}

// unreachable matches what the go command says when it cannot reach the
// module proxy at all (as opposed to a module that is really missing).
var unreachable = regexp.MustCompile(`dial tcp|no such host|connection refused|i/o timeout|network is unreachable|TLS handshake timeout|proxyconnect|GOPROXY=off`)

// rootModule returns the repository root (the root module's directory) and
// its go directive.
func rootModule(t *testing.T) (dir, goVersion string) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mod := string(b)
	if !regexp.MustCompile(`(?m)^module github\.com/pkcelogs/pkcelogs$`).MatchString(mod) {
		t.Fatalf("%s/go.mod is not the root module github.com/pkcelogs/pkcelogs", dir)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(mod)
	if m == nil {
		t.Fatalf("%s/go.mod has no go directive", dir)
	}
	return dir, m[1]
}

// goIn runs the go command in dir outside any workspace, letting it update
// go.mod and go.sum, and returns its standard output.
func goIn(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", errors.New("go " + strings.Join(args, " ") + ": " + err.Error() + "\n" + stderr.String())
	}
	return string(out), nil
}

// TestEmbedderGetsNothingServerSide builds the module graph a program that
// imports only the ui package resolves, with the root module replaced by
// this checkout, and checks it holds no server-side module.
func TestEmbedderGetsNothingServerSide(t *testing.T) {
	root, goVersion := rootModule(t)
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/embedder\n\ngo " + goVersion + "\n\n" +
			"require github.com/pkcelogs/pkcelogs v0.0.0\n\n" +
			"replace github.com/pkcelogs/pkcelogs => " + root + "\n",
		"main.go": "// Command embedder imports pkcelogs' components and nothing else.\npackage main\n\n" +
			"import _ \"github.com/pkcelogs/pkcelogs/ui\"\n\nfunc main() {}\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := goIn(t, dir, "mod", "tidy"); err != nil {
		if unreachable.MatchString(err.Error()) {
			t.Skipf("skipped: the Go module proxy is unreachable, so a fresh module's graph cannot be resolved:\n%v", err)
		}
		t.Fatal(err)
	}
	out, err := goIn(t, dir, "list", "-m", "all")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("go list -m all of a fresh module importing only github.com/pkcelogs/pkcelogs/ui:\n%s", out)

	var paths []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		paths = append(paths, strings.Fields(line)[0])
	}
	for _, want := range []string{"example.com/embedder", "github.com/pkcelogs/pkcelogs", "github.com/maxence-charriere/go-app/v9"} {
		found := false
		for _, p := range paths {
			found = found || p == want
		}
		if !found {
			t.Errorf("%s is not in the graph: the fresh module did not resolve the ui package", want)
		}
	}
	for _, p := range paths {
		for _, f := range serverSide {
			if strings.HasPrefix(p, f) {
				t.Errorf("an embedder of ui gets %s: the root module must not require it", p)
			}
		}
	}
}
