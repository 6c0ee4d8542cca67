//go:build !js

package webapp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestVersionIsDeterministicAndFollowsContent(t *testing.T) {
	web := newWebDir(t)
	cfg := Config{Site: localSite(t), ClientID: "pkcelogs-local", WebDir: web}
	v1 := Handler(cfg).Version
	v2 := Handler(cfg).Version
	if v1 == "" || v1 != v2 {
		t.Fatalf("Version %q then %q: want the same non-empty value for the same files and config", v1, v2)
	}

	// Another directory with the same files (another machine, another checkout).
	other := newWebDir(t)
	if v := Handler(Config{Site: localSite(t), ClientID: "pkcelogs-local", WebDir: other}).Version; v != v1 {
		t.Fatalf("same files elsewhere: Version %q, want %q", v, v1)
	}

	// A rebuild changes it, so the service worker picks up the new app.wasm.
	if err := os.WriteFile(filepath.Join(web, "app.wasm"), append([]byte("rebuilt"), fakeWasm...), 0o644); err != nil {
		t.Fatal(err)
	}
	if v := Handler(cfg).Version; v == v1 {
		t.Fatal("Version did not change after app.wasm changed")
	}
	// So does the configuration baked into app.js.
	cfg2 := Config{Site: localSite(t), ClientID: "pkcelogs-local", WebDir: other, Storage: StorageMemory}
	if v := Handler(cfg2).Version; v == v1 {
		t.Fatal("Version did not change with the storage setting")
	}
	// Compressed copies are derived and do not count.
	if err := os.WriteFile(filepath.Join(other, "app.wasm.br"), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if v := Handler(Config{Site: localSite(t), ClientID: "pkcelogs-local", WebDir: other}).Version; v != v1 {
		t.Fatal("a .br file changed the Version")
	}
	// An explicit version wins.
	if v := Handler(Config{Site: localSite(t), WebDir: web, Version: "git-abc123"}).Version; v != "git-abc123" {
		t.Fatalf("explicit Version: got %q", v)
	}
}

func TestHandlerIsLocalAndSameTab(t *testing.T) {
	web := newWebDir(t)
	site := localSite(t)
	h := Handler(Config{Site: site, ClientID: "pkcelogs-local", WebDir: web, BasePath: "/pkcelogs/"})

	appJS := get(t, h, "/app.js")
	mustStatus(t, appJS, 200, "app.js")
	body := appJS.Body.String()
	for _, want := range []string{`"PKCELOGS_SITE":"custom"`, `"PKCELOGS_CLIENT_ID":"pkcelogs-local"`, `"GOAPP_ROOT_PREFIX":"/pkcelogs"`, `/pkcelogs/web/app.wasm`, `X-Wasm-Content-Length`} {
		if !strings.Contains(body, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	var internal []string
	env := extractEnv(t, body)
	if err := json.Unmarshal([]byte(env["GOAPP_INTERNAL_URLS"]), &internal); err != nil {
		t.Fatalf("GOAPP_INTERNAL_URLS: %v", err)
	}
	for _, want := range []string{site.AuthorizeURL, "https://www.warcraftlogs.com/oauth/authorize", "https://www.fflogs.com/oauth/authorize"} {
		if !slices.Contains(internal, want) {
			t.Errorf("InternalURLs %v lack %s: the sign-in would open a new tab", internal, want)
		}
	}

	manifest := get(t, h, "/manifest.webmanifest")
	mustStatus(t, manifest, 200, "manifest")
	worker := get(t, h, "/app-worker.js")
	mustStatus(t, worker, 200, "app-worker.js")
	for name, b := range map[string]string{"manifest": manifest.Body.String(), "app-worker.js": worker.Body.String()} {
		if strings.Contains(b, "githubusercontent") || strings.Contains(b, "https://") {
			t.Errorf("%s refers to a remote file: %s", name, b)
		}
		if !strings.Contains(b, "/pkcelogs/web/icon-192.png") {
			t.Errorf("%s lacks the local icon under the base path", name)
		}
	}
	if !strings.Contains(worker.Body.String(), `"/pkcelogs/web/app.wasm"`) {
		t.Error("the service worker does not cache app.wasm")
	}
}

func TestFixedSiteListsOnlyItsAuthorizeURL(t *testing.T) {
	site := preset(t, "esologs")
	h := Handler(Config{Site: site, FixedSite: true, ClientID: "x", WebDir: newWebDir(t)})
	env := extractEnv(t, get(t, h, "/app.js").Body.String())
	if got, want := env["GOAPP_INTERNAL_URLS"], `["https://www.esologs.com/oauth/authorize"]`; got != want {
		t.Fatalf("GOAPP_INTERNAL_URLS = %s, want %s", got, want)
	}
}

// extractEnv reads go-app's `const goappEnv = {...};` from app.js.
func extractEnv(t *testing.T, appJS string) map[string]string {
	t.Helper()
	_, rest, ok := strings.Cut(appJS, "const goappEnv = ")
	if !ok {
		t.Fatal("app.js has no goappEnv")
	}
	obj, _, _ := strings.Cut(rest, ";\n")
	var env map[string]string
	if err := json.Unmarshal([]byte(obj), &env); err != nil {
		t.Fatalf("goappEnv %q: %v", obj, err)
	}
	return env
}
