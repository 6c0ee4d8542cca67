//go:build e2e

package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// openConsole signs alice in and opens the console.
func openConsole(t *testing.T, s *stack) *tab {
	t.Helper()
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	tb.click("nav-console")
	tb.wait("console-query")
	return tb
}

// burst types text into the focused element one key at a time with no delay
// between keys, as a fast typist (or a paste by keys) does.
func (tb *tab) burst(text string) {
	tb.t.Helper()
	var actions []chromedp.Action[chromedp.Void]
	for _, r := range text {
		if r == '\n' {
			actions = append(actions, chromedp.KeyEvent("\r"))
			continue
		}
		text := string(r)
		actions = append(actions, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
			return err
		}))
	}
	tb.do("typing a burst", actions...)
}

// Issue 13 item 13: a burst of keys with no delay reaches the editor whole
// ("id name battleTag } }" once became "id namebattleTag }}").
func TestConsoleKeepsEveryKeyOfABurst(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := openConsole(t, s)
	evalJS[bool](tb, `(() => { const e = document.querySelector('[data-testid="console-query"]');
		e.focus(); e.select(); return true; })()`)
	want := "{ userData { currentUser { id name battleTag } } }"
	tb.burst(want)
	// Keys typed by the keyboard path as well (keydown/keypress/keyup per key).
	tb.do("typing keys", chromedp.SendKeys(testID("console-query"), " # end"))
	want += " # end"
	got := tb.pollJS("the editor to settle", `(() => { const e = document.querySelector('[data-testid="console-query"]');
		return e ? "v:" + e.value : ""; })()`)
	got = strings.TrimPrefix(got, "v:")
	if got != want {
		t.Fatalf("the editor holds %q, want %q", got, want)
	}
	// What runs is what was typed.
	tb.click("console-run")
	tb.wait("console-result")
	if sent := apiRequestWith(t, s, "battleTag"); !strings.Contains(sent.Body, "id name battleTag } } } # end") {
		t.Errorf("the query sent was %q", sent.Body)
	}
}
