//go:build !js

package webapp

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/ui"
)

func TestEnvPresetCarriesOnlyTheID(t *testing.T) {
	cfg := Config{Site: preset(t, "fflogs"), FixedSite: true, ClientID: "abc-123", Storage: StorageSession}
	got := cfg.Env()
	want := map[string]string{
		ui.EnvSite:      "fflogs",
		ui.EnvFixedSite: "true",
		ui.EnvClientID:  "abc-123",
		ui.EnvStorage:   "session",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Env() = %v, want %v", got, want)
	}
}

func TestEnvCustomSiteCarriesItsEndpointsAndScopes(t *testing.T) {
	site := localSite(t)
	cfg := Config{Site: site, ClientID: "pkcelogs-local", RedirectURI: "http://127.0.0.1:8000/pkcelogs/callback"}
	got := cfg.Env()
	want := map[string]string{
		ui.EnvSite:         "custom",
		ui.EnvSiteName:     "Local provider",
		ui.EnvGame:         "warcraft",
		ui.EnvAuthorizeURL: site.AuthorizeURL,
		ui.EnvTokenURL:     site.TokenURL,
		ui.EnvRevokeURL:    site.RevokeURL,
		ui.EnvAPIURL:       site.APIURL,
		ui.EnvScopes:       "view-user-profile view-private-reports",
		ui.EnvClientID:     "pkcelogs-local",
		ui.EnvRedirectURI:  "http://127.0.0.1:8000/pkcelogs/callback",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Env() = %v\nwant    %v", got, want)
	}
}

func TestEnvModifiedPresetTravelsAsCustom(t *testing.T) {
	site := preset(t, "warcraftlogs")
	site.APIURL = "https://classic.warcraftlogs.com/api/v2/user/x"
	if got := (Config{Site: site}).Env()[ui.EnvSite]; got != "custom" {
		t.Fatalf("a preset with another API URL must travel as custom, got %q", got)
	}
}

func TestValidateNamesTheMistake(t *testing.T) {
	good := Config{Site: preset(t, "warcraftlogs"), ClientID: "x"}
	cases := []struct {
		name   string
		change func(*Config)
		say    string
	}{
		{"storage", func(c *Config) { c.Storage = "cookie" }, `storage "cookie"`},
		{"base path with dots", func(c *Config) { c.BasePath = "/a/../b/" }, "base path"},
		{"base path with query", func(c *Config) { c.BasePath = "/a?x=1" }, "base path"},
		{"relative redirect", func(c *Config) { c.RedirectURI = "/callback" }, "redirect URI"},
		{"redirect with fragment", func(c *Config) { c.RedirectURI = "https://x.example/cb#f" }, "redirect URI"},
		{"redirect over http on a public host", func(c *Config) { c.RedirectURI = "http://example.com/callback" },
			`redirect URI "http://example.com/callback": must use https (plain http only on a loopback host`},
		{"redirect over http on a LAN address", func(c *Config) { c.RedirectURI = "http://192.168.1.20:8000/callback" }, "plain http only on a loopback host"},
		{"redirect over http on a name that starts like localhost", func(c *Config) { c.RedirectURI = "http://localhost.example.com/callback" }, "plain http only on a loopback host"},
		{"redirect over http on a name that ends in localhost", func(c *Config) { c.RedirectURI = "http://app.localhost/callback" }, "plain http only on a loopback host"},
		{"redirect over http with localhost as user name", func(c *Config) { c.RedirectURI = "http://localhost@example.com/callback" }, "user name or password"},
		{"redirect with a user name", func(c *Config) { c.RedirectURI = "https://user@pkcelogs.example/callback" }, "user name or password"},
		{"redirect with a password", func(c *Config) { c.RedirectURI = "https://u:p@pkcelogs.example/callback" }, "user name or password"},
		{"redirect over http on the any address", func(c *Config) { c.RedirectURI = "http://0.0.0.0:8000/callback" }, "plain http only on a loopback host"},
		{"redirect over http on the IPv6 any address", func(c *Config) { c.RedirectURI = "http://[::]:8000/callback" }, "plain http only on a loopback host"},
		{"client id with space", func(c *Config) { c.ClientID = "a b" }, "client id"},
		{"site", func(c *Config) { c.Site.AuthorizeURL = "http://evil.example/authorize" }, "authorize URL"},
	}
	if err := good.Validate(); err != nil {
		t.Fatalf("good config: %v", err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			tc.change(&c)
			err := c.Validate()
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.say) {
				t.Fatalf("Validate() = %v, want ErrConfig mentioning %q", err, tc.say)
			}
		})
	}
}

func TestValidateAcceptsHTTPSAnywhereAndHTTPOnLoopback(t *testing.T) {
	for _, uri := range []string{
		"https://example.com/callback",
		"https://192.168.1.20:8443/pkcelogs/callback",
		"http://127.0.0.1:8000/callback",
		"http://127.0.0.1/callback",
		"http://[::1]:8000/callback",
		"http://localhost:8000/callback",
		"http://LocalHost:8000/callback",
	} {
		c := Config{Site: preset(t, "warcraftlogs"), ClientID: "x", RedirectURI: uri}
		if err := c.Validate(); err != nil {
			t.Errorf("redirect URI %q: %v", uri, err)
		}
	}
}

func TestNormalizeBasePath(t *testing.T) {
	for in, want := range map[string]string{"": "", "/": "", "pkcelogs": "/pkcelogs", "/pkcelogs/": "/pkcelogs", "/a/b": "/a/b"} {
		got, err := normalizeBasePath(in)
		if err != nil || got != want {
			t.Errorf("normalizeBasePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
