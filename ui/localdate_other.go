//go:build !(js && wasm)

package ui

import "time"

// intlDateTime has no Intl outside the browser: reportTime falls back.
func intlDateTime(time.Time) (string, bool) { return "", false }
