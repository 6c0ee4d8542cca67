//go:build !js

package webapp

import (
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/ui"
)

// The early script looks for the token where the session keeps it, and
// speaks the button's contract (ui/early_signin.go); memory storage has no
// hint to give.
func TestEarlyScriptFollowsTheSessionsRules(t *testing.T) {
	for _, storage := range []string{session.StorageLocal, session.StorageSession, session.StorageMemory} {
		cfg := Config{Storage: storage}
		js := earlyScript(cfg)
		web, key := session.SignedInHint(cfg.options())
		pstore, pprefix := session.PendingHint()
		if !strings.Contains(js, `const storage = "`+web+`", key = "`+key+`", pendingStorage = "`+pstore+`", pendingPrefix = "`+pprefix+`";`) {
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
