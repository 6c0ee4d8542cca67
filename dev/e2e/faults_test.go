//go:build e2e

package e2e

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// Flow 8: the API fails mid-session in each way the real sites (or a CDN in
// front of them) do. Each failure shows its own explained message, the page
// is never blank, the stored token survives, and once the fault clears the
// page works again.
func TestAPIFaults(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	main := newBrowser(t, "main")
	main.open(s.url("/"))
	main.clickSignIn()
	main.waitText("profile-name", "Alice")

	cases := []struct {
		name  string
		fault provider.Fault
		code  string // data-error (ui/explain.go)
		words string // what the title or message must mention
	}{
		{"401 persisting after refresh", provider.Fault{Status: 401}, "unauthenticated", "401"},
		{"403 client blocked", provider.Fault{Status: 403}, "client-blocked", "403"},
		{"502 from the site", provider.Fault{Status: 502}, "server-error", "502"},
		{"503 CDN page", provider.Fault{Status: 503, HTML: true}, "server-error", "503"},
		{"HTML page with 200", provider.Fault{HTML: true}, "not-json", ""},
		{"dropped connection", provider.Fault{Drop: true}, "network", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := main.in(t)
			s.provider.SetFault(provider.EndpointAPI, c.fault)
			tb.reload()
			title, msg := tb.expectError(c.code)
			if msg == "" || !strings.Contains(title+" "+msg, c.words) {
				t.Errorf("%s: title %q, message %q; want a message mentioning %q", c.code, title, msg, c.words)
			}
			if label, _ := tb.errorAction(c.code); label == "" {
				t.Errorf("%s offers no way forward", c.code)
			}
			tb.wait("nav") // the page around the message is still there
			s.provider.ClearFaults()
			tok := tb.storedToken() // still stored
			if status := apiStatus(t, s, tok.AccessToken); status != http.StatusOK {
				t.Errorf("the stored access token no longer works after the fault (%d)", status)
			}
			tb.reload()
			tb.waitSignedIn() // this page's own data, not the kept overview
		})
	}

	t.Run("401 once: refresh and retry", func(t *testing.T) {
		tb := main.in(t)
		// The report explorer pages through the reports after the overview
		// has shown: wait until it is done, or one of its requests, torn down
		// by the reload below, takes the one 401 meant for the new page.
		tb.pollJS("the explorer to finish its fetch",
			`document.querySelector('[data-testid="explorer-status"][data-requests]') ? "done" : ""`)
		before := len(s.tokenRequests("refresh_token"))
		s.provider.SetFault(provider.EndpointAPI, provider.Fault{Status: 401, Times: 1})
		tb.reload()
		// This page's own data: the last visit's kept overview shows Alice at
		// once, before the 401, the refresh and the retry; leaving then would
		// reload the page under a refresh in flight.
		tb.waitSignedIn()
		if codes := tb.errorCodes(); len(codes) != 0 {
			t.Errorf("errors shown after a 401 the refresh cured: %v", codes)
		}
		if n := len(s.tokenRequests("refresh_token")) - before; n != 1 {
			t.Errorf("%d refreshes after one 401, want 1", n)
		}
	})

	t.Run("429 with the reset countdown", func(t *testing.T) {
		tb := main.in(t)
		s.provider.SetRateLimit(1) // this hour's points are already spent
		tb.reload()
		title, msg := tb.expectError("rate-limited")
		if !strings.Contains(title+" "+msg, "429") && !strings.Contains(strings.ToLower(title+" "+msg), "rate") {
			t.Errorf("rate-limited: %q / %q", title, msg)
		}
		var retryAfter int
		for _, r := range s.requests(provider.EndpointAPI) {
			if r.Status == http.StatusTooManyRequests {
				retryAfter = int(s.provider.RateLimit(provider.DefaultClientID).ResetIn.Seconds())
			}
		}
		if retryAfter == 0 {
			t.Fatal("the provider answered no 429")
		}
		first := parseCountdown(t, tb.wait("error-countdown"))
		if first <= 0 || first > time.Duration(retryAfter+5)*time.Second {
			t.Errorf("countdown shows %v, the provider's budget resets in %ds", first, retryAfter)
		}
		time.Sleep(2100 * time.Millisecond)
		if later := parseCountdown(t, tb.textNow("error-countdown")); later >= first {
			t.Errorf("the countdown does not count down: %v then %v", first, later)
		}
		s.provider.SetRateLimit(provider.DefaultRateLimitPerHour)
		tb.clickErrorAction("rate-limited")
		tb.waitText("profile-name", "Alice")
		tb.storedToken()
	})
}

var countdownPattern = regexp.MustCompile(`^(?:(\d+):)?(\d+):(\d\d)$`)

// parseCountdown reads the app's h:mm:ss or m:ss countdown.
func parseCountdown(t *testing.T, s string) time.Duration {
	t.Helper()
	m := countdownPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		t.Fatalf("countdown %q is not h:mm:ss or m:ss", s)
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	se, _ := strconv.Atoi(m[3])
	return time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(se)*time.Second
}

// Flow 8, at sign-in: the token endpoint is unreachable or answers a CDN
// page during the code exchange. Each shows its message, no token is stored,
// and once it is back a new sign-in works.
func TestTokenEndpointDownDuringExchange(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	main := newBrowser(t, "main")
	for _, c := range []struct {
		name  string
		fault provider.Fault
		codes []string
	}{
		{"dropped", provider.Fault{Drop: true}, []string{"network"}},
		{"CDN page", provider.Fault{Status: 503, HTML: true}, []string{"not-json", "server-error"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := main.in(t)
			s.provider.SetFault(provider.EndpointToken, c.fault)
			tb.open(s.url("/"))
			tb.clickSignIn()
			tb.waitCSS("the callback page's error", `[data-testid="callback"] [data-testid="error"]`)
			codes := tb.errorCodes()
			if len(codes) == 0 || !contains(c.codes, codes[0]) {
				t.Fatalf("exchange failure shows %v, want one of %v", codes, c.codes)
			}
			title, msg := tb.expectError(codes[0])
			if title == "" || msg == "" {
				t.Errorf("%s without words: %q / %q", codes[0], title, msg)
			}
			if got := evalJS[string](tb, `localStorage.getItem("pkcelogs.token") || ""`); got != "" {
				t.Errorf("a token was stored although the exchange failed")
			}
			if strings.Contains(tb.location(), "code=") {
				t.Errorf("the code stays in the address bar after a failed exchange: %s", tb.location())
			}
		})
	}
	s.provider.ClearFaults()
	tb := main.in(t)
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	ok := 0
	for _, r := range s.tokenRequests("authorization_code") {
		if r.Status == http.StatusOK {
			ok++
		}
	}
	if ok != 1 {
		t.Errorf("%d successful exchanges, want 1", ok)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Slow answers show progress, not a frozen page: the code exchange and the
// first screen's query each say what is under way until the data arrives.
func TestProgressWhileTheSiteIsSlow(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	s.provider.SetFault(provider.EndpointToken, provider.Fault{Delay: 2 * time.Second})
	s.provider.SetFault(provider.EndpointAPI, provider.Fault{Delay: 2 * time.Second})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.clickSignIn()
	if got := tb.waitCSS("progress on the callback page", `[data-testid="callback"] [data-testid="progress"]`); got == "" {
		t.Errorf("the exchange's progress says nothing")
	}
	if got := tb.waitCSS("progress on the dashboard", `[data-testid="dashboard"] [data-testid="progress"]`); got == "" {
		t.Errorf("the first screen's progress says nothing")
	}
	tb.waitText("profile-name", "Alice")
	tb.waitGone("progress")
}
