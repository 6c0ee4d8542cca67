//go:build !js

package webapp

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The export precompresses its text files as it does the builds, so a host
// that serves precompressed copies sends the page and its scripts small
// (issue 14's first-visit bytes); each copy decodes to its file.
func TestExportPrecompressesTheTextFiles(t *testing.T) {
	dist := t.TempDir()
	if err := Export(Config{Site: localSite(t), WebDir: newWebDir(t)}, dist); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "callback.html", "app.js", "manifest.webmanifest"} {
		raw, err := os.ReadFile(filepath.Join(dist, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range encodings {
			packed, err := os.ReadFile(filepath.Join(dist, name+e.suffix))
			if err != nil {
				t.Errorf("%s has no %s copy: %v", name, e.name, err)
				continue
			}
			plain, err := decompress(e.name, packed)
			if err != nil || !bytes.Equal(plain, raw) {
				t.Errorf("%s%s does not decode to %s (%v)", name, e.suffix, name, err)
			}
			if len(packed) >= len(raw) {
				t.Errorf("%s%s is %d bytes, %s %d", name, e.suffix, len(packed), name, len(raw))
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dist, ".nojekyll.br")); err == nil {
		t.Error("a hidden file got a compressed copy")
	}
}
