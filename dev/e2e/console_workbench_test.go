//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// openConsole signs alice in and opens the console.
func openConsole(t *testing.T, s *stack) *tab {
	t.Helper()
	tb := signInAlice(t, s)
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

// pressKey presses and releases a key as a keyboard does: one keyDown that
// carries the key's text, so a page that prevents the keydown's default
// also stops the text (chromedp's KeyEvent sends the text as a separate
// char event, which no page can prevent).
func pressKey(key string, code int64, text string, mods chromedp.Modifier) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: key, Text: text, UnmodifiedText: text,
			WindowsVirtualKeyCode: code, NativeVirtualKeyCode: code, Modifiers: int64(mods)}
		if mods != 0 {
			down.Text, down.UnmodifiedText = "", ""
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := down
		up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
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
	// The example menu no longer names an example: the fields hold an edit.
	if v := evalJS[string](tb, `(() => { const s = document.querySelector('[data-testid="console-examples"]'); return s.value + "|" + s.selectedOptions[0].textContent; })()`); v != "|Choose an example…" {
		t.Errorf("after an edit the example menu shows %q, want the placeholder", v)
	}
	if keys := tb.wait("console-keys"); !strings.Contains(keys, "Ctrl+Enter runs the query") {
		t.Errorf("the keys hint says %q", keys)
	}
	// What runs is what was typed, and the button shows it is running.
	s.provider.SetFault(provider.EndpointAPI, provider.Fault{Delay: 2 * time.Second, Times: 1})
	tb.click("console-run")
	// Busy but not disabled: a disabled button would drop the keyboard
	// focus to the page's body.
	tb.pollJS("the run button to show progress", `(() => { const b = document.querySelector('[data-testid="console-run"]');
		return b.textContent === "Running…" && b.getAttribute("aria-busy") === "true" && b.getAttribute("aria-disabled") === "true" ? "busy" : ""; })()`)
	if focused := evalJS[string](tb, `document.activeElement ? document.activeElement.getAttribute("data-testid") || document.activeElement.tagName : ""`); focused != "console-run" {
		t.Errorf("while running the focus is on %q, want the run button", focused)
	}
	tb.wait("console-result")
	if b := tb.textNow("console-run"); b != "Run query" {
		t.Errorf("after the answer the run button says %q", b)
	}
	if sent := apiRequestWith(t, s, "battleTag"); !strings.Contains(sent.Body, "id name battleTag } } } # end") {
		t.Errorf("the query sent was %q", sent.Body)
	}
}

// fieldJS is the value of the console field with the data-testid.
func fieldJS(id string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid=%q]'); return e ? "v:" + e.value : ""; })()`, id)
}

// waitSchema waits until the console has its site's schema.
func (tb *tab) waitSchema() {
	tb.t.Helper()
	tb.waitText("console-schema", "Checked against")
}

// focusEmptyQuery empties the query field and puts the caret in it.
func (tb *tab) focusEmptyQuery() {
	tb.t.Helper()
	evalJS[bool](tb, `(() => { const e = document.querySelector('[data-testid="console-query"]');
		e.focus(); e.select(); return true; })()`)
	tb.do("deleting the query", pressKey("Delete", 46, "", 0))
}

// Issue 16: suggestions from the site's schema as the person types, picked
// with the keyboard, each with its type and description.
func TestConsoleCompletesFromTheSchema(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := openConsole(t, s)
	tb.waitSchema()
	// The schema is kept where go-app's service worker answers from.
	cached := tb.pollJS("the schema in Cache Storage", `(() => { caches.open("pkcelogs-schemas").then(c => c.keys())
		.then(k => { window.__cached = k.map(r => r.url).join(" "); }); return window.__cached || ""; })()`)
	if !strings.Contains(cached, "/web/schema/warcraftlogs.graphql") {
		t.Errorf("the cache holds %q, want the Warcraft Logs schema", cached)
	}
	tb.focusEmptyQuery()
	tb.burst("{ userData { currentUser { id batt")
	list := tb.waitText("console-completions", "battleTag")
	if !strings.Contains(list, "String") || !strings.Contains(strings.ToLower(list), "battle tag") {
		t.Errorf("the suggestion does not show its type and description: %q", list)
	}
	active := evalJS[string](tb, `document.querySelector('[data-testid="console-query"]').getAttribute("aria-activedescendant") || ""`)
	if active == "" || evalJS[string](tb, fmt.Sprintf(`document.getElementById(%q).getAttribute("aria-selected")`, active)) != "true" {
		t.Errorf("the field's aria-activedescendant (%q) does not name the selected option", active)
	}
	tb.noAxeViolations("suggestions open")
	tb.do("picking the suggestion", pressKey("Enter", 13, "\r", 0))
	tb.pollJS("the suggestion to be put in", fmt.Sprintf(`(() => { const v = %s; return v === "v:{ userData { currentUser { id battleTag" ? "ok" : ""; })()`, fieldJS("console-query")))
	tb.waitGone("console-completions")

	// Arrows move through several suggestions; Escape closes them.
	tb.burst(" n")
	tb.waitText("console-completions", "name")
	tb.do("closing the suggestions", pressKey("Escape", 27, "", 0))
	tb.waitGone("console-completions")
	tb.burst("ame } } }")
	want := "{ userData { currentUser { id battleTag name } } }"
	if got := strings.TrimPrefix(tb.pollJS("the query", fieldJS("console-query")), "v:"); got != want {
		t.Fatalf("the query is %q, want %q", got, want)
	}
	tb.do("running with Ctrl+Enter", pressKey("Enter", 13, "\r", chromedp.ModifierCtrl))
	tb.waitText("console-result", "Alice#1234")
	if got := strings.TrimPrefix(tb.pollJS("the query", fieldJS("console-query")), "v:"); got != want {
		t.Errorf("Ctrl+Enter changed the query to %q", got)
	}
}

// Issue 16: a query the schema refuses is marked at its line and column and
// never sent, so it spends no rate-limit point.
func TestConsoleValidationErrorSendsNothing(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := openConsole(t, s)
	tb.waitSchema()
	before := len(s.requests(provider.EndpointAPI))
	tb.submit("{\n  userData {\n    currentUser { id nosuchfield }\n  }\n}", "")
	errs := tb.waitText("console-errors", "nosuchfield")
	for _, want := range []string{"Not sent", "Line 3, column 22", `Cannot query field "nosuchfield" on type "User"`} {
		if !strings.Contains(errs, want) {
			t.Errorf("the marks do not say %q: %q", want, errs)
		}
	}
	if tb.visible("console-result") || tb.visible("console-cost") {
		t.Errorf("a query that was not sent shows a result or a cost")
	}
	if inv := evalJS[string](tb, `document.querySelector('[data-testid="console-query"]').getAttribute("aria-invalid")`); inv != "true" {
		t.Errorf("the query field's aria-invalid is %q, want true", inv)
	}
	tb.noAxeViolations("problems marked")
	// A syntax error too, with its place.
	tb.submit("{ userData { currentUser { id }", "")
	if errs := tb.waitText("console-errors", "Expected Name"); !strings.Contains(errs, "Line 1, column 32") {
		t.Errorf("the syntax error has no place: %q", errs)
	}
	// A variables box that is not JSON, in plain words.
	tb.submit("query($id: Int) { userData { user(id: $id) { id } } }", "{ id: 2 }")
	if v := tb.wait("console-variables-error"); !strings.Contains(v, "line 1, column 3") || strings.Contains(strings.Split(v, "Technical detail")[0], "invalid character") {
		t.Errorf("the variables error is not in plain words: %q", v)
	}
	tb.waitGone("console-errors")
	// Variables of the wrong type for what the query declares.
	tb.submit("query Reports($userID: Int!) {\n  reportData { reports(userID: $userID) { total } }\n}", `{"userID": "alice-not-a-number"}`)
	if errs := tb.waitText("console-errors", "Variables"); !strings.Contains(errs, "$userID cannot use text as Int") || !strings.Contains(errs, "Line 1, column 15") {
		t.Errorf("the variable of the wrong type is not marked at its declaration: %q", errs)
	}
	for _, r := range s.requests(provider.EndpointAPI)[before:] {
		if strings.Contains(r.Body, "nosuchfield") || strings.Contains(r.Body, "currentUser { id }") || strings.Contains(r.Body, "user(id: $id)") ||
			strings.Contains(r.Body, "alice-not-a-number") {
			t.Errorf("a query with problems reached the site: %s", r.Body)
		}
	}
}

// noAxeViolations runs axe-core's WCAG 2.2 A/AA rules on the console as it is.
func (tb *tab) noAxeViolations(state string) {
	tb.t.Helper()
	for _, v := range tb.axe() {
		tb.t.Errorf("axe, console with %s: %s", state, v)
	}
}

// submit puts a query and variables in the console and runs them, without
// waiting for anything.
func (tb *tab) submit(query, variables string) {
	tb.t.Helper()
	for id, v := range map[string]string{"console-query": query, "console-variables": variables} {
		evalJS[bool](tb, fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid=%q]');
			e.value = %q; e.dispatchEvent(new Event("input", { bubbles: true })); return true; })()`, id, v))
	}
	tb.click("console-run")
}

// Issue 16: "Copy link" makes an address whose fragment carries the query
// and variables; opening it restores them.
func TestConsoleSharedLinkRestoresTheQuery(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := openConsole(t, s)
	query := "query Who($id: Int) {\n  userData { user(id: $id) { id name } }\n}\n# ünïcode ✓"
	vars := `{"id": 2}`
	for id, v := range map[string]string{"console-query": query, "console-variables": vars} {
		evalJS[bool](tb, fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid=%q]');
			e.value = %q; e.dispatchEvent(new Event("input", { bubbles: true })); return true; })()`, id, v))
	}
	tb.click("console-share")
	link := tb.pollJS("the link", `(() => { const e = document.querySelector('[data-testid="console-share-link"]'); return e ? e.value : ""; })()`)
	if !strings.HasPrefix(link, s.url("/console#q=")) || strings.Contains(link, "?") {
		t.Fatalf("the link is %q, want the console with the query in the fragment only", link)
	}
	other := tb.newTab("shared")
	other.open(link)
	other.pollJS("the shared query", fmt.Sprintf(`(() => { const v = %s; return v === %q ? "ok" : ""; })()`, fieldJS("console-query"), "v:"+query))
	other.pollJS("the shared variables", fmt.Sprintf(`(() => { const v = %s; return v === %q ? "ok" : ""; })()`, fieldJS("console-variables"), "v:"+vars))
	other.click("console-run")
	other.waitText("console-result", "Bob")
}

// Issue 16: the result's list of reports downloads as CSV, nested objects
// as dotted columns.
func TestConsoleDownloadsCSV(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := openConsole(t, s)
	tb.runQuery("{ reportData { reports(userID: 1, limit: 3) { total data { code title zone { name } } } } }", "")
	tb.wait("console-result")
	// Catch the file the page makes (a blob: URL) instead of saving it.
	evalJS[bool](tb, `(() => { const make = URL.createObjectURL.bind(URL); window.__files = [];
		URL.createObjectURL = (b) => { b.text().then(t => window.__files.push(t)); return make(b); }; return true; })()`)
	tb.click("console-download-csv")
	csv := tb.pollJS("the CSV file", `window.__files.length ? window.__files[0] : ""`)
	lines := strings.Split(strings.TrimRight(csv, "\r\n"), "\r\n")
	if lines[0] != "code,title,zone.name" || len(lines) < 2 {
		t.Fatalf("the CSV is %q, want a header code,title,zone.name and a row per report", csv)
	}
	name := evalJS[string](tb, `(() => { const a = [...document.querySelectorAll("a[download]")]; return a.length ? a[0].download : "gone"; })()`)
	if name != "gone" && name != "data.csv" {
		t.Errorf("the download is named %q", name)
	}
}

// savedJS is every site's saved console queries as stored, one after another.
const savedJS = `Object.keys(localStorage).filter(k => k.startsWith("pkcelogs.cache.console.saved.")).map(k => localStorage.getItem(k)).join(" ")`

// Issue 16: a named query is kept in this browser for this site and opens
// again after a reload.
func TestConsoleSavesNamedQueries(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := openConsole(t, s)
	query := "{ rateLimitData { limitPerHour } }"
	evalJS[bool](tb, fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid="console-query"]');
		e.value = %q; e.dispatchEvent(new Event("input", { bubbles: true })); return true; })()`, query))
	tb.typeInto("console-save-name", "Budget")
	tb.click("console-save")
	tb.waitText("console-note", `Saved "Budget"`)
	tb.reload()
	tb.wait("console-query")
	tb.pollJS("the saved query in the menu", `(() => { const s = document.querySelector('[data-testid="console-saved"]');
		return s && [...s.options].some(o => o.textContent === "Budget") ? "ok" : ""; })()`)
	evalJS[bool](tb, `(() => { const s = document.querySelector('[data-testid="console-saved"]');
		s.value = [...s.options].find(o => o.textContent === "Budget").value; s.dispatchEvent(new Event("change", { bubbles: true })); return true; })()`)
	tb.pollJS("the saved query in the editor", fmt.Sprintf(`(() => { const v = %s; return v === %q ? "ok" : ""; })()`, fieldJS("console-query"), "v:"+query))
	if stored := evalJS[string](tb, savedJS); !strings.Contains(stored, "Budget") || !strings.Contains(stored, "rateLimitData") {
		t.Errorf("the site's saved queries are stored as %q", stored)
	}
	tb.click("console-delete")
	tb.waitText("console-note", `Deleted "Budget"`)
	if stored := evalJS[string](tb, savedJS); strings.Contains(stored, "Budget") {
		t.Errorf("the deleted query is still stored: %s", stored)
	}
}
