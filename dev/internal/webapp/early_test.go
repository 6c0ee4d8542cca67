//go:build !js

package webapp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/ui"
)

// The early script looks for the token and an unfinished sign-out where the
// session keeps them, and
// speaks the button's contract (ui/early_signin.go); memory storage has no
// hint to give.
func TestEarlyScriptFollowsTheSessionsRules(t *testing.T) {
	for _, storage := range []string{session.StorageLocal, session.StorageSession, session.StorageMemory} {
		cfg := Config{Storage: storage}
		js := earlyScript(cfg)
		web, key := session.SignedInHint(cfg.options())
		outWeb, outKey := session.SignOutHint(cfg.options())
		pstore, pprefix := session.PendingHint()
		if outWeb != web {
			t.Fatalf("storage %s: the sign-out mark is in %q, the token in %q: the script reads one storage", storage, outWeb, web)
		}
		if !strings.Contains(js, `const storage = "`+web+`", key = "`+key+`", signOutKey = "`+outKey+`", pendingStorage = "`+pstore+`", pendingPrefix = "`+pprefix+`";`) {
			t.Errorf("storage %s: the script does not look at %q %q:\n%s", storage, web, key, js)
		}
		for _, want := range []string{ui.ForceFullBuildKey, ui.SignInButtonAttr, ui.EarlySignInGlobal, `"` + ui.EarlySignInLabel + `"`, sessionHintAttr} {
			if !strings.Contains(js, want) {
				t.Errorf("storage %s: the script lacks %q", storage, want)
			}
		}
		if strings.Count(js, "</script>") != 1 {
			t.Errorf("the script closes its tag more than once")
		}
	}
}

// The script offers the signed-out build only when the web directory has one,
// under the base path, and always names the full one.
func TestEarlyScriptOffersTheLiteBuildWhenBuilt(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{WebDir: dir, BasePath: "/pkcelogs/"}
	if js := earlyScript(cfg); !strings.Contains(js, `const lite = "", home = "/pkcelogs/"`) || !strings.Contains(js, `: "/pkcelogs/web/app.wasm";`) {
		t.Errorf("without app-lite.wasm the script should offer the full build alone:\n%s", js)
	}
	if err := os.WriteFile(filepath.Join(dir, liteWasmFile), []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	if js := earlyScript(cfg); !strings.Contains(js, `const lite = "/pkcelogs/web/app-lite.wasm", home = "/pkcelogs/"`) {
		t.Errorf("with app-lite.wasm the script should offer it on the home page:\n%s", js)
	}
	if got := cacheable(cfg); len(got) != 2 || got[1] != "/pkcelogs/web/app-lite.wasm" {
		t.Errorf("the service worker keeps %v, want the mount point and the signed-out build", got)
	}
}
