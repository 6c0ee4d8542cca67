//go:build e2e

package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/pkce"
)

// Flow 1: sign in at the consent page by clicking, as alice; land back signed
// in with her profile, guilds, characters and reports (private ones marked),
// nothing of the sign-in left in the address bar or the history, and the
// provider saw exactly the PKCE it should: only the challenge at authorize,
// the verifier and client id (no secret) at the token endpoint, once.
func TestSignInAtConsentPage(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.startSignIn()
	if got := tb.waitText("consent-client", provider.DefaultClientID); got != provider.DefaultClientID {
		t.Errorf("consent page names client %q", got)
	}
	if !strings.HasPrefix(tb.location(), s.provider.AuthorizeURL()+"?") {
		t.Errorf("sign-in went to %s, want the provider's authorize page in the same tab", tb.location())
	}
	scopes := tb.wait("consent-scopes")
	for _, sc := range provider.AllScopes {
		if !strings.Contains(scopes, sc) {
			t.Errorf("consent page does not list scope %s: %q", sc, scopes)
		}
	}
	tb.approveAs("alice")
	tb.expectAliceDashboard()

	loc, err := url.Parse(tb.location())
	if err != nil {
		t.Fatal(err)
	}
	if loc.Path != "/" || loc.RawQuery != "" || loc.Fragment != "" {
		t.Errorf("after sign-in the address is %s, want %s with no query", loc, s.url("/"))
	}
	for _, h := range tb.history() {
		if strings.Contains(h, "code=") && strings.HasPrefix(h, s.origin) {
			t.Errorf("the history keeps the sign-in code: %s", h)
		}
	}

	authz := s.checkPKCE()
	if got := authz.Query.Get("scope"); got != strings.Join(provider.AllScopes, " ") {
		t.Errorf("authorize scope = %q, want %q", got, strings.Join(provider.AllScopes, " "))
	}
	if got := authz.Query.Get("redirect_uri"); got != s.url("/callback") {
		t.Errorf("authorize redirect_uri = %q, want %q", got, s.url("/callback"))
	}
	// Neither token shows up in the page's console.
	tok := tb.storedToken()
	for _, secret := range []string{tok.AccessToken, tok.RefreshToken} {
		if tb.console.contains(secret) {
			t.Errorf("a token appears in the browser console")
		}
	}
	// The API calls carry the token as a bearer header, never in the URL.
	api := s.requests(provider.EndpointAPI)
	if len(api) == 0 {
		t.Fatal("the app made no API request")
	}
	for _, r := range api {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			t.Errorf("API request without a bearer token: %v", r.Header)
		}
		if r.Query.Get("access_token") != "" {
			t.Errorf("access token in the API URL: %s", r.Path)
		}
	}
}

// startSignIn waits for the sign-in button to be wired and clicks it.
func (tb *tab) startSignIn() {
	tb.t.Helper()
	tb.clickSignIn()
	tb.wait("consent-page")
}

// clickSignIn waits for the sign-in button to be wired and clicks it (with
// auto-approve the next stop is the app's callback page).
func (tb *tab) clickSignIn() {
	tb.t.Helper()
	tb.pollJS("the sign-in button to be ready",
		`document.querySelector('[data-testid="signin-button"][data-ready="true"]:not([disabled])') ? "ready" : ""`)
	tb.click("signin-button")
}

// approveAs picks the fixture user on the provider's consent page and approves.
func (tb *tab) approveAs(login string) {
	tb.t.Helper()
	tb.click("consent-user-" + login)
	tb.click("consent-approve")
}

// signInAs runs the whole sign-in by clicking, from the app's home page.
func (tb *tab) signInAs(s *stack, login string) {
	tb.t.Helper()
	tb.open(s.url("/"))
	tb.startSignIn()
	tb.approveAs(login)
	tb.waitText("profile-name", fixtureName(login))
}

func fixtureName(login string) string {
	for _, u := range provider.FixtureUsers() {
		if u.Login == login {
			return u.Name
		}
	}
	panic("no fixture user " + login)
}

// expectAliceDashboard asserts what alice's first screen shows: her profile,
// her guilds with ranks, her characters and her reports with the private
// and unlisted ones marked.
func (tb *tab) expectAliceDashboard() {
	tb.t.Helper()
	if got := tb.waitText("profile-name", "Alice"); got != "Alice" {
		tb.t.Errorf("profile name = %q, want Alice", got)
	}
	if got := tb.wait("profile-id"); got != "1" {
		tb.t.Errorf("profile id = %q, want 1", got)
	}
	if got := tb.wait("profile-battletag"); got != "Alice#1234" {
		tb.t.Errorf("battle tag = %q, want Alice#1234", got)
	}
	guilds := tb.wait("guilds")
	for _, want := range []string{"Stormchasers", "Night Watch"} {
		if !strings.Contains(guilds, want) {
			tb.t.Errorf("guilds lack %q: %q", want, guilds)
		}
	}
	if strings.Contains(guilds, "Ember Court") {
		tb.t.Errorf("guilds show bob's guild Ember Court: %q", guilds)
	}
	chars := tb.wait("characters")
	for _, want := range []string{"Aelindra", "Brakkus", "Tinkerbolt"} {
		if !strings.Contains(chars, want) {
			tb.t.Errorf("characters lack %q: %q", want, chars)
		}
	}
	if strings.Contains(chars, "Bobbington") {
		tb.t.Errorf("characters show bob's: %q", chars)
	}
	if got := tb.wait("ratelimit-limit"); got != "3600" {
		tb.t.Errorf("rate-limit meter shows a limit of %q, want the provider's 3600", got)
	}
	if spent := tb.wait("ratelimit-spent"); spent == "" || spent == "0" {
		tb.t.Errorf("rate-limit meter shows %q points spent after the first query", spent)
	}
	tb.wait("report")
	rows := tb.reportRows()
	if len(rows) == 0 {
		tb.t.Fatal("no report rows")
	}
	seen := map[string]int{}
	for _, r := range rows {
		seen[r.visibility]++
		want := map[string]string{"private": "Private", "unlisted": "Unlisted", "public": "Public"}[r.visibility]
		if want == "" || r.badge != want {
			tb.t.Errorf("report %s (%s) is marked %q, want %q", r.code, r.visibility, r.badge, want)
		}
	}
	if seen["private"] == 0 || seen["public"] == 0 {
		tb.t.Errorf("alice's first page of reports should mix private and public ones, got %v", seen)
	}
}

type reportRow struct{ code, visibility, badge, title string }

// reportRows reads the report table.
func (tb *tab) reportRows() []reportRow {
	tb.t.Helper()
	raw := evalJS[[][]string](tb, `[...document.querySelectorAll('[data-testid="report"]')].map(r => [
		r.dataset.code || "", r.dataset.visibility || "",
		(r.querySelector('[data-testid="report-visibility"]') || {}).innerText || "",
		(r.querySelector('[data-testid="report-title"]') || {}).innerText || ""])`)
	var out []reportRow
	for _, r := range raw {
		out = append(out, reportRow{r[0], r[1], strings.TrimSpace(r[2]), strings.TrimSpace(r[3])})
	}
	return out
}

// checkPKCE asserts the sign-in's protocol facts at the provider and returns
// the authorize request: the authorize request carried an S256 challenge and
// no verifier; exactly one code exchange, carrying the verifier matching that
// challenge, the client id and the redirect URI, and no secret or
// Authorization header.
func (s *stack) checkPKCE() provider.Recorded {
	t := s.t
	t.Helper()
	var authz []provider.Recorded
	for _, r := range s.requests(provider.EndpointAuthorize) {
		if r.Method == "GET" {
			authz = append(authz, r)
		}
		for _, v := range []url.Values{r.Query, r.Form} {
			if v.Has("code_verifier") {
				t.Errorf("the verifier reached the authorize endpoint: %s", describeRequests([]provider.Recorded{r}))
			}
		}
	}
	if len(authz) == 0 {
		t.Fatal("the provider received no authorize request")
	}
	a := authz[len(authz)-1]
	q := a.Query
	if q.Get("response_type") != "code" || q.Get("client_id") != provider.DefaultClientID ||
		q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) != 43 || len(q.Get("state")) < 22 {
		t.Errorf("authorize request lacks a proper PKCE S256 request: %s", q.Encode())
	}
	ex := s.tokenRequests("authorization_code")
	if len(ex) != 1 {
		t.Fatalf("%d code exchanges reached the provider, want exactly 1:\n%s", len(ex), describeRequests(ex))
	}
	f := ex[0].Form
	if err := pkce.CheckVerifier(f.Get("code_verifier")); err != nil {
		t.Errorf("token request's code_verifier: %v", err)
	}
	if got := pkce.S256Challenge(f.Get("code_verifier")); got != q.Get("code_challenge") {
		t.Errorf("S256(code_verifier) = %s, but the authorize request's challenge was %s", got, q.Get("code_challenge"))
	}
	if f.Get("client_id") != provider.DefaultClientID || f.Get("redirect_uri") != q.Get("redirect_uri") || f.Get("code") == "" {
		t.Errorf("token request form lacks client_id, code or the same redirect_uri: %s", f.Encode())
	}
	if f.Has("client_secret") || ex[0].Header.Get("Authorization") != "" {
		t.Errorf("token request carried a secret (form %s, Authorization %q)", f.Encode(), ex[0].Header.Get("Authorization"))
	}
	if ex[0].Query.Has("code_verifier") || ex[0].Query.Has("code") {
		t.Errorf("token request put the code or verifier in its URL: %s", ex[0].Query.Encode())
	}
	if ct := ex[0].Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		t.Errorf("token request Content-Type = %q, want a form", ct)
	}
	// The address bar was cleaned before the app talked to the site, so no
	// Referer carries the code or state.
	for _, e := range []provider.Endpoint{provider.EndpointToken, provider.EndpointAPI, provider.EndpointRevoke} {
		for _, r := range s.requests(e) {
			if ref := r.Header.Get("Referer"); strings.Contains(ref, "code=") || strings.Contains(ref, "state=") {
				t.Errorf("a %s request's Referer carries the callback's parameters: %s", e, ref)
			}
		}
	}
	if ex[0].Status != 200 {
		t.Errorf("code exchange answered %d", ex[0].Status)
	}
	return a
}

// A redirect URI the client did not register is refused on the provider's
// own page, as Warcraft Logs refuses it: HTTP 401 invalid_client "Client
// authentication failed", the person not sent back (nor a code to the
// unregistered address). Returning to the app by hand, the home page notices
// the sign-in that never came back and offers the exact redirect URI to
// register and the client check, which says the client id is right.
func TestUnregisteredRedirectURIIsRefusedAtTheSite(t *testing.T) {
	// A trailing slash: not what was registered.
	s := newStack(t, stackOptions{redirectURI: "/callback/"})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.wait("provider-error")
	if title, msg := tb.wait("provider-error-title"), tb.wait("provider-error-message"); title != "invalid_client" || msg != "Client authentication failed" {
		t.Errorf("the provider's page says %q / %q, want what Warcraft Logs says", title, msg)
	}
	if hint := tb.wait("provider-dev-hint"); !strings.Contains(hint, "Local provider only") {
		t.Errorf("the developer's hint is not marked as the local provider's: %q", hint)
	}
	if got := tb.wait("provider-error-registered"); got != s.url("/callback") {
		t.Errorf("the provider's page names %q as registered, want %q", got, s.url("/callback"))
	}
	if !strings.HasPrefix(tb.location(), s.provider.URL) {
		t.Errorf("the provider sent the browser to %s", tb.location())
	}
	authz := s.requests(provider.EndpointAuthorize)
	if len(authz) != 1 || authz[0].Status != http.StatusUnauthorized {
		t.Errorf("authorize requests %d, last status %v; want one answered 401", len(authz), authz)
	}
	if n := len(s.requests(provider.EndpointToken)); n != 0 {
		t.Errorf("%d token requests", n)
	}

	// Back to the app by hand: the notice appears once the sign-in is
	// session.StalledAfter (20 s) old, within the wait's 45 s.
	tb.open(s.url("/"))
	text := tb.wait("stalled-signin-text")
	if !strings.Contains(text, "Client authentication failed") || !strings.Contains(text, provider.DefaultClientID) {
		t.Errorf("the notice says %q", text)
	}
	if got := tb.wait("stalled-signin-redirect-uri"); got != s.url("/callback/") {
		t.Errorf("the notice offers redirect URI %q, want the one the sign-in sent, %q", got, s.url("/callback/"))
	}
	tb.click("stalled-signin-check-run")
	msg := tb.waitCheck("stalled-signin-check", "accepted")
	if !strings.Contains(msg, "not exactly "+s.url("/callback/")) {
		t.Errorf("the check's answer: %s", msg)
	}
	s.checkRequests(1, provider.DefaultClientID, s.url("/callback/"))
	tb.click("stalled-signin-dismiss")
	tb.waitGone("stalled-signin")
	tb.reload()
	tb.wait("signin-button")
	if tb.visible("stalled-signin") {
		t.Error("the dismissed notice came back after a reload")
	}

	tb.open(s.url("/settings"))
	if got := tb.waitText("settings-redirect-uri", s.url("/callback/")); got != s.url("/callback/") {
		t.Errorf("settings show redirect URI %q, want the one this page uses, %q", got, s.url("/callback/"))
	}
}
