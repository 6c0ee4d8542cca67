//go:build !js

package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/ui"
)

// customArgs are a complete, valid -site custom command line.
var customArgs = []string{"-site", "custom", "-client-id", "pkcelogs",
	"-authorize-url", "https://auth.example.com/authorize", "-token-url", "https://auth.example.com/oauth/token",
	"-revoke-url", "https://auth.example.com/revoke", "-api-url", "https://api.example.com/api/v2/user",
	"-issuer", "https://auth.example.com", "-site-name", "Example Logs", "-report-url", "https://logs.example.com/reports/%s", "-scopes", "openid offline_access view-user-profile"}

// with is customArgs with one flag's value replaced (or, for "", removed).
func with(flagName, value string) []string {
	var out []string
	for i := 0; i < len(customArgs); i += 2 {
		if customArgs[i] == flagName {
			if value != "" {
				out = append(out, flagName, value)
			}
			continue
		}
		out = append(out, customArgs[i], customArgs[i+1])
	}
	return out
}

func TestCustomProviderMistakesAreExplained(t *testing.T) {
	cases := []struct {
		args []string
		say  string
	}{
		{with("-authorize-url", ""), "-site custom needs -authorize-url"},
		{with("-token-url", ""), "-site custom needs -token-url"},
		{with("-api-url", ""), "-site custom needs -api-url"},
		{with("-client-id", ""), "-site custom needs -client-id: register a public client (no secret, PKCE) on the server with the redirect URI http://127.0.0.1:8000/callback"},
		{with("-token-url", "http://auth.example.com/oauth/token"), `-token-url "http://auth.example.com/oauth/token" must use https (plain http only`},
		{with("-api-url", "api.example.com/graphql"), `-api-url "api.example.com/graphql" must be an absolute URL`},
		{with("-revoke-url", "https://user:pw@auth.example.com/revoke"), "-revoke-url \"https://user:pw@auth.example.com/revoke\" must not contain a user name or password"},
		{with("-authorize-url", "https://auth.example.com/authorize#x"), "must not contain a fragment"},
		{with("-authorize-url", "ftp://auth.example.com/authorize"), "must use https"},
		{with("-report-url", "https://logs.example.com/reports/"), "-report-url \"https://logs.example.com/reports/\": put %s once"},
		{with("-report-url", "http://logs.example.com/reports/%s"), `-report-url "http://logs.example.com/reports/CODE" must use https`},
		{with("-issuer", "http://auth.example.com"), `-issuer "http://auth.example.com" must use https`},
		{with("-issuer", "https://auth.example.com/?tenant=1"), "an issuer identifier has no query"},
		{with("-scopes", `openid "profile"`), `-scopes: "\"profile\"" is not a scope`},
		{append(with("-site", "custom"), "-game", "wow"), `-game "wow": choose warcraft, ffxiv or eso`},
		{append(with("-site", "custom"), "-auto-approve", "alice"), "-auto-approve are for the local provider"},
		{[]string{"-site", "fflogs", "-client-id", "x", "-token-url", "https://auth.example.com/token"}, "describe a custom provider: add -site custom"},
		{[]string{"-authorize-url", "https://auth.example.com/authorize"}, "add -site custom (or leave them out for -site local)"},
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

func TestCustomProviderAllowsLoopbackHTTPAndOptionalFlags(t *testing.T) {
	args := []string{"-site", "custom", "-client-id", "c",
		"-authorize-url", "http://127.0.0.1:9096/authorize", "-token-url", "http://localhost:9096/oauth/token",
		"-api-url", "http://[::1]:9097/api/v2/user"}
	o, err := parseFlags(args, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !o.fixedSite {
		t.Error("-site custom does not fix the site")
	}
	site, err := o.remoteSite()
	if err != nil {
		t.Fatal(err)
	}
	if site.Name != "127.0.0.1" || site.RevokeURL != "" || strings.Join(site.Scopes, " ") != "view-user-profile view-private-reports" {
		t.Errorf("site %+v: want the authorize host as name, no revocation, the Logs scopes", site)
	}
	// -static serves a site exported with its configuration: the server's
	// flags are not needed again.
	if _, err := parseFlags([]string{"-site", "custom", "-static", "dist"}, io.Discard); err != nil {
		t.Errorf("-site custom -static: %v", err)
	}
}

// The page receives the custom provider through the Env keys the ui reads,
// both when served and when exported.
func TestCustomProviderReachesThePage(t *testing.T) {
	want := map[string]string{
		ui.EnvSite: "custom", ui.EnvFixedSite: "true", ui.EnvClientID: "pkcelogs",
		ui.EnvAuthorizeURL: "https://auth.example.com/authorize", ui.EnvTokenURL: "https://auth.example.com/oauth/token",
		ui.EnvRevokeURL: "https://auth.example.com/revoke", ui.EnvAPIURL: "https://api.example.com/api/v2/user",
		ui.EnvIssuer: "https://auth.example.com", ui.EnvSiteName: "Example Logs", ui.EnvReportURL: "https://logs.example.com/reports/%s",
		ui.EnvScopes: "openid offline_access view-user-profile", ui.EnvGame: "warcraft",
	}
	check := func(t *testing.T, env map[string]string) {
		t.Helper()
		for k, v := range want {
			if env[k] != v {
				t.Errorf("%s = %q, want %q", k, env[k], v)
			}
		}
	}
	t.Run("served", func(t *testing.T) {
		appURL := startDevserver(t, customArgs...)
		check(t, appEnv(t, &http.Client{Timeout: 10 * time.Second}, appURL+"app.js"))
	})
	t.Run("exported", func(t *testing.T) {
		dist := filepath.Join(t.TempDir(), "dist")
		var out strings.Builder
		if err := run(context.Background(), append([]string{"-web", fakeWeb(t), "-export", dist}, customArgs...), &out); err != nil {
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
		check(t, env)
		if !strings.Contains(out.String(), "register this redirect URI for client pkcelogs at Example Logs") {
			t.Errorf("the export does not say what to register:\n%s", out.String())
		}
	})
}
