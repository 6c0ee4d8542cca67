//go:build !js

package headless

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindHonoursTheChoiceThenCHROME(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "my-chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CHROME", fake)
	if got, err := Find(""); err != nil || got != fake {
		t.Errorf("Find(\"\") with CHROME=%s = %q, %v", fake, got, err)
	}
	missing := filepath.Join(t.TempDir(), "nothing-here")
	_, err := Find(missing)
	if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "CHROME") {
		t.Errorf("Find(%q) = %v, want an error naming it and CHROME", missing, err)
	}
	t.Setenv("CHROME", missing)
	if _, err := Find(fake); err != nil {
		t.Errorf("an explicit choice should win over a wrong CHROME: %v", err)
	}
}
