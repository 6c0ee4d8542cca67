package session

import (
	"errors"
	"reflect"
	"testing"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// env is a Handler.Env as app.Getenv reads it.
type env map[string]string

func (e env) get(k string) string { return e[k] }

func TestOptionsFromEnv(t *testing.T) {
	t.Run("custom provider, nothing optional set", func(t *testing.T) {
		o, err := OptionsFromEnv(env{
			EnvSite:         "custom",
			EnvAuthorizeURL: "http://127.0.0.1:8001/oauth/authorize",
			EnvTokenURL:     "http://127.0.0.1:8001/oauth/token",
			EnvAPIURL:       "http://127.0.0.1:8001/api/v2/user",
			EnvClientID:     " pkcelogs-local ",
			EnvBasePath:     "/pkcelogs",
		}.get)
		if err != nil {
			t.Fatal(err)
		}
		// nil scopes: the flow asks for the site's; an empty list would ask for none.
		if o.Scopes != nil || len(o.Site.Scopes) != 2 {
			t.Errorf("scopes %q, site scopes %q", o.Scopes, o.Site.Scopes)
		}
		if o.ClientID != "pkcelogs-local" || o.Storage != StorageLocal || o.BasePath != "/pkcelogs" {
			t.Errorf("%+v", o)
		}
		if got := o.Path(PathCallback); got != "/pkcelogs/callback" {
			t.Errorf("callback path %q", got)
		}
		if got := o.Path(PathHome); got != "/pkcelogs/" {
			t.Errorf("home path %q", got)
		}
	})
	t.Run("default site", func(t *testing.T) {
		o, err := OptionsFromEnv(env{}.get)
		if err != nil || o.Site.ID != "warcraftlogs" {
			t.Errorf("%v %v", o.Site.ID, err)
		}
	})
	for key, value := range map[string]string{EnvStorage: "disk", EnvSite: "nosuchsite", EnvRedirectURI: "/callback"} {
		t.Run("bad "+key, func(t *testing.T) {
			_, err := OptionsFromEnv(env{key: value}.get)
			if err == nil || !(errors.Is(err, pkce.ErrInvalidConfig) || errors.Is(err, sites.ErrUnknownSite)) {
				t.Fatalf("%s=%q: %v", key, value, err)
			}
		})
	}
}

// The Env contract both ways: what Env writes, OptionsFromEnv reads back.
func TestEnvRoundTrip(t *testing.T) {
	wcl, _ := sites.Lookup("fflogs")
	custom, err := sites.Custom{ID: CustomSiteID, Name: "My OAuth", Game: sites.GameESO,
		AuthorizeURL: "https://id.example/authorize", TokenURL: "https://id.example/token", RevokeURL: "https://id.example/revoke",
		APIURL: "https://api.example/api/v2/user", ReportURL: "https://logs.example/r/%s", Issuer: "https://id.example", SendsIssuer: true, Scopes: []string{"openid", "reports"}}.Site()
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]Options{
		"preset":          {Site: wcl, ClientID: "abc", Storage: StorageSession},
		"preset, fixed":   {Site: wcl, FixedSite: true, ClientID: "abc", Storage: StorageLocal, RedirectURI: "https://me.example/cb", Scopes: []string{"view-user-profile"}},
		"custom provider": {Site: custom, FixedSite: true, ClientID: "c1", Storage: StorageMemory},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := OptionsFromEnv(env(in.Env()).get)
			if err != nil {
				t.Fatal(err)
			}
			if in.Scopes == nil && out.Site.ID == CustomSiteID {
				in.Scopes = in.Site.Scopes // a custom provider's scopes travel in the scope list
			}
			if !reflect.DeepEqual(in, out) {
				t.Errorf("round trip:\n in  %+v\n out %+v\n env %v", in, out, in.Env())
			}
		})
	}
}
