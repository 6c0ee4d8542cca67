//go:build !js

package ui

// What screen readers are told: live regions that say a thing once (not a
// ticking countdown, not each keystroke), that exist before their text
// arrives, and buttons that keep the keyboard focus while busy (see live.go).

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// region is a live region of a rendered page and the text a screen reader
// gets from it: without what is aria-hidden.
type region struct {
	Role, TestID, Spoken string
}

var (
	tagRE      = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>`)
	voidTags   = map[string]bool{"area": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "wbr": true}
	liveRoleRE = regexp.MustCompile(`\brole="(status|alert|log|timer)"|\baria-live="(polite|assertive)"`)
	testIDRE   = regexp.MustCompile(`\bdata-testid="([^"]*)"`)
	// go-app writes an attribute whose value is "true" bare.
	ariaHiddenRE   = regexp.MustCompile(`\saria-hidden(="true")?(\s|$)`)
	ariaDisabledRE = regexp.MustCompile(`\saria-disabled(="true")?(\s|>)`)
)

// liveRegions lists page's live regions (role status, alert, log, timer or
// aria-live), outermost first, with their spoken text.
func liveRegions(page string) []region {
	type frame struct {
		tag    string
		hidden bool
		live   int // index in out, or -1
	}
	var (
		out   []region
		stack []frame
	)
	hidden := func() bool { return len(stack) > 0 && stack[len(stack)-1].hidden }
	text := func(s string) {
		if hidden() || strings.TrimSpace(s) == "" {
			return
		}
		for _, f := range stack {
			if f.live >= 0 {
				out[f.live].Spoken += s
			}
		}
	}
	pos := 0
	for _, m := range tagRE.FindAllStringSubmatchIndex(page, -1) {
		text(page[pos:m[0]])
		pos = m[1]
		closing, tag, attrs, selfClosing := page[m[2]:m[3]] == "/", strings.ToLower(page[m[4]:m[5]]), page[m[6]:m[7]], page[m[8]:m[9]] == "/"
		if closing {
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].tag == tag {
					stack = stack[:i]
					break
				}
			}
			continue
		}
		if voidTags[tag] || selfClosing {
			continue
		}
		f := frame{tag: tag, hidden: hidden() || ariaHiddenRE.MatchString(attrs), live: -1}
		if lm := liveRoleRE.FindStringSubmatch(attrs); lm != nil && !f.hidden {
			r := region{Role: lm[1] + lm[2]}
			if id := testIDRE.FindStringSubmatch(attrs); id != nil {
				r.TestID = id[1]
			}
			f.live = len(out)
			out = append(out, r)
		}
		stack = append(stack, f)
	}
	for i := range out {
		out[i].Spoken = strings.Join(strings.Fields(strings.ReplaceAll(out[i].Spoken, "\u00a0", " ")), " ")
	}
	return out
}

// spoken is the text of the live region with the data-testid ("" and false
// when there is none).
func spoken(page, id string) (string, bool) {
	for _, r := range liveRegions(page) {
		if r.TestID == id {
			return r.Spoken, true
		}
	}
	return "", false
}

func TestLiveRegionsParser(t *testing.T) {
	t.Parallel()
	page := `<div><p role="status" data-testid="a">Hello <span aria-hidden="true">1:00</span>world<br>!</p>` +
		`<div role="alert" data-testid="b"><img src="x"><p>Out<span aria-live="polite" data-testid="c">in</span></p></div>` +
		`<div aria-hidden="true"><p role="status" data-testid="d">never</p></div><i aria-hidden>x</i></div>`
	got := liveRegions(page)
	want := []region{{"status", "a", "Hello world!"}, {"alert", "b", "Outin"}, {"polite", "c", "in"}}
	if len(got) != len(want) {
		t.Fatalf("regions %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("region %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// A rate-limited error is an alert that says once when to try again, as a
// time on the person's clock; the ticking countdown beside it is for the
// eye only. Read out, it was "2:05", "2:04", … every second.
func TestErrorViewAlertSaysWhenNotTheTicks(t *testing.T) {
	t.Parallel()
	d := mount(t, &ErrorView{Session: testSession(t, nil), Err: &logsapi.RateLimitedError{RetryAfter: 125 * time.Second}})
	defer d.Close()
	page := html(d)
	mustContain(t, page, `data-testid="error-countdown"`, ">2:05<") // still seen ticking
	alert, ok := spoken(page, "error")
	if !ok {
		t.Fatalf("the error is no live region:\n%s", page)
	}
	// The time on the clock is said, and at 02:04 or 12:05 it holds the
	// countdown's digits: look for them in the rest.
	rest := regexp.MustCompile(`You can try again at [^.]*\.`).ReplaceAllString(alert, "")
	if strings.Contains(rest, "2:05") || strings.Contains(rest, "2:04") || strings.Contains(rest, "resets in") {
		t.Errorf("the alert reads out the ticking countdown: %q", alert)
	}
	at := localClock(now().Add(125 * time.Second))
	if !strings.Contains(alert, "You can try again at "+at[:2]) {
		t.Errorf("the alert does not say when to try again (about %s): %q", at, alert)
	}
}

// No live region anywhere holds a Countdown's ticking text: Countdown
// renders aria-hidden, and the rate-limit card says the reset as a time.
func TestCountdownIsNotReadOut(t *testing.T) {
	t.Parallel()
	rl := logsapi.RateLimit{LimitPerHour: 3600, PointsSpentThisHour: 100, PointsResetIn: 30 * time.Minute}
	d := mount(t, app.Div().Attr("role", "status").Attr(testid, "wrap").Body(rateLimitBody(&rl, now().Add(rl.PointsResetIn))...))
	defer d.Close()
	page := html(d)
	mustContain(t, page, ">30:00<")
	said, _ := spoken(page, "wrap")
	if strings.Contains(said, "30:00") || strings.Contains(said, "29:59") {
		t.Errorf("the countdown is read out: %q", said)
	}
	if !strings.Contains(said, "resetting at ") {
		t.Errorf("the reset time is not said: %q", said)
	}
}

func TestFormatClock(t *testing.T) {
	t.Parallel()
	plus1 := func(time.Time) (int, error) { return 3600, nil }
	at := time.Date(2026, 12, 1, 13, 5, 0, 0, time.UTC)
	if got, want := formatClock(at, at.Add(-time.Hour), plus1), "14:05 UTC+1"; got != want {
		t.Errorf("today: %q, want %q", got, want)
	}
	// 23:30 UTC is tomorrow at UTC+1: the day is said too.
	late := time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC)
	if got, want := formatClock(late, at, plus1), "2026-12-02 00:30 UTC+1"; got != want {
		t.Errorf("tomorrow: %q, want %q", got, want)
	}
}

func TestAnnouncerSaysTheSameTwice(t *testing.T) {
	t.Parallel()
	var a announcer
	a.say("Saved.")
	first := a.text
	a.say("Saved.")
	if a.text == first || strings.TrimSpace(strings.ReplaceAll(a.text, "\u00a0", " ")) != "Saved." {
		t.Errorf("said twice: %q then %q: the region's text must change and still read the same", first, a.text)
	}
	a.clear()
	if a.text != "" {
		t.Errorf("cleared: %q", a.text)
	}
}
