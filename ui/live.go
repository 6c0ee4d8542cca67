package ui

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Live regions and busy buttons, the way screen readers follow them.
//
// A live region (role status or alert, WAI-ARIA 1.2 section 6.3.4) is read
// when its text changes, not reliably when it is inserted together with its
// text: the region must already be on the page. liveText renders one that is
// always there, taking no room while it has nothing to say, and only its
// text changes. A live region must also hold nothing that changes by itself
// (a ticking countdown, "Updated 3 min ago"): each tick would be read out.
//
// A button disabled while its work runs drops the keyboard focus to the
// page's body (a disabled element cannot hold focus): busyButton keeps it
// focusable, says it is unavailable with aria-disabled and ignores clicks.

// liveText is a paragraph that is a live region of role ("status", polite,
// or "alert", assertive), present while empty (visually hidden then, so it
// takes no room) and showing text with class once there is some.
func liveText(role, class, id, text string) app.HTMLP {
	if text == "" {
		class = "pl-visually-hidden"
	}
	return app.P().Class(class).Attr("role", role).Attr(testid, id).Text(text)
}

// announcer is what a visually hidden live region says: say sets it. The
// same sentence said twice in a row is told apart by a trailing no-break
// space, so that the region's text changes and is read again.
type announcer struct {
	text string
	n    int
}

func (a *announcer) say(text string) {
	a.n++
	if a.n%2 == 0 {
		text += "\u00a0"
	}
	a.text = text
}

// clear empties the region without a word (removals are not read).
func (a *announcer) clear() { a.text = "" }

// view is the region, visually hidden: for what the page already shows in
// a way that must not be read on each change.
func (a *announcer) view(role, id string) app.UI {
	return app.P().Class("pl-visually-hidden").Attr("role", role).Attr(testid, id).Text(a.text)
}

// busyButton makes b unavailable while busy without taking it out of the
// focus order: aria-disabled (the stylesheet greys it as it greys disabled
// buttons) and aria-busy; the click handler must itself return while busy.
func busyButton(b app.HTMLButton, busy bool) app.HTMLButton {
	return b.Attr("aria-disabled", strconv.FormatBool(busy)).Attr("aria-busy", strconv.FormatBool(busy))
}

// focusMainIfLost moves the keyboard focus to the page's <main> (layout's,
// focusable by script) after the render, when the element that held it
// has gone from the page: the focus is then on <body>, or nowhere.
func focusMainIfLost(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		doc := app.Window().Get("document")
		if !doc.Truthy() {
			return
		}
		if active := doc.Get("activeElement"); active.Truthy() && active.Get("tagName").String() != "BODY" {
			return
		}
		if m := app.Window().GetElementByID(mainID); m.Truthy() {
			m.Call("focus")
		}
	})
}

// localClock is the time of day of t on the person's clock, with its offset
// ("14:05 UTC+1"), and the day too when t is not today there.
func localClock(t time.Time) string { return formatClock(t, now(), utcOffset) }

func formatClock(t, today time.Time, offset func(time.Time) (int, error)) string {
	local, sec := inLocal(t, offset)
	ref, _ := inLocal(today, offset)
	if local.Format("2006-01-02") != ref.Format("2006-01-02") {
		return formatLocal(t, offset)
	}
	return local.Format("15:04") + " " + offsetLabel(sec)
}

// retrySentence is the fixed sentence a live region says for a wait that
// ends at t, in place of the countdown's ticking: "You can try again at
// 14:05 UTC+1."
func retrySentence(t time.Time) string {
	return "You can try again at " + localClock(t) + "."
}
