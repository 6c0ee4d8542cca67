//go:build e2e

package e2e

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
)

// cspMarker starts the console line the violation listener writes.
const cspMarker = "pkcelogs-csp-violation "

// cspListener runs at the start of every document the tab loads, before the
// page's own scripts (a script the debugger adds is itself exempt from the
// policy), and reports every Content-Security-Policy violation on the console.
const cspListener = `document.addEventListener("securitypolicyviolation", (e) => {
  console.error("` + cspMarker + `" + JSON.stringify({ directive: e.effectiveDirective, blocked: e.blockedURI,
    document: e.documentURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample, disposition: e.disposition }));
});`

// watchCSP makes tb report every policy violation from now on.
func (tb *tab) watchCSP() {
	tb.t.Helper()
	tb.beforeEachPage(cspListener)
}

// cspViolations are the violations tb's pages reported, by the listener or by the
// browser on the console ("Refused to … because it violates the following Content
// Security Policy directive").
func (tb *tab) cspViolations() []string {
	tb.console.mu.Lock()
	defer tb.console.mu.Unlock()
	var out []string
	for _, l := range tb.console.lines {
		if strings.Contains(l, cspMarker) || strings.Contains(l, "Content Security Policy") || strings.Contains(l, "Content-Security-Policy") {
			out = append(out, l)
		}
	}
	return out
}

// expectNoCSPViolations fails the test with every violation tb saw.
func (tb *tab) expectNoCSPViolations() {
	tb.t.Helper()
	if v := tb.cspViolations(); len(v) > 0 {
		tb.t.Errorf("%s: %d Content-Security-Policy violations:\n%s", tb.name, len(v), strings.Join(v, "\n"))
	}
}

// cspFlows runs every flow of the app in tb against s: home, a page that does not
// exist, sign-in at the consent page, the dashboard (avatar included), the console
// with the rate-limit meter, settings, sign-out, then home again.
func cspFlows(t *testing.T, s *stack, tb *tab, base string) {
	t.Helper()
	tb.open(s.url(base))
	tb.wait("signin-button")

	// The export's 404.html and the development server answer with the same
	// not-found page, which boots the app like every page.
	tb.open(s.url(base + "no-such-page"))
	tb.appReady("not-found")
	tb.waitText("page-title", "Page not found")

	tb.open(s.url(base))
	tb.startSignIn()
	tb.approveAs("alice")
	tb.expectAliceDashboard()
	// The avatar comes from the provider's origin: img-src must allow it.
	tb.pollJS("the avatar to load", `(() => { const i = document.querySelector("img.pl-avatar"); return i && i.complete && i.naturalWidth > 0 ? "loaded" : ""; })()`)

	tb.click("nav-console")
	tb.runQuery(`{ userData { currentUser { id name } } rateLimitData { limitPerHour pointsSpentThisHour pointsResetIn } }`, "")
	tb.waitText("console-result", "Alice")
	tb.wait("ratelimit-meter")
	if w := evalJS[float64](tb, `document.querySelector('[data-testid="ratelimit-meter"]').getBoundingClientRect().width`); w < 100 {
		t.Errorf("the rate-limit meter is %.0f px wide: app.css no longer sizes it", w)
	}

	tb.click("nav-settings")
	tb.wait("settings-redirect-uri")

	tb.click("nav-home")
	tb.appReady("profile-name")
	tb.click("signout")
	tb.wait("signin-button")
	tb.waitGone("profile-name")

	tb.reload()
	tb.wait("signin-button")
}

// No page or flow of the app trips its Content-Security-Policy as the
// development server sends it, in a header.
func TestNoCSPViolationsUnderTheHeader(t *testing.T) {
	s := newStack(t, stackOptions{})
	resp, err := http.Get(s.url("/"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if policy := resp.Header.Get("Content-Security-Policy"); !strings.Contains(policy, "default-src 'none'") || !strings.Contains(policy, "frame-ancestors 'none'") {
		t.Fatalf("the development server sends the policy %q", policy)
	}
	tb := newBrowser(t, "main")
	tb.watchCSP()
	cspFlows(t, s, tb, "/")
	tb.expectNoCSPViolations()
}

// The same under the static export's meta tag alone, served by a plain file
// server that sends no policy of its own.
func TestNoCSPViolationsUnderTheMetaTag(t *testing.T) {
	s, ln := listenStack(t, stackOptions{}, "/callback")
	cfg := s.cfg
	cfg.WebDir = webDir
	dist := filepath.Join(t.TempDir(), "dist")
	if err := webapp.Export(cfg, dist); err != nil {
		t.Fatalf("Export: %v", err)
	}
	// Without _headers the static server sends no policy: only the meta tag holds.
	if err := os.Remove(filepath.Join(dist, "_headers")); err != nil {
		t.Fatal(err)
	}
	serve(t, ln, webapp.StaticSite(dist, "/"))
	resp, err := http.Get(s.url("/"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if policy := resp.Header.Get("Content-Security-Policy"); policy != "" {
		t.Fatalf("the file server sends a policy header %q: the test would not be testing the meta tag", policy)
	}

	tb := newBrowser(t, "main")
	tb.watchCSP()
	tb.open(s.url("/"))
	if got := evalJS[string](tb, `(document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || ""`); !strings.Contains(got, "default-src 'none'") {
		t.Fatalf("the exported page has no policy meta tag: %q", got)
	}
	cspFlows(t, s, tb, "/")
	tb.expectNoCSPViolations()
}

// The watch itself: a page whose policy lacks its inline script's hash is
// reported, both by the listener and on the console.
func TestCSPWatchSeesAViolation(t *testing.T) {
	s := newStack(t, stackOptions{})
	broken := http.NewServeMux()
	app := webapp.Serve(s.cfg, webDir)
	broken.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		app.ServeHTTP(&policyRewriter{ResponseWriter: w}, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	serve(t, ln, broken)
	tb := newBrowser(t, "main")
	tb.watchCSP()
	tb.open("http://" + ln.Addr().String() + "/")
	// The listener and the browser's console message, within the wait timeout.
	for _, want := range []string{`"directive":"script-src-elem"`, "Content Security Policy"} {
		deadline := time.Now().Add(waitTimeout)
		for !strings.Contains(strings.Join(tb.cspViolations(), "\n"), want) {
			if time.Now().After(deadline) {
				t.Fatalf("a page without its inline script's hash: no violation saying %s was seen in %v; seen:\n%s",
					want, waitTimeout, strings.Join(tb.cspViolations(), "\n"))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// policyRewriter drops the inline scripts' hashes from the policy it passes on.
type policyRewriter struct {
	http.ResponseWriter
	done bool
}

func (w *policyRewriter) WriteHeader(code int) {
	if !w.done {
		w.done = true
		var kept []string
		for _, src := range strings.Fields(w.Header().Get("Content-Security-Policy")) {
			if !strings.HasPrefix(src, "'sha256-") {
				kept = append(kept, src)
			}
		}
		w.Header().Set("Content-Security-Policy", strings.Join(kept, " "))
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *policyRewriter) Write(b []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}
