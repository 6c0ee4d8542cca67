package session

import "github.com/pkcelogs/pkcelogs/pkce"

// WebStorageOf names the Web Storage object that keeps the token mirror for a
// storage kind: "localStorage" for StorageLocal, "sessionStorage" for
// StorageSession, "" for StorageMemory (nothing outlives the page). Page.Store
// opens the same one.
func WebStorageOf(kind string) string {
	switch kind {
	case StorageMemory:
		return ""
	case StorageSession:
		return "sessionStorage"
	}
	return "localStorage"
}

// SignedInHint says where a page that has not started the app yet can look to
// guess whether someone is signed in: the key of the token mirror in the Web
// Storage object named by storage (see WebStorageOf). An empty storage means
// no guess is possible (memory storage). It is a hint for choosing what to
// load and paint first, never a decision: the session reads and checks the
// token itself.
func SignedInHint(opts Options) (storage, key string) {
	kind := opts.Storage
	if kind == "" {
		kind = StorageLocal
	}
	if storage = WebStorageOf(kind); storage == "" {
		return "", ""
	}
	return storage, keyToken
}

// PendingHint says where a page that has not started the app yet can look
// for sign-ins started and not finished: keys beginning with prefix in the Web
// Storage object named storage (the pending sign-ins are kept in local storage
// whatever the token's storage: see Session.Flow). A hint, like SignedInHint.
func PendingHint() (storage, prefix string) {
	return WebStorageOf(StorageLocal), pkce.PendingKeyPrefix
}
