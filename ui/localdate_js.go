//go:build js && wasm

package ui

import (
	"sync"
	"time"

	"github.com/hack-pad/safejs"
)

// dateTimeFormat is one Intl.DateTimeFormat for the browser's locale and
// zone, made once (making one per row would cost more than formatting).
var dateTimeFormat = sync.OnceValue(func() safejs.Value {
	intl, err := safejs.Global().Get("Intl")
	if err != nil || intl.IsUndefined() {
		return safejs.Undefined()
	}
	ctor, err := intl.Get("DateTimeFormat")
	if err != nil || ctor.IsUndefined() {
		return safejs.Undefined()
	}
	opts, err := safejs.ValueOf(DateTimeOptions())
	if err != nil {
		return safejs.Undefined()
	}
	f, err := ctor.New(safejs.Undefined(), opts)
	if err != nil {
		return safejs.Undefined()
	}
	return f
})

// intlDateTime formats t with the browser's Intl.DateTimeFormat; ok is false
// when the browser has none or it throws.
func intlDateTime(t time.Time) (string, bool) {
	f := dateTimeFormat()
	if f.IsUndefined() {
		return "", false
	}
	s, err := f.Call("format", float64(t.UnixMilli()))
	if err != nil {
		return "", false
	}
	out, err := s.String()
	if err != nil || out == "" {
		return "", false
	}
	return out, true
}
