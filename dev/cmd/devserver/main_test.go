//go:build !js

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
	"github.com/pkcelogs/pkcelogs/ui"
)

func TestFlagMistakesAreExplained(t *testing.T) {
	cases := []struct {
		args []string
		say  string
	}{
		{[]string{"-site", "wow"}, `-site "wow" is not "local", "custom" or a preset`},
		{[]string{"-site", "warcraftlogs"}, "-site warcraftlogs needs -client-id: register a public client at https://www.warcraftlogs.com/api/clients/ with the redirect URI http://127.0.0.1:8000/callback"},
		{[]string{"-site", "fflogs", "-export", "dist", "-base-path", "/pkcelogs/"}, "https://YOUR-HOST/pkcelogs/callback"},
		{[]string{"-site", "esologs", "-client-id", "x", "-auto-approve", "alice"}, "-auto-approve and -game are for the local provider"},
		{[]string{"-client-id", "someone-else"}, `the local provider has one client, "pkcelogs-local"`},
		{[]string{"-addr", "8000"}, `-addr "8000" must be host:port`},
		{[]string{"-addr", ":8000"}, `-addr ":8000" must be host:port`},
		{[]string{"-provider-addr", "127.0.0.1:http"}, `port "http" must be a number`},
		{[]string{"-addr", "0.0.0.0:8000"}, "name the address browsers will use"},
		{[]string{"-storage", "cookie"}, `storage "cookie" must be`},
		{[]string{"-base-path", "/a b/"}, "base path"},
		{[]string{"-redirect-uri", "callback"}, "redirect URI"},
		{[]string{"-site", "fflogs", "-client-id", "x", "-redirect-uri", "http://example.com/callback"}, "must use https"},
		{[]string{"-export", "dist", "-static", "dist"}, "choose one"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-game", "wow"}, `-game "wow": choose warcraft, ffxiv or eso`},
		{[]string{"-img-src", "https://a.example,img.example.com"}, `image origin "img.example.com" must be an origin`},
		{[]string{"-site", "fflogs", "-client-id", "x", "-game", "ffxiv"}, "-game are for the local provider"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			_, err := parseFlags(tc.args, io.Discard)
			if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), tc.say) {
				t.Fatalf("parseFlags(%q) = %v\nwant a usage error saying %q", tc.args, err, tc.say)
			}
		})
	}
}

func TestFlagsForARealSite(t *testing.T) {
	o, err := parseFlags([]string{"-site", "fflogs", "-client-id", "9d1e", "-storage", "session"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.clientID != "9d1e" || o.fixedSite || o.storage != "session" {
		t.Fatalf("options %+v", o)
	}
	o, err = parseFlags(nil, io.Discard)
	if err != nil || o.clientID != "pkcelogs-local" || !o.fixedSite || o.addr != "127.0.0.1:8000" || o.providerAddr != "127.0.0.1:8001" {
		t.Fatalf("defaults %+v, %v", o, err)
	}
}

func TestMissingBuildIsExplained(t *testing.T) {
	err := run(context.Background(), []string{"-web", t.TempDir(), "-addr", "127.0.0.1:0", "-provider-addr", "127.0.0.1:0"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "run `make build` first") {
		t.Fatalf("run without app.wasm = %v", err)
	}
}

func TestPortInUseIsExplained(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	taken := ln.Addr().String()
	web := fakeWeb(t)
	err = run(context.Background(), []string{"-web", web, "-addr", taken, "-provider-addr", "127.0.0.1:0"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-addr "+taken+" is in use") {
		t.Fatalf("app port taken: %v", err)
	}
	err = run(context.Background(), []string{"-web", web, "-addr", "127.0.0.1:0", "-provider-addr", taken}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-provider-addr "+taken+" is in use") {
		t.Fatalf("provider port taken: %v", err)
	}
}

// TestLocalSignIn starts the devserver as `make run` does (on free ports) and
// signs in through the pkce package with the configuration the app receives:
// the provider must know the app's exact redirect URI and allow its origin.
// startDevserver runs the devserver with args on free loopback ports until the
// test ends, and returns the app's address as it printed it.
func startDevserver(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	web := fakeWeb(t)
	go func() {
		done <- run(ctx, append([]string{"-web", web, "-addr", "127.0.0.1:0", "-provider-addr", "127.0.0.1:0"}, args...), pw)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
		// The server writes app.wasm.br in the background; let it land before
		// the temporary web directory is removed.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(filepath.Join(web, "app.wasm.br")); err == nil {
				return
			}
		}
	})

	appURL := ""
	lines := bufio.NewScanner(pr)
	for appURL == "" && lines.Scan() {
		if rest, ok := strings.CutPrefix(lines.Text(), "pkcelogs "); ok {
			appURL = strings.TrimSpace(rest)
		}
	}
	go io.Copy(io.Discard, pr)
	if appURL == "" {
		t.Fatal("devserver printed no app address")
	}
	return appURL
}

// -game picks the local provider's API flavour, and the app is told which.
func TestGameFlag(t *testing.T) {
	appURL := startDevserver(t, "-game", "eso")
	env := appEnv(t, &http.Client{Timeout: 10 * time.Second}, appURL+"app.js")
	if env[ui.EnvGame] != "eso" {
		t.Fatalf("app env game %q, want eso", env[ui.EnvGame])
	}
}

func TestLocalSignIn(t *testing.T) {
	appURL := startDevserver(t, "-auto-approve", "alice")
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	env := appEnv(t, client, appURL+"app.js")
	if env[ui.EnvSite] != "custom" || env[ui.EnvClientID] != "pkcelogs-local" || env[ui.EnvRedirectURI] != appURL+"callback" {
		t.Fatalf("app env %v", env)
	}
	site, err := sites.Custom{ID: "local", Name: env[ui.EnvSiteName], Game: env[ui.EnvGame], AuthorizeURL: env[ui.EnvAuthorizeURL], TokenURL: env[ui.EnvTokenURL], RevokeURL: env[ui.EnvRevokeURL], APIURL: env[ui.EnvAPIURL], Scopes: strings.Fields(env[ui.EnvScopes])}.Site()
	if err != nil {
		t.Fatal(err)
	}
	flow, err := pkce.NewFlow(pkce.Config{Provider: site.Provider, ClientID: env[ui.EnvClientID], RedirectURI: env[ui.EnvRedirectURI], HTTPClient: client}, pkce.NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	authorize, err := flow.Start("/")
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.Get(authorize)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	callback := res.Header.Get("Location")
	if res.StatusCode != http.StatusFound && res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(callback, appURL+"callback?") {
		t.Fatalf("authorize answered %d, Location %q; want a redirect to %scallback", res.StatusCode, callback, appURL)
	}
	result, err := flow.Finish(context.Background(), callback)
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	if result.Token.AccessToken == "" || result.Token.Subject != "1" {
		t.Fatalf("token for %q, want alice (1)", result.Token.Subject)
	}

	// The browser's preflight for the token request, from the app's origin.
	req, _ := http.NewRequest(http.MethodOptions, site.TokenURL, nil)
	origin := strings.TrimSuffix(appURL, "/")
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != origin {
		t.Fatalf("CORS preflight from %s: Access-Control-Allow-Origin %q", origin, got)
	}
}

func appEnv(t *testing.T, c *http.Client, url string) map[string]string {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	_, rest, ok := strings.Cut(string(body), "const goappEnv = ")
	if !ok {
		t.Fatalf("%s has no goappEnv: %.200s", url, body)
	}
	obj, _, _ := strings.Cut(rest, ";\n")
	var env map[string]string
	if err := json.Unmarshal([]byte(obj), &env); err != nil {
		t.Fatal(err)
	}
	return env
}

func fakeWeb(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{"app.wasm": "\x00asm\x01\x00\x00\x00", "wasm_exec.js": "// wasm_exec\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExportBakesInTheLocalProvider(t *testing.T) {
	dist := filepath.Join(t.TempDir(), "dist")
	var out strings.Builder
	err := run(context.Background(), []string{"-web", fakeWeb(t), "-export", dist, "-base-path", "/pkcelogs/",
		"-addr", "127.0.0.1:9000", "-provider-addr", "127.0.0.1:9001", "-storage", "session"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	appJS, err := os.ReadFile(filepath.Join(dist, "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(appJS), "const goappEnv = ")
	obj, _, _ := strings.Cut(rest, ";\n")
	var env map[string]string
	if err := json.Unmarshal([]byte(obj), &env); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		ui.EnvSite: "custom", ui.EnvAuthorizeURL: "http://127.0.0.1:9001/oauth/authorize", ui.EnvClientID: "pkcelogs-local",
		ui.EnvRedirectURI: "http://127.0.0.1:9000/pkcelogs/callback", ui.EnvStorage: "session", ui.EnvFixedSite: "true",
	} {
		if env[k] != want {
			t.Errorf("%s = %q, want %q", k, env[k], want)
		}
	}
	if !strings.Contains(out.String(), "-provider-only -base-path /pkcelogs/") {
		t.Errorf("the export does not say how to try it:\n%s", out.String())
	}
}
