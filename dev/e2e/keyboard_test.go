//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// focused is what has the keyboard focus and whether a person can see it.
type focused struct {
	TestID  string `json:"testid"`
	Tag     string `json:"tag"`
	Text    string `json:"text"`
	Visible bool   `json:"visible"` // :focus-visible with an outline that is not none
	Outline string `json:"outline"`
}

func (f focused) String() string {
	return fmt.Sprintf("<%s data-testid=%q> %q (outline %s)", strings.ToLower(f.Tag), f.TestID, f.Text, f.Outline)
}

// focus is the element with the keyboard focus now.
func (tb *tab) focus() focused {
	tb.t.Helper()
	raw := evalJS[string](tb, `(() => {
		const e = document.activeElement;
		if (!e || e === document.body || e === document.documentElement) return JSON.stringify({ tag: "BODY" });
		const cs = getComputedStyle(e);
		return JSON.stringify({ testid: e.dataset.testid || "", tag: e.tagName, text: (e.innerText || e.value || "").trim().slice(0, 40),
			visible: e.matches(":focus-visible") && cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0,
			outline: cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor });
	})()`)
	var f focused
	if err := json.Unmarshal([]byte(raw), &f); err != nil {
		tb.t.Fatalf("%s: reading the focus: %v", tb.name, err)
	}
	return f
}

// press sends one key, as a person's keyboard would.
func (tb *tab) press(key string, mods ...chromedp.Modifier) {
	tb.t.Helper()
	var opts []chromedp.KeyOption
	if len(mods) > 0 {
		opts = append(opts, chromedp.KeyModifiers(mods...))
	}
	tb.do(fmt.Sprintf("pressing %q", key), chromedp.KeyEvent(key, opts...))
}

// tabTo presses Tab (Shift+Tab when back) until the element with the
// data-testid has the focus, checking that every element the focus passes
// shows it. It fails after 60 presses.
func (tb *tab) tabTo(id string, back bool) {
	tb.t.Helper()
	var path []string
	for range 60 {
		if back {
			tb.press("\t", chromedp.ModifierShift)
		} else {
			tb.press("\t")
		}
		f := tb.focus()
		path = append(path, f.String())
		if f.Tag != "BODY" && !f.Visible {
			tb.t.Errorf("%s: the focus on %s cannot be seen", tb.name, f)
		}
		if f.TestID == id {
			return
		}
	}
	tb.t.Fatalf("%s: 60 presses of Tab did not reach [%s]; the focus went: %s", tb.name, id, strings.Join(path, " → "))
}

// expectFocus fails unless the element with the data-testid has a visible focus.
func (tb *tab) expectFocus(id, after string) {
	tb.t.Helper()
	if f := tb.focus(); f.TestID != id || !f.Visible {
		tb.t.Errorf("%s: after %s the focus is on %s (visible: %v), want a visible focus on [%s]", tb.name, after, f, f.Visible, id)
	}
}

// A person with only a keyboard signs in, pages through the reports, runs a
// console query and signs out, seeing where the focus is at every step.
// After "Older" and "Newer" the focus lands on the reports' heading (not the
// page's body, 36 Tabs away from the pager), and the list says it is loading.
func TestKeyboardOnly(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.appReady("signin-button")
	tb.pollJS("the sign-in button to be ready", `document.querySelector('[data-testid="signin-button"][data-ready="true"]:not([disabled])') ? "ready" : ""`)

	tb.tabTo("signin-button", false)
	tb.press("\r")
	tb.waitText("profile-name", "Alice")
	tb.wait("report")

	// Record whether the list ever says it is busy and loading.
	evalJS[bool](tb, `(() => { window.__busy = { aria: false, text: false };
		new MutationObserver(() => {
			if (document.querySelector('[data-testid="reports"][aria-busy="true"]')) window.__busy.aria = true;
			const p = document.querySelector('[data-testid="reports"] [data-testid="progress"]');
			if (p && p.offsetParent !== null && /loading page/i.test(p.innerText)) window.__busy.text = true;
		}).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
		return true; })()`)
	tb.tabTo("reports-next", false)
	tb.press("\r")
	tb.waitText("reports-page", "Page 2")
	tb.expectFocus("reports-heading", `"Older"`)
	busy := evalJS[map[string]bool](tb, `window.__busy`)
	if !busy["aria"] || !busy["text"] {
		t.Errorf("while page 2 loaded the list was marked busy: %v, said it was loading: %v", busy["aria"], busy["text"])
	}
	tb.tabTo("reports-prev", false)
	tb.press(" ")
	tb.waitText("reports-page", "Page 1")
	tb.expectFocus("reports-heading", `"Newer"`)

	tb.tabTo("nav-console", true)
	tb.press("\r")
	tb.wait("console-query")
	tb.tabTo("console-run", false)
	tb.press(" ")
	tb.waitText("console-result", "Alice")
	tb.tabTo("console-result", false) // a long result scrolls by keyboard

	tb.tabTo("nav-home", true)
	tb.press("\r")
	tb.wait("report")
	// The dashboard has long lists (the latest reports, the explorer's
	// filters, privacy table, calendar and list): from the top of the page
	// the first Tab stop is "Skip to main content", which takes the focus
	// past the nav bar, the next Tab to the page's own first control.
	tb.tabTo("skip-to-main", false)
	if top := evalJS[float64](tb, `document.activeElement.getBoundingClientRect().top`); top < 0 {
		t.Errorf("the focused skip link is out of sight (top %.0f px)", top)
	}
	tb.press("\r")
	if id := evalJS[string](tb, `document.activeElement.id`); id != "pl-main" {
		t.Errorf("after the skip link the focus is on #%s, want the page's <main>", id)
	}
	tb.press("\t")
	if f := tb.focus(); f.TestID != "dashboard-reload" || !f.Visible {
		t.Errorf("the Tab after the skip link went to %s, want a visible focus on the dashboard's Refresh", f)
	}
	tb.tabTo("signout", true)
	tb.press("\r")
	tb.wait("signin-button")
	// The sign-out is said where the person is, in a live region (announced).
	tb.waitText("signout-notice", "signed out")
	if role := evalJS[string](tb, `document.querySelector('[data-testid="signout-notice"]').getAttribute("role") || ""`); role != "status" {
		t.Errorf("the sign-out notice is not a live region (role %q)", role)
	}
}
