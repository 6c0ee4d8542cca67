//go:build !js

package webapp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The console's schemas (web/schema/, issue 16) are served and exported as
// static files, and are no part of any page's first load: no page links or
// preloads them and the service worker's install list leaves them out (the
// console caches the one it fetches; see ui/schema_js.go).
func TestSchemasAreStaticAndOnlyTheConsolesToFetch(t *testing.T) {
	web := newWebDir(t)
	if err := os.MkdirAll(filepath.Join(web, "schema"), 0o755); err != nil {
		t.Fatal(err)
	}
	sdl := "type Query { rateLimitData: Int }\n"
	if err := os.WriteFile(filepath.Join(web, "schema", "warcraftlogs.graphql"), []byte(sdl), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Site: localSite(t), FixedSite: true, ClientID: "pkcelogs-local", WebDir: web,
		RedirectURI: "http://127.0.0.1:8000/callback"}
	rec := get(t, Serve(cfg, web), "/web/schema/warcraftlogs.graphql")
	mustStatus(t, rec, 200, "the schema file")
	if rec.Body.String() != sdl {
		t.Errorf("served schema = %q", rec.Body.String())
	}
	dist := filepath.Join(t.TempDir(), "dist")
	if err := Export(cfg, dist); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dist, "web/schema/warcraftlogs.graphql"); got != sdl {
		t.Errorf("exported schema = %q", got)
	}
	entries, _ := os.ReadDir(dist)
	for _, e := range entries {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".html") || strings.HasSuffix(e.Name(), ".js")) {
			continue
		}
		if body := readFile(t, dist, e.Name()); strings.Contains(body, "schema") && strings.Contains(body, ".graphql") {
			t.Errorf("%s names a schema file: the schema would be part of its first load", e.Name())
		}
	}
}
