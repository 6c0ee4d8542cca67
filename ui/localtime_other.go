//go:build !(js && wasm)

package ui

import "time"

// utcOffset is the host's zone offset at t: the pre-render's and tests'.
func utcOffset(t time.Time) (int, error) {
	_, offset := t.In(time.Local).Zone()
	return offset, nil
}
