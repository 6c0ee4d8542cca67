//go:build !js

package ui

// The console, settings, the client check and sign-out as screen readers
// follow them: problems said once at Run, status regions there before their
// text, busy buttons that keep the focus (see live.go).

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/gqlwork"
)

const consoleTestSDL = `type Query { userData: UserData }
type UserData { currentUser: User }
type User { id: Int name: String }`

// After a Run the console refused, the problems are announced once; the
// list then follows each keystroke silently (it was an alert, and every key
// interrupted the typing). The next refused Run announces again.
func TestConsoleAnnouncesProblemsOnRunNotOnTyping(t *testing.T) {
	t.Parallel()
	schema, err := gqlwork.Load("test", consoleTestSDL, "warcraft")
	if err != nil {
		t.Fatal(err)
	}
	s := testSession(t, nil)
	c := &Console{Session: s, Query: "{ userData { currentUser { nope } } }"}
	d := mount(t, c)
	defer d.Close()
	do := func(fn func(ctx app.Context)) string {
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: fn})
		return html(d)
	}
	page := do(func(ctx app.Context) { c.signedIn, c.schema = true, schema })
	if said, ok := spoken(page, "console-problems"); !ok || said != "" {
		t.Fatalf("no silent problems region before Run (%q, %v):\n%s", said, ok, page)
	}
	page = do(func(ctx app.Context) { c.run(ctx, s) })
	mustContain(t, page, `data-testid="console-errors"`, "nope")
	said, _ := spoken(page, "console-problems")
	if !strings.Contains(said, "Not sent: the query has 1 problem") {
		t.Errorf("Run's problems are not announced: %q", said)
	}
	// Typing: the list follows, nothing is read out.
	for _, q := range []string{"{ userData { currentUser { nop } } }", "{ userData { currentUser { no } } }"} {
		page = do(func(ctx app.Context) { c.query = q; c.edited(ctx) })
		mustContain(t, page, `data-testid="console-errors"`)
		for _, r := range liveRegions(page) {
			if strings.Contains(r.Spoken, "problem") || strings.Contains(r.Spoken, "Cannot query") {
				t.Errorf("typing %q: live region %q reads %q", q, r.TestID, r.Spoken)
			}
		}
	}
	page = do(func(ctx app.Context) { c.run(ctx, s) })
	if said, _ := spoken(page, "console-problems"); !strings.Contains(said, "problem") {
		t.Errorf("the second refused Run is not announced: %q", said)
	}
}

// "Link copied", "Saved …" arrive in a status region that was already
// there: one inserted with its text is often not read.
func TestStatusRegionsExistBeforeTheirText(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	c := &Console{Session: s}
	d := mount(t, c)
	defer d.Close()
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) { c.signedIn = true }})
	page := html(d)
	if said, ok := spoken(page, "console-note"); !ok || said != "" {
		t.Errorf("console: no empty status region before a note (%q, %v)", said, ok)
	}
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) { c.save(s, false) }})
	if said, _ := spoken(html(d), "console-note"); said != "Give the query a name to save it." {
		t.Errorf("console note: %q", said)
	}

	st := &Settings{Session: s}
	d2 := mount(t, st)
	defer d2.Close()
	if said, ok := spoken(html(d2), "settings-saved"); !ok || said != "" {
		t.Errorf("settings: no empty status region before saving (%q, %v)", said, ok)
	}
	d2.Dispatch(app.Dispatch{Mode: app.Update, Source: st, Function: func(ctx app.Context) { st.save(s, "my-own-client") }})
	if said, _ := spoken(html(d2), "settings-saved"); !strings.HasPrefix(said, "Saved.") {
		t.Errorf("settings saved: %q", said)
	}

	cc := &ClientCheck{Session: s, ClientID: "typed-id"}
	d3 := mount(t, cc)
	defer d3.Close()
	page = html(d3)
	if _, ok := spoken(page, "client-check-status"); !ok {
		t.Errorf("client check: no status region before a result:\n%s", page)
	}
	mustNotContain(t, page, `data-testid="client-check-result"`)
}

// A button busy with its work stays focusable (a disabled one drops the
// keyboard focus to the page's body): aria-disabled, and the click ignored.
func TestBusyButtonsKeepTheFocus(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	busyTag := func(t *testing.T, page, id string) {
		t.Helper()
		tag := regexp.MustCompile(`<button[^>]*data-testid="` + id + `"[^>]*>`).FindString(page)
		if tag == "" {
			t.Fatalf("no %s button:\n%s", id, page)
		}
		if regexp.MustCompile(`\sdisabled(\s|=|>)`).MatchString(tag) {
			t.Errorf("%s is disabled while busy, and loses the focus: %s", id, tag)
		}
		if !ariaDisabledRE.MatchString(tag) {
			t.Errorf("%s does not say it is unavailable: %s", id, tag)
		}
	}

	c := &Console{Session: s}
	d := mount(t, c)
	defer d.Close()
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) { c.signedIn, c.running = true, true }})
	page := html(d)
	busyTag(t, page, "console-run")
	mustContain(t, page, "Running…")
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) { c.run(ctx, s) }})
	if page := html(d); !c.running || strings.Contains(page, `data-testid="error"`) {
		t.Errorf("a click while running was not ignored:\n%s", page)
	}

	b := &SignOutButton{Session: s}
	d2 := mount(t, b)
	defer d2.Close()
	d2.Dispatch(app.Dispatch{Mode: app.Update, Source: b, Function: func(ctx app.Context) { b.signedIn, b.busy = true, true }})
	page = html(d2)
	busyTag(t, page, "signout")
	mustContain(t, page, "Signing out…")

	cc := &ClientCheck{Session: s, ClientID: "typed-id"}
	d3 := mount(t, cc)
	defer d3.Close()
	d3.Dispatch(app.Dispatch{Mode: app.Update, Source: cc, Function: func(ctx app.Context) { cc.running = true }})
	busyTag(t, html(d3), "client-check-run")
}

// The variables alert holds its words while the variables are edited: it
// was worked out from the field on each render, so every key changed the
// alert, and each change was read out.
func TestConsoleVariablesAlertStaysPutWhileTyping(t *testing.T) {
	t.Parallel()
	s := testSession(t, nil)
	c := &Console{Session: s, Query: "{ userData { currentUser { id } } }"}
	d := mount(t, c)
	defer d.Close()
	do := func(fn func(ctx app.Context)) string {
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: fn})
		return html(d)
	}
	page := do(func(ctx app.Context) {
		c.signedIn, c.variables = true, "{\n  \"a\": 1,\n  b: 2\n}"
		c.run(ctx, s)
	})
	said, ok := spoken(page, "console-variables-error")
	if !ok || !strings.Contains(said, "line 3") {
		t.Fatalf("no variables alert at line 3 (%v): %q", ok, said)
	}
	for _, v := range []string{"\n{\n  \"a\": 1,\n  b: 2\n}", "\n\n{\n  \"a\": 1,\n  b: 2\n}"} {
		page = do(func(ctx app.Context) { c.variables = v; c.recheck() })
		if got, _ := spoken(page, "console-variables-error"); got != said {
			t.Errorf("editing the variables changed the alert from %q to %q", said, got)
		}
	}
}
