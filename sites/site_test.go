package sites

import (
	"errors"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/pkce"
)

func TestPresets(t *testing.T) {
	want := map[string]struct{ name, game, oauthHost, apiHost string }{
		"warcraftlogs":         {"Warcraft Logs", GameWarcraft, "www.warcraftlogs.com", "www.warcraftlogs.com"},
		"warcraftlogs-classic": {"Warcraft Logs Classic", GameWarcraft, "www.warcraftlogs.com", "classic.warcraftlogs.com"},
		"warcraftlogs-sod":     {"Warcraft Logs Season of Discovery", GameWarcraft, "www.warcraftlogs.com", "sod.warcraftlogs.com"},
		"warcraftlogs-fresh":   {"Warcraft Logs Fresh", GameWarcraft, "www.warcraftlogs.com", "fresh.warcraftlogs.com"},
		"warcraftlogs-vanilla": {"Warcraft Logs Vanilla", GameWarcraft, "www.warcraftlogs.com", "vanilla.warcraftlogs.com"},
		"warcraftlogs-cn":      {"Warcraft Logs China", GameWarcraft, "cn.warcraftlogs.com", "cn.warcraftlogs.com"},
		"fflogs":               {"FF Logs", GameFFXIV, "www.fflogs.com", "www.fflogs.com"},
		"esologs":              {"ESO Logs", GameESO, "www.esologs.com", "www.esologs.com"},
	}
	all := Presets()
	if len(all) != len(want) || all[0].ID != "warcraftlogs" {
		t.Fatalf("Presets() = %d sites, first %q", len(all), all[0].ID)
	}
	for _, s := range all {
		w, ok := want[s.ID]
		if !ok {
			t.Errorf("unexpected preset %q", s.ID)
			continue
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", s.ID, err)
		}
		if s.Name != w.name || s.Game != w.game ||
			s.AuthorizeURL != "https://"+w.oauthHost+"/oauth/authorize" || s.TokenURL != "https://"+w.oauthHost+"/oauth/token" ||
			s.APIURL != "https://"+w.apiHost+"/api/v2/user" || s.ClientsURL != "https://"+w.oauthHost+"/api/clients/" || s.RevokeURL != "" || s.ReportURL != "https://"+w.apiHost+"/reports/%s" {
			t.Errorf("%s = %+v", s.ID, s)
		}
		if strings.Join(s.Scopes, " ") != "view-user-profile view-private-reports" {
			t.Errorf("%s scopes %v", s.ID, s.Scopes)
		}
		got, err := Lookup(s.ID)
		if err != nil || got.APIURL != s.APIURL {
			t.Errorf("Lookup(%q) = %+v, %v", s.ID, got, err)
		}
	}
	// Presets are values: changing one does not change the next call's.
	all[0].Scopes[0] = "changed"
	if Presets()[0].Scopes[0] != "view-user-profile" {
		t.Error("Presets() shares its slices")
	}
	if _, err := Lookup("warcraft"); !errors.Is(err, ErrUnknownSite) {
		t.Errorf("Lookup(unknown) = %v", err)
	}
}

func TestCustom(t *testing.T) {
	s, err := Custom{ID: "local", Name: "Local provider", AuthorizeURL: "http://127.0.0.1:8001/oauth/authorize", TokenURL: "http://127.0.0.1:8001/oauth/token",
		RevokeURL: "http://127.0.0.1:8001/oauth/revoke", APIURL: "http://127.0.0.1:8001/api/v2/user", Issuer: "http://127.0.0.1:8001", Scopes: []string{"view-user-profile"}}.Site()
	if err != nil {
		t.Fatal(err)
	}
	if s.Game != GameWarcraft || s.RevokeURL == "" || s.ClientsURL != "" || s.Issuer != "http://127.0.0.1:8001" {
		t.Errorf("%+v", s)
	}
	ok := func(id, game, authz, token, revoke, api string, scopes ...string) error {
		_, err := Custom{ID: id, Game: game, AuthorizeURL: authz, TokenURL: token, RevokeURL: revoke, APIURL: api, Scopes: scopes}.Site()
		return err
	}
	const a, tk, api = "https://id.example/authorize", "https://id.example/token", "https://api.example/graphql"
	for name, err := range map[string]error{
		"preset id":            ok("fflogs", "", a, tk, "", api),
		"id with space":        ok("my site", "", a, tk, "", api),
		"upper-case id":        ok("MySite", "", a, tk, "", api),
		"id starting with '.'": ok(".x", "", a, tk, "", api),
		"id starting with '-'": ok("-x", "", a, tk, "", api),
		"65-character id":      ok(strings.Repeat("x", 65), "", a, tk, "", api),
		"non-ASCII id":         ok("sité", "", a, tk, "", api),
		"id with '/'":          ok("a/b", "", a, tk, "", api),
		"unknown game":         ok("x", "chess", a, tk, "", api),
		"http on the net":      ok("x", "", "http://id.example/authorize", tk, "", api),
		"relative token":       ok("x", "", a, "/token", "", api),
		"no API":               ok("x", "", a, tk, "", ""),
		"fragment":             ok("x", "", a+"#f", tk, "", api),
		"credentials":          ok("x", "", "https://u:p@id.example/a", tk, "", api),
		"ftp revoke":           ok("x", "", a, tk, "ftp://id.example/revoke", api),
		"bad scope":            ok("x", "", a, tk, "", api, "a\"b"),
		"javascript: scheme":   ok("x", "", "javascript:alert(1)", tk, "", api),
		"localhost look-alike": ok("x", "", "http://localhost.evil.example/a", tk, "", api),
	} {
		if !errors.Is(err, pkce.ErrInvalidConfig) {
			t.Errorf("%s: err = %v, want pkce.ErrInvalidConfig", name, err)
		}
	}
	for _, id := range []string{"x", "0", "my-site.eu_2", strings.Repeat("x", 64)} {
		if err := ok(id, "", a, tk, "", api); err != nil {
			t.Errorf("site id %q: %v", id, err)
		}
	}
	for _, loop := range []string{"http://localhost:9/a", "http://127.0.0.1/a", "http://[::1]:8/a", "https://id.example/a?x=1"} {
		if err := ok("x", GameESO, loop, tk, "", api); err != nil {
			t.Errorf("%s: %v", loop, err)
		}
	}
}

func TestCustomDefaults(t *testing.T) {
	s, err := Custom{AuthorizeURL: "https://id.example/a", TokenURL: "https://id.example/t", APIURL: "https://id.example/api"}.Site()
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "custom" || s.Name != "custom" || s.Game != GameWarcraft || strings.Join(s.Scopes, " ") != "view-user-profile view-private-reports" {
		t.Errorf("%+v", s)
	}
}
