package ui

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Countdown shows the time left until a moment ("12:05"), ticking every
// second in the browser. At zero it shows Done.
//
// It is hidden from screen readers (aria-hidden): inside a live region its
// every tick would be read out, and its text is stale the moment it is
// read. Put a fixed sentence beside it for them instead, such as
// retrySentence's "You can try again at 14:05 UTC+1." (see live.go).
type Countdown struct {
	app.Compo

	Until  time.Time // when it ends
	Done   string    // shown at zero; default "now"
	TestID string    // data-testid of the element

	ticking bool
}

// now is the clock; tests set it.
var now = time.Now

func (c *Countdown) OnMount(ctx app.Context) {
	if app.IsClient && !c.ticking {
		c.ticking = true
		c.tick(ctx)
	}
}

// OnUpdate restarts the ticking when a parent moves Until into the future.
func (c *Countdown) OnUpdate(ctx app.Context) { c.OnMount(ctx) }

func (c *Countdown) tick(ctx app.Context) {
	ctx.After(time.Second, func(ctx app.Context) {
		if !c.Mounted() {
			c.ticking = false
			return
		}
		if now().Before(c.Until) {
			c.tick(ctx)
		} else {
			c.ticking = false
		}
	})
}

func (c *Countdown) Render() app.UI {
	return app.Span().Class("pl-countdown").Attr("aria-hidden", "true").Attr(testid, c.TestID).Text(formatLeft(c.Until.Sub(now()), c.Done))
}

// formatLeft renders a duration as m:ss, or h:mm:ss past an hour.
func formatLeft(d time.Duration, done string) string {
	if d <= 0 {
		if done == "" {
			done = "now"
		}
		return done
	}
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
