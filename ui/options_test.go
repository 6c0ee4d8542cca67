//go:build !js

package ui

import (
	"errors"
	"testing"

	"github.com/pkcelogs/pkcelogs/pkce"
)

func TestOptionsFromEnv(t *testing.T) {
	t.Run("custom provider, nothing optional set", func(t *testing.T) {
		t.Setenv(EnvSite, "custom")
		t.Setenv(EnvAuthorizeURL, "http://127.0.0.1:8001/oauth/authorize")
		t.Setenv(EnvTokenURL, "http://127.0.0.1:8001/oauth/token")
		t.Setenv(EnvAPIURL, "http://127.0.0.1:8001/api/v2/user")
		t.Setenv(EnvClientID, " pkcelogs-local ")
		t.Setenv("GOAPP_ROOT_PREFIX", "/pkcelogs")
		o, err := OptionsFromEnv()
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
		o, err := OptionsFromEnv()
		if err != nil || o.Site.ID != "warcraftlogs" {
			t.Errorf("%v %v", o.Site.ID, err)
		}
	})
	for key, value := range map[string]string{EnvStorage: "disk", EnvSite: "nosuchsite", EnvRedirectURI: "/callback"} {
		t.Run("bad "+key, func(t *testing.T) {
			t.Setenv(key, value)
			_, err := OptionsFromEnv()
			if err == nil || !(errors.Is(err, pkce.ErrInvalidConfig) || errors.Is(err, pkce.ErrUnknownSite)) {
				t.Fatalf("%s=%q: %v", key, value, err)
			}
			if ex := Explain(err); ex.Code != "config" {
				t.Errorf("explained as %q", ex.Code)
			}
		})
	}
}
