package session

import (
	"errors"
	"fmt"
)

// ErrStorageDisabled and ErrStorageFull are the errors.Is targets of a
// *StorageError: the browser refused to keep data, or had no room for it.
var (
	ErrStorageDisabled = errors.New("browser storage is disabled")
	ErrStorageFull     = errors.New("browser storage is full")
)

// StorageError reports that the browser's storage refused an operation.
type StorageError struct {
	Kind string // StorageLocal, StorageSession or StorageMemory
	Op   string // "open", "get", "set", "delete", "keys"
	Err  error  // ErrStorageDisabled, ErrStorageFull, or what the browser said
}

func (e *StorageError) Error() string {
	name := storageName(e.Kind)
	switch {
	case errors.Is(e.Err, ErrStorageFull):
		return fmt.Sprintf("Your browser's %s is full, so the sign-in cannot be kept. "+
			"Clear this site's data (or other sites' data) in the browser settings, then sign in again.", name)
	case errors.Is(e.Err, ErrStorageDisabled):
		return fmt.Sprintf("Your browser does not let this page use %s (it is disabled, blocked for this site, or in a private window that forbids it), "+
			"so it cannot remember the sign-in. Allow site data for this page in the browser settings, then reload.", name)
	default:
		return fmt.Sprintf("Your browser's %s failed (%s: %v). Reload the page; if it keeps happening, clear this site's data.", name, e.Op, e.Err)
	}
}

func (e *StorageError) Unwrap() error { return e.Err }

func storageName(kind string) string {
	switch kind {
	case StorageSession:
		return "session storage"
	case StorageMemory:
		return "memory storage"
	default:
		return "local storage"
	}
}
