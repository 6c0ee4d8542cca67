//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Flow 11b: the embedding example (dev/examples/embed, a go-app app of its own
// with pkcelogs' sign-in button and profile in its page) builds, runs as its
// README says, and signs in at its local provider's consent page.
func TestEmbeddingExampleSignsIn(t *testing.T) {
	dir := t.TempDir()
	web := filepath.Join(dir, "web")
	if err := os.MkdirAll(web, 0o755); err != nil {
		t.Fatal(err)
	}
	goBuild(t, []string{"GOOS=js", "GOARCH=wasm"}, filepath.Join(web, "app.wasm"), "../examples/embed")
	server := filepath.Join(dir, "embed")
	goBuild(t, nil, server, "../examples/embed")
	copyFile(t, filepath.Join(goEnv(t, "GOROOT"), "lib", "wasm", "wasm_exec.js"), filepath.Join(web, "wasm_exec.js"))
	for _, f := range []string{"app.css", "icon.svg"} {
		copyFile(t, filepath.Join(webDir, f), filepath.Join(web, f))
	}

	addr, providerAddr := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, server, "-addr", addr, "-provider-addr", providerAddr)
	cmd.Dir = dir
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
		logFile.Close()
		if t.Failed() {
			out, _ := os.ReadFile(logFile.Name())
			writeArtifact(t, "embed-server.log", out)
		}
	})
	origin := "http://" + addr
	waitHTTP(t, origin+"/")

	tb := newBrowser(t, "main")
	tb.open(origin + "/")
	tb.clickSignIn()
	tb.wait("consent-page")
	if !strings.HasPrefix(tb.location(), "http://"+providerAddr+"/oauth/authorize?") {
		t.Errorf("sign-in went to %s, want the example's provider in the same tab", tb.location())
	}
	tb.approveAs("alice")
	if got := tb.waitText("profile-name", "Alice"); got != "Alice" {
		t.Errorf("profile name = %q", got)
	}
	tb.wait("signout")
	if loc := tb.location(); loc != origin+"/" {
		t.Errorf("after sign-in the example is at %s, want %s/", loc, origin)
	}
	// Its content sits in a <main> landmark (axe-core's region rule).
	if !evalJS[bool](tb, `!!document.querySelector("main h1")`) {
		t.Errorf("the example's page has no <main> holding its heading")
	}
	if !strings.Contains(tb.bodyText(), "The Stormchasers") {
		t.Errorf("the example's own page content is gone: %q", tb.bodyText())
	}
	// After signing in the page says what happened, not "Sign in with…".
	if got := tb.waitText("example-intro", "You are signed in"); strings.Contains(got, "Sign in with") {
		t.Errorf("after signing in the example still says %q", got)
	}
	// The embedded report explorer shows alice's year as a calendar whose
	// count is her reports in the provider's fixtures.
	tb.wait("calendar-grid")
	want := len(provider.FixtureReportsOf(provider.GameWarcraft, provider.UserAlice, time.Time{}))
	// pollJS fails the test if the count never reaches hers (the fetch
	// goes 100 reports a page).
	tb.pollJS(fmt.Sprintf("the calendar to count alice's %d reports", want),
		fmt.Sprintf(`(() => { const c = document.querySelector('[data-testid="calendar"][data-total]'); return c && c.dataset.total === %q ? "yes" : ""; })()`, strconv.Itoa(want)))
	// Nothing touches the window's edges, on a desktop or a phone.
	for _, sc := range []screen{desktop, smallPhone} {
		tb.emulate(sc, "light")
		// Visually hidden parts (a table's header clipped to nothing on
		// phones, for screen readers) are not content that shows.
		if edge := evalJS[string](tb, `(() => { const w = document.documentElement.clientWidth;
			const clipped = e => { for (let a = e; a; a = a.parentElement) { const c = getComputedStyle(a).clip; if (c && c !== "auto") return true; } return false; };
			return [...document.querySelectorAll("main *")].filter(e => { const r = e.getBoundingClientRect();
				return r.width > 0 && (r.left < 8 || r.right > w - 8) && !clipped(e); }).map(e => e.tagName).join(", "); })()`); edge != "" {
			t.Errorf("%s: the example's content touches the window's edge: %s", sc.name, edge)
		}
	}
}

// goBuild builds pkg to out with extra environment (GOOS/GOARCH).
func goBuild(t *testing.T, env []string, out, pkg string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s %v: %v\n%s", pkg, env, err, b)
	}
}

// goEnv is `go env name`.
func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// freeAddr is a 127.0.0.1 port free right now, for a server in another
// process (which cannot take a listener from us).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitHTTP waits until url answers 200, within waitTimeout.
func waitHTTP(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	var last error
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not answer within %v: %v", url, waitTimeout, last)
}
