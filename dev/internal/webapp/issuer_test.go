//go:build !js

package webapp

import (
	"errors"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/ui"
)

// A custom provider's issuer reaches the page under ui.EnvIssuer, for the
// RFC 9207 check of the authorization response; a malformed one is refused.
func TestIssuerTravelsWithACustomSiteAndIsChecked(t *testing.T) {
	site := localSite(t)
	site.Issuer, site.SendsIssuer = "http://127.0.0.1:9096", true
	cfg := Config{Site: site, ClientID: "c"}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := cfg.Env()[ui.EnvIssuer]; got != "http://127.0.0.1:9096" {
		t.Errorf("Env()[%s] = %q", ui.EnvIssuer, got)
	}
	if got := cfg.Env()[ui.EnvSendsIssuer]; got != "true" {
		t.Errorf("Env()[%s] = %q", ui.EnvSendsIssuer, got)
	}
	for _, bad := range []string{"auth.example.com", "http://auth.example.com", "https://auth.example.com/?t=1", "https://auth.example.com/#x"} {
		cfg.Site.Issuer = bad
		err := cfg.Validate()
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "issuer") {
			t.Errorf("issuer %q: Validate() = %v, want an issuer mistake", bad, err)
		}
	}
}
