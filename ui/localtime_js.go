//go:build js && wasm

package ui

import (
	"fmt"
	"math"
	"time"

	"github.com/hack-pad/safejs"
)

// utcOffset asks the browser for its time zone's offset at t:
// new Date(ms).getTimezoneOffset() is in minutes west of UTC, and for the
// instant given, so it knows summer time from winter time. A browser
// without Date, a throwing override or an instant outside Date's range
// (NaN) is an error, which the caller shows as UTC.
func utcOffset(t time.Time) (int, error) {
	ctor, err := safejs.Global().Get("Date")
	if err != nil {
		return 0, err
	}
	if ctor.IsUndefined() {
		return 0, fmt.Errorf("no Date")
	}
	d, err := ctor.New(float64(t.UnixMilli()))
	if err != nil {
		return 0, err
	}
	v, err := d.Call("getTimezoneOffset")
	if err != nil {
		return 0, err
	}
	min, err := v.Float()
	if err != nil {
		return 0, err
	}
	if math.IsNaN(min) || math.IsInf(min, 0) || math.Abs(min) >= 24*60 {
		return 0, fmt.Errorf("getTimezoneOffset() = %v for %v", min, t)
	}
	return int(math.Round(-min * 60)), nil
}
