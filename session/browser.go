package session

import (
	"context"

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

// StorageKinds lists the storage kinds in the order they are documented.
var StorageKinds = []string{StorageLocal, StorageSession, StorageMemory}

// Browser is everything the session needs from the page around it. The js &&
// wasm build talks to the real browser through safejs (Page); tests and the
// server-side pre-render use a MemoryBrowser.
type Browser interface {
	// Store returns the key/value store of the given kind (StorageLocal,
	// StorageSession, StorageMemory). Storage the browser refuses (disabled,
	// blocked, private mode) is a *StorageError, never a panic.
	Store(kind string) (pkce.Store, error)
	// Shared is storage every tab of the origin sees consistently: once a
	// write has completed, every tab's next read returns it (IndexedDB; see
	// shared.go). The exactly-once refresh rests on it.
	Shared() Shared
	// Locker serialises refreshes, sign-ins and sign-outs across every tab
	// of the origin (Web Locks).
	Locker() pkce.Locker
	// Location is the address currently in the address bar.
	Location() string
	// ReplaceURL rewrites the address bar without a navigation or a new
	// history entry (history.replaceState), to drop code and state.
	ReplaceURL(rawURL string) error
	// Assign navigates this tab to rawURL (location.assign). Used for the
	// authorize URL: go-app's Navigate would open a new tab for another host.
	Assign(rawURL string) error
	// Broadcast tells the page's other tabs that something changed.
	Broadcast(msg string)
	// Listen calls fn with every message another tab broadcasts, and with
	// changes other tabs make to local storage keys (msg = msgStorage+key).
	// The returned func stops listening.
	Listen(fn func(msg string)) (stop func())
}

// Shared is a key/value store that every tab of the origin sees consistently
// and that can change a value atomically.
type Shared interface {
	// Get returns the value under key.
	Get(ctx context.Context, key string) (value string, ok bool, err error)
	// Update runs fn on the value under key and stores what it returns
	// (keep false deletes the key), atomically with respect to every other
	// tab's Update. An error from fn aborts the change and is returned.
	Update(ctx context.Context, key string, fn func(old string, ok bool) (value string, keep bool, err error)) error
	// Keys returns the keys starting with prefix.
	Keys(ctx context.Context, prefix string) ([]string, error)
}

// Messages exchanged between tabs.
const (
	msgToken   = "token"   // the stored token changed: load it again
	msgSignOut = "signout" // the person signed out: forget the token here too
	msgStorage = "storage:"
)
