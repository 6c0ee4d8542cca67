//go:build e2e

package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// slowLink is the link `make bench` calls slow: 9 Mbit/s each way, 40 ms.
var slowLink = &network.Conditions{Latency: 40, DownloadThroughput: 9e6 / 8, UploadThroughput: 9e6 / 8}

// throttle puts the tab on the slow link.
func (tb *tab) throttle() {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		tb.t.Fatalf("%s: enabling the network domain: %v", tb.name, err)
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule,
		network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{slowLink}}); err != nil {
		tb.t.Fatalf("%s: emulating the slow link: %v", tb.name, err)
	}
}

// openNoWait starts loading url and returns once the navigation is under way,
// without waiting for the load event (the test acts at first paint).
func (tb *tab) openNoWait(url string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: url}); err != nil {
		tb.t.Fatalf("%s: opening %s: %v", tb.name, url, err)
	}
}

// clickTimes records, before any page script, when a click reached the page
// (window, capture phase: before the page's own listeners), whether the
// sign-in button was wired then, and when the button first showed that the
// sign-in is starting.
const clickTimes = `(() => {
  window.addEventListener("click", (e) => {
    if (window.__clickAt !== undefined) return;
    window.__clickAt = performance.now();
    const b = document.querySelector('[data-testid="signin-button"]');
    window.__readyAtClick = b ? String(b.getAttribute("data-ready")) : "no button";
  }, true);
  new MutationObserver(() => {
    const b = document.querySelector('[data-testid="signin-button"]');
    if (window.__feedbackAt === undefined && window.__clickAt !== undefined && b && b.getAttribute("aria-busy") === "true") {
      window.__feedbackAt = performance.now();
      window.__feedbackText = b.textContent;
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`

// No dead clicks (issue 14): on the slow link, a click on the pre-rendered
// sign-in button at first paint, long before app.wasm has arrived, shows
// within 100 ms that the sign-in is starting, and the sign-in starts by
// itself once the app is ready: the tab reaches the provider's consent page.
func TestEarlyClickOnSlowLinkStartsTheSignIn(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.throttle()
	tb.beforeEachPage(clickTimes)
	tb.openNoWait(s.url("/"))
	tb.pollJS("the pre-rendered sign-in button",
		`document.querySelector('[data-testid="signin-button"]') ? "there" : ""`)
	tb.click("signin-button")
	if got := evalJS[string](tb, `String(window.__readyAtClick)`); got != "false" {
		t.Fatalf("the click reached the page with the button's data-ready %q: want a click before the app was ready (the slow link should keep app.wasm away for seconds)", got)
	}
	tb.pollJS("feedback on the button", `window.__feedbackAt !== undefined ? "shown" : ""`)
	delay := evalJS[float64](tb, `window.__feedbackAt - window.__clickAt`)
	t.Logf("feedback %.1f ms after the click: %q", delay, evalJS[string](tb, `window.__feedbackText`))
	if delay > 100 {
		t.Errorf("the button showed feedback %.0f ms after the click, want within 100 ms", delay)
	}
	if got := evalJS[string](tb, `window.__feedbackText`); !strings.Contains(got, "Starting the sign-in") {
		t.Errorf("the button said %q after the click, want that the sign-in is starting", got)
	}
	tb.wait("consent-page")
	if !strings.HasPrefix(tb.location(), s.provider.AuthorizeURL()+"?") {
		t.Errorf("the early click went to %s, want the provider's authorize page", tb.location())
	}
	tb.approveAs("alice")
	tb.expectAliceDashboard()
	s.checkPKCE() // the early click's sign-in is a sign-in like any other
}

// The callback page says "Finishing the sign-in…" from its first paint, not
// go-app's "Loading pkcelogs… 0%" over the page; and the home page of someone
// who seems signed in is a skeleton of the dashboard until the app has
// started, not the pre-rendered sign-in (issue 13, item 2).
func TestPrerenderedPagesSayWhatIsHappening(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.throttle()

	tb.openNoWait(s.url("/callback"))
	tb.pollJS("the pre-rendered callback page", `document.querySelector('[data-page="callback"]') ? "there" : ""`)
	shown := evalJS[string](tb, `(() => {
	  const loader = document.getElementById("app-wasm-loader");
	  const loaderShown = loader && getComputedStyle(loader).display !== "none";
	  return JSON.stringify({ text: document.querySelector("main").innerText, loader: !!loaderShown, ready: !!window.go });
	})()`)
	if !strings.Contains(shown, "Finishing the sign-in") || !strings.Contains(shown, `"loader":false`) {
		t.Errorf("the callback page before the app started: %s; want \"Finishing the sign-in…\" and no loading screen", shown)
	}

	// Someone seems signed in: a token is in storage (not a valid one, so the
	// app, once started, drops it and shows the sign-in again).
	tb.open(s.url("/settings"))
	evalJS[string](tb, `localStorage.setItem("pkcelogs.token", "{}"), ""`)
	tb.openNoWait(s.url("/"))
	tb.pollJS("the pre-rendered home page", `document.querySelector('[data-page="home"]') && document.getElementById("app-wasm-loader") ? "there" : ""`)
	skeleton := evalJS[string](tb, `(() => {
	  const d = document.querySelector('[data-testid="dashboard"]');
	  const b = document.querySelector('[data-testid="signin-button"]');
	  return JSON.stringify({ skeleton: getComputedStyle(d, "::before").content !== "none", button: !!(b && b.offsetParent) });
	})()`)
	if skeleton != `{"skeleton":true,"button":false}` {
		t.Errorf("the home page while the app loads, with a token in storage: %s; want the skeleton, no sign-in button", skeleton)
	}
	// Once the app has started it decides: the token is no good, the sign-in shows.
	tb.pollJS("the sign-in once the app has started",
		`document.querySelector('[data-testid="signin-button"][data-ready="true"]') && document.querySelector('[data-testid="signin-button"]').offsetParent ? "shown" : ""`)
}
