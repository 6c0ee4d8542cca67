package ui

import (
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// Storage kinds a deployer may choose for tokens (EnvStorage). Pending
// sign-ins and settings always live in local storage, so a sign-in may finish
// in another tab and a person's own client id survives a restart.
const (
	StorageLocal   = "local"   // survives restarts; shared by every tab of the origin
	StorageSession = "session" // this tab only; gone when the tab closes
	StorageMemory  = "memory"  // this page only; gone on reload
)

// browser is everything the components need from the page around them. The
// js && wasm build talks to the real browser through safejs (platform_js.go);
// the host build keeps the same behaviour in memory (platform_host.go) so the
// components test with go-app's client tester.
type browser interface {
	// Store returns the key/value store of the given kind (StorageLocal,
	// StorageSession, StorageMemory). Storage the browser refuses (disabled,
	// blocked, private mode) is a *StorageError, never a panic.
	Store(kind string) (pkce.Store, error)
	// Locker serialises token refreshes across every tab of the origin.
	Locker() pkce.Locker
	// Location is the address currently in the address bar.
	Location() string
	// ReplaceURL rewrites the address bar without a navigation or a new
	// history entry (history.replaceState), to drop code and state.
	ReplaceURL(rawURL string) error
	// Assign navigates this tab to rawURL (location.assign). Used for the
	// authorize URL: ctx.Navigate would open a new tab for another host.
	Assign(rawURL string) error
	// Broadcast tells the page's other tabs that something changed.
	Broadcast(msg string)
	// Listen calls fn with every message another tab broadcasts, and with
	// changes other tabs make to local storage keys (msg = msgStorage+key).
	// The returned func stops listening.
	Listen(fn func(msg string)) (stop func())
	// UTCOffset is the offset east of UTC, in seconds, of the person's time
	// zone at t: the one that applied then (summer or winter time), not
	// today's. An error means the browser could not say (localtime.go).
	UTCOffset(t time.Time) (int, error)
}

// Messages exchanged between tabs.
const (
	msgToken   = "token"   // the stored token changed: load it again
	msgSignOut = "signout" // the person signed out: forget the token here too
	msgStorage = "storage:"
)

// platform is the page this code runs in. Tests replace it.
var platform browser = newPlatform()
