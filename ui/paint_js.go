//go:build js && wasm

package ui

import (
	"time"

	"github.com/hack-pad/safejs"
)

// paintWaitLimit bounds waitForPaint where no frame comes: a tab in the
// background gets no animation frames until it is shown.
const paintWaitLimit = 250 * time.Millisecond

// waitForPaint blocks until the browser has painted: a requestAnimationFrame
// callback runs just before the next paint, and a task it queues runs after
// it. It gives up after paintWaitLimit (a hidden tab paints nothing), and
// returns at once where the browser lacks either function or one throws.
func waitForPaint() {
	win := safejs.Global()
	done := make(chan struct{})
	fired := false
	after, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		if !fired {
			fired = true
			close(done)
		}
		return nil
	})
	if err != nil {
		return
	}
	frame, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		_, _ = win.Call("setTimeout", after, 0)
		return nil
	})
	if err != nil {
		after.Release()
		return
	}
	if _, err := win.Call("requestAnimationFrame", frame); err != nil {
		frame.Release()
		after.Release()
		return
	}
	select {
	case <-done:
		frame.Release()
		after.Release()
	case <-time.After(paintWaitLimit):
		// The frame may still come when the tab is shown: its callbacks
		// stay (two small functions) rather than be called after release.
	}
}
