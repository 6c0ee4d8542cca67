//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// waitTimeout bounds every wait on the page. It is generous because the
// first load compiles several megabytes of WASM on a shared 2-core machine.
const waitTimeout = 45 * time.Second

// tab is one browser tab driven by a test. Every helper fails the test with
// a message saying what it waited for and what it saw instead.
type tab struct {
	t       *testing.T
	name    string
	ctx     context.Context
	console *consoleLog
}

// newBrowser opens a fresh browser profile (a new browser context of the
// shared Chromium: its own storage, cache and service workers) with one tab.
func newBrowser(t *testing.T, name string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	return startTab(t, name, ctx, cancel)
}

// newTab opens another tab in the same browser profile as tb, so the two
// share local storage, locks and service workers like two tabs of one
// person's browser.
func (tb *tab) newTab(name string) *tab {
	tb.t.Helper()
	ctx, cancel := chromedp.NewContext(tb.ctx)
	return startTab(tb.t, name, ctx, cancel)
}

func startTab(t *testing.T, name string, ctx context.Context, cancel context.CancelFunc) *tab {
	t.Helper()
	t.Cleanup(cancel)
	tctx, tcancel := context.WithTimeout(ctx, waitTimeout)
	defer tcancel()
	// The first Do creates the tab; it must not carry the timeout (the
	// tab's life is bound to the context of its first Run), so it runs on
	// ctx and the timeout only guards against a hung browser.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("opening tab %s: %v", name, err)
		}
	case <-tctx.Done():
		t.Fatalf("opening tab %s: browser did not answer within %v", name, waitTimeout)
	}
	tb := &tab{t: t, name: name, ctx: ctx, console: &consoleLog{}}
	tb.console.follow(ctx)
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*page.EventFrameNavigated); ok && ev.Frame.ParentID == "" {
			tb.console.add("navigated to " + ev.Frame.URL + ev.Frame.URLFragment)
			tb.console.mu.Lock()
			tb.console.visited = append(tb.console.visited, ev.Frame.URL)
			tb.console.mu.Unlock()
		}
		// Who asked: a page's script, link or form (a navigation the test's
		// own open or reload makes is not requested by the page, so it has
		// no such line).
		if ev, ok := ev.(*page.EventFrameRequestedNavigation); ok {
			tb.console.add(fmt.Sprintf("the page asked to navigate to %s (%s)", ev.URL, ev.Reason))
		}
	}); err != nil {
		t.Fatalf("listening to tab %s: %v", name, err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			tb.saveArtifacts()
		}
	})
	return tb
}

// do runs actions with the wait timeout.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.name, what, err)
	}
}

// in is the same tab driven from the subtest t, so its helpers fail t.
func (tb *tab) in(t *testing.T) *tab {
	c := *tb
	c.t = t
	return &c
}

// open navigates the tab to url and waits for the load event.
func (tb *tab) open(url string) {
	tb.t.Helper()
	tb.do("opening "+url, chromedp.Navigate(url))
}

// reload reloads the page and waits for the load event.
func (tb *tab) reload() {
	tb.t.Helper()
	tb.do("reloading", chromedp.Reload())
}

// back goes back in history and waits until the previous entry shows. It
// does not wait for a load event: a page restored from the back-forward
// cache (the provider's consent page, say) fires none, and a same-document
// entry (go-app's pushState) neither.
func (tb *tab) back() {
	tb.t.Helper()
	target := ""
	tb.do("going back", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		if res.CurrentIndex <= 0 || res.CurrentIndex >= int64(len(res.Entries)) {
			return fmt.Errorf("no entry to go back to (at %d of %d)", res.CurrentIndex, len(res.Entries))
		}
		prev := res.Entries[res.CurrentIndex-1]
		target = prev.URL
		_, err = cdp.Call(ctx, t, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: prev.ID})
		return err
	}))
	tb.pollJS("going back to "+target, `location.href === `+jsString(target)+` && document.readyState === "complete" ? "back" : ""`)
}

// testID is the CSS selector of a data-testid hook (see ui/doc.go).
func testID(id string) chromedp.CSS {
	return chromedp.CSS(fmt.Sprintf("[data-testid=%q]", id))
}

// click clicks the visible element with the data-testid.
func (tb *tab) click(id string) {
	tb.t.Helper()
	tb.clickCSS(string(testID(id)))
}

// clickCSS clicks the first visible element matching a CSS selector. go-app
// re-renders nodes at will, so a click that loses its node between finding
// and clicking it is tried again, within waitTimeout.
func (tb *tab) clickCSS(sel string) {
	tb.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
		err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) || tb.ctx.Err() != nil {
			tb.t.Fatalf("%s: clicking %s: %v; page shows: %q", tb.name, sel, err, tb.bodyText())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// typeInto replaces the value of the field with the data-testid. Like
// clickCSS it tries again, within waitTimeout, when go-app re-renders the
// field between finding and typing into it.
func (tb *tab) typeInto(id, text string) {
	tb.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
		err := chromedp.Do(ctx,
			chromedp.Clear(testID(id), chromedp.NodeVisible),
			chromedp.SendKeys(testID(id), text, chromedp.NodeVisible))
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) || tb.ctx.Err() != nil {
			tb.t.Fatalf("%s: typing into %s: %v; page shows: %q", tb.name, id, err, tb.bodyText())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// evalJS evaluates a JavaScript expression in the page.
func evalJS[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("%s: evaluating %s: %v", tb.name, expr, err)
	}
	return v
}

// location is the address bar.
func (tb *tab) location() string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatalf("%s: reading the location: %v", tb.name, err)
	}
	return loc
}

// pollJS evaluates expr every 100 ms until it returns a non-empty string,
// or fails the test after waitTimeout naming what it waited for. Errors in
// between (a navigation destroying the page's context) count as "not yet".
func (tb *tab) pollJS(what, expr string) string {
	tb.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	var lastErr error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		cancel()
		if err == nil && v != "" {
			return v
		}
		lastErr = err
		if errors.Is(tb.ctx.Err(), context.Canceled) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.t.Fatalf("%s: waited %v for %s; last error: %v; page shows: %q", tb.name, waitTimeout, what, lastErr, tb.bodyText())
	return ""
}

// textJS is a JavaScript expression giving the visible text of the element
// with the data-testid, or "" while it is missing or hidden.
func textJS(id string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e && e.offsetParent !== null ? (e.innerText || " ") : ""; })()`,
		fmt.Sprintf("[data-testid=%q]", id))
}

// wait waits until the element with the data-testid is visible and returns
// its text.
func (tb *tab) wait(id string) string {
	tb.t.Helper()
	return strings.TrimSpace(tb.pollJS("["+id+"] to be visible", textJS(id)))
}

// waitText waits until the element with the data-testid shows text
// containing want (case-insensitive) and returns the whole text.
func (tb *tab) waitText(id, want string) string {
	tb.t.Helper()
	expr := fmt.Sprintf(`(() => { const s = %s; return s.toLowerCase().includes(%q) ? s : ""; })()`, textJS(id), strings.ToLower(want))
	return strings.TrimSpace(tb.pollJS(fmt.Sprintf("[%s] to show %q (it shows %q)", id, want, tb.textNow(id)), expr))
}

// waitGone waits until no element with the data-testid is visible.
func (tb *tab) waitGone(id string) {
	tb.t.Helper()
	tb.pollJS("["+id+"] to disappear", fmt.Sprintf(`(%s) === "" ? "gone" : ""`, textJS(id)))
}

// textNow is the element's text right now ("" when missing), without waiting.
func (tb *tab) textNow(id string) string {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](textJS(id)))
	return strings.TrimSpace(v)
}

// visible reports whether the element with the data-testid is visible now.
func (tb *tab) visible(id string) bool {
	return tb.textNow(id) != ""
}

// bodyText is the page's visible text right now, for failure messages.
func (tb *tab) bodyText() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	if len(v) > 2000 {
		v = v[:2000] + "…"
	}
	return v
}

// consoleLog collects everything the page writes to the console, uncaught
// exceptions and browser log entries (failed requests, CORS), from the
// moment the tab opens.
type consoleLog struct {
	mu      sync.Mutex
	lines   []string
	visited []string // every address the main frame navigated to, in order
}

func (c *consoleLog) follow(ctx context.Context) {
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			line := m.String()
			if m.URL != "" {
				line += fmt.Sprintf("  (%s:%d)", m.URL, m.Line+1)
			}
			c.add(line)
		}
	}()
}

func (c *consoleLog) add(line string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lines = append(c.lines, time.Now().Format("15:04:05.000")+" "+line)
}

func (c *consoleLog) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.lines, "\n") + "\n"
}

// contains reports whether any console line contains s.
func (c *consoleLog) contains(s string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range c.lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// visitedURLs are the addresses the tab's main frame navigated to (before
// any history.replaceState), oldest first.
func (tb *tab) visitedURLs() []string {
	tb.console.mu.Lock()
	defer tb.console.mu.Unlock()
	return append([]string(nil), tb.console.visited...)
}

// history is every entry of the tab's session history, as the back button
// would find them.
func (tb *tab) history() []string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	h, err := chromedp.Run(ctx, chromedp.NavigationEntries())
	if err != nil {
		tb.t.Fatalf("%s: reading the history: %v", tb.name, err)
	}
	var out []string
	for _, e := range h.Entries {
		out = append(out, e.URL)
	}
	return out
}

// waitCSS waits until an element matching the CSS selector is visible and
// returns its text.
func (tb *tab) waitCSS(what, sel string) string {
	tb.t.Helper()
	expr := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e && e.offsetParent !== null ? (e.innerText || " ") : ""; })()`, sel)
	return strings.TrimSpace(tb.pollJS(what, expr))
}

// expectError waits for the app's error view with the given data-error code
// (see ui/explain.go) and returns its title and message: the plain words
// followed by the technical detail folded away under them (HTTP statuses,
// the site's own words), which tests check as well.
func (tb *tab) expectError(code string) (title, message string) {
	tb.t.Helper()
	tb.waitCSS(fmt.Sprintf("an error %q (shown: %q)", code, tb.errorCodes()),
		fmt.Sprintf(`[data-testid="error"][data-error=%q]`, code))
	title = evalJS[string](tb, fmt.Sprintf(`document.querySelector('[data-testid="error"][data-error=%q] [data-testid="error-title"]').innerText`, code))
	message = evalJS[string](tb, fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid="error"][data-error=%q]');
		const d = e.querySelector('[data-testid="error-detail"]');
		return e.querySelector('[data-testid="error-message"]').innerText + (d ? " " + d.textContent : ""); })()`, code))
	return strings.TrimSpace(title), strings.TrimSpace(message)
}

// errorCodes are the data-error codes of the error views shown now.
func (tb *tab) errorCodes() []string {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	v, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid="error"]')].map(e => e.dataset.error)`))
	return v
}

// errorAction is the label and data-action of the button under the error
// view with the code.
func (tb *tab) errorAction(code string) (label, action string) {
	tb.t.Helper()
	v := evalJS[[]string](tb, fmt.Sprintf(`(() => { const b = document.querySelector('[data-testid="error"][data-error=%q] [data-testid="error-action"]'); return b ? [b.innerText, b.dataset.action] : ["", ""]; })()`, code))
	return strings.TrimSpace(v[0]), v[1]
}

// clickErrorAction clicks the button under the error view with the code.
func (tb *tab) clickErrorAction(code string) {
	tb.t.Helper()
	tb.clickCSS(fmt.Sprintf(`[data-testid="error"][data-error=%q] [data-testid="error-action"]`, code))
}

// beforeEachPage makes every document the tab loads from now on run src
// first, before the page's own scripts.
func (tb *tab) beforeEachPage(src string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		tb.t.Fatalf("%s: adding a script: %v", tb.name, err)
	}
}
