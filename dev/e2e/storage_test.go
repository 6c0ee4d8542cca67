//go:build e2e

package e2e

import (
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Flow 9: when the browser's storage is full or disabled the app says so,
// with what to do, instead of crashing or sending the person to a sign-in
// it could not finish.
func TestStorageFullOrDisabled(t *testing.T) {
	for _, c := range []struct {
		name, script, code, words string
	}{
		{"full", `Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError") };`,
			"storage-full", "full"},
		// Chrome's "block site data": reading window.localStorage throws.
		{"blocked", `Object.defineProperty(window, "localStorage", { configurable: true,
			get() { throw new DOMException("Access is denied for this document.", "SecurityError") } });`,
			"storage-disabled", "storage"},
		// Storage there, every operation refused.
		{"refused", `for (const m of ["getItem", "setItem", "removeItem", "key", "clear"]) {
			Storage.prototype[m] = function () { throw new DOMException("Access is denied for this document.", "SecurityError") } }`,
			"storage-disabled", "storage"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStack(t, stackOptions{})
			tb := newBrowser(t, "main")
			tb.beforeEachPage(c.script)
			tb.open(s.url("/"))
			tb.wait("nav") // the app started
			if !tb.visible("error") {
				// The app may only notice when it first needs storage.
				tb.clickSignIn()
			}
			title, msg := tb.expectError(c.code)
			if !strings.Contains(strings.ToLower(title+" "+msg), c.words) {
				t.Errorf("%s: %q / %q does not mention %q", c.code, title, msg, c.words)
			}
			if tb.visible("consent-page") || len(s.requests(provider.EndpointAuthorize)) != 0 {
				t.Errorf("the app sent the person to sign in although it cannot keep the sign-in")
			}
			if strings.HasPrefix(tb.location(), s.provider.URL) {
				t.Errorf("left the app for %s", tb.location())
			}
		})
	}
}
