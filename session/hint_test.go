package session

import "testing"

func TestSignedInHint(t *testing.T) {
	for _, tc := range []struct{ kind, storage, key string }{
		{"", "localStorage", keyToken},
		{StorageLocal, "localStorage", keyToken},
		{StorageSession, "sessionStorage", keyToken},
		{StorageMemory, "", ""},
	} {
		storage, key := SignedInHint(Options{Storage: tc.kind})
		if storage != tc.storage || key != tc.key {
			t.Errorf("SignedInHint(%q) = %q, %q; want %q, %q", tc.kind, storage, key, tc.storage, tc.key)
		}
	}
}
