//go:build !js

package webapp

import (
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/ui"
)

// The pre-rendered Settings page shows the redirect URI before the app loads:
// the configured one whole, or else the path with a placeholder for the
// origin that the page's inline OriginScript fills in.
func TestSettingsPrerendersTheRedirectURI(t *testing.T) {
	// go-app sets Handler.Env's keys with os.Setenv and never unsets them: an
	// earlier test's handler may have left a redirect URI behind.
	t.Setenv(session.EnvRedirectURI, "")
	dir := newWebDir(t)
	h := Serve(Config{Site: localSite(t), ClientID: "pkcelogs-local", BasePath: "/pkcelogs/"}, dir)
	defer h.(*server).background.Wait()
	page := get(t, h, "/pkcelogs/settings").Body.String()
	for _, want := range []string{`data-testid="settings-redirect-uri"`, `data-pl-path="/pkcelogs/callback"`, "›/pkcelogs/callback</code>", ui.OriginScript, "Public Client", `data-testid="settings-check-run"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the pre-rendered settings page lacks %q: %.300s", want, page[strings.Index(page, "settings-redirect-uri")-100:])
		}
	}

	fixed := Serve(Config{Site: localSite(t), ClientID: "pkcelogs-local", RedirectURI: "https://logs.example/app/callback"}, dir)
	defer fixed.(*server).background.Wait()
	page = get(t, fixed, "/settings").Body.String()
	if !strings.Contains(page, ">https://logs.example/app/callback</code>") {
		t.Errorf("the configured redirect URI is not pre-rendered whole:\n%s", page[strings.Index(page, "<body"):])
	}
}
