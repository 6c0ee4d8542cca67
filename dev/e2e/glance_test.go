//go:build e2e

package e2e

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// The signed-in dashboard reads at a glance, on a desktop and on a 360 px
// phone: a header with the person (avatar, name, site and battle tag), how
// fresh the data is and a Refresh button that fetches it again; the
// rate-limit card's points left, a gauge as wide as what is left, and the
// reset countdown.
func TestDashboardAtAGlance(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := signInAlice(t, s)

	if got := tb.wait("page-title"); got != "Alice" {
		t.Errorf("the header's title is %q, want the person's name", got)
	}
	if got := tb.wait("dashboard-site"); !strings.Contains(got, "Alice#1234") {
		t.Errorf("the header's site line is %q, want the site and battle tag", got)
	}
	if !evalJS[bool](tb, `(() => { const i = document.querySelector('[data-testid="dashboard-header"] [data-testid="avatar"]'); return !!i && i.complete && i.naturalWidth > 0; })()`) {
		t.Errorf("the header shows no avatar")
	}
	fresh := regexp.MustCompile(`^Updated (just now|\d+ min ago)$`)
	if got := tb.wait("dashboard-updated"); !fresh.MatchString(got) {
		t.Errorf("the header says %q, want how fresh the data is", got)
	}

	// Signing in asked for the first screen once; the explorer then loads
	// every report on its own (ReportsRange pages), which this waits out so
	// it cannot be counted as the Refresh's.
	tb.pollJS("the explorer to finish loading", `document.querySelector('[data-testid="explorer"][data-state="done"]') ? "yes" : ""`)
	if n := len(graphQLRequests(s, "query Overview")); n != 1 {
		t.Errorf("signing in sent the overview query %d times, want once", n)
	}
	sent := map[string]bool{}
	for _, r := range s.requests(provider.EndpointAPI) {
		if sent[r.Body] {
			t.Errorf("signing in sent the same API request twice: %.200s", r.Body)
		}
		sent[r.Body] = true
	}

	// Refresh fetches the first screen again (one overview request, and the
	// rate limit follows) and brings the explorer up to date with the
	// reports since its cache: nothing is new, so the overview's page of the
	// newest reports says so and the explorer asks for nothing more.
	before := len(s.requests(provider.EndpointAPI))
	overviews := len(graphQLRequests(s, "query Overview"))
	spent := tb.wait("ratelimit-spent")
	evalJS[bool](tb, `(() => { window.__explorerFetched = false;
		new MutationObserver(() => {
			if (document.querySelector('[data-testid="explorer"][data-state="fetching"]')) window.__explorerFetched = true;
		}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
		return true; })()`)
	tb.click("dashboard-reload")
	tb.pollJS("the rate limit to follow the refresh", `document.querySelector('[data-testid="ratelimit-spent"]').innerText !== `+jsString(spent)+` ? "yes" : ""`)
	tb.pollJS("the explorer to bring its list up to date", `window.__explorerFetched && document.querySelector('[data-testid="explorer"][data-state="done"]') ? "yes" : ""`)
	if n := len(graphQLRequests(s, "query Overview")) - overviews; n != 1 {
		t.Errorf("Refresh sent the overview query %d times, want once", n)
	}
	explorerSent, _ := strconv.Atoi(evalJS[string](tb, `document.querySelector('[data-testid="explorer-status"]').dataset.requests || ""`))
	if explorerSent != 0 {
		t.Errorf("after Refresh the explorer says it sent %d requests, want none: the overview's page holds what is new", explorerSent)
	}
	if n := len(s.requests(provider.EndpointAPI)) - before; n != 1 {
		t.Errorf("Refresh sent %d API requests, want 1: the overview, whose reports the explorer uses", n)
	}
	if fromCache := evalJS[string](tb, `document.querySelector('[data-testid="explorer-status"]').innerText`); !strings.Contains(fromCache, "saved in this browser") {
		t.Errorf("after Refresh the explorer says %q, want the reports read from its cache and only new ones fetched", fromCache)
	}
	tb.pollJS("the header to say the data is fresh", `/^Updated just now$/.test(document.querySelector('[data-testid="dashboard-updated"]').innerText) ? "yes" : ""`)

	for _, sc := range []screen{desktop, smallPhone} {
		tb.emulate(sc, "light")
		type gauge struct {
			Left, Spent, Limit, Label, Width, Reset string
			FillPx, BoxPx, Right, Screen            float64
		}
		g := evalJS[gauge](tb, `(() => {
			const m = document.querySelector('[data-testid="ratelimit-meter"]');
			const fill = m.querySelector('[data-part="fill"]'), box = m.getBoundingClientRect();
			const text = id => document.querySelector('[data-testid="' + id + '"]').innerText.trim();
			return { Left: text("ratelimit-left"), Spent: text("ratelimit-spent"), Limit: text("ratelimit-limit"),
				Label: m.getAttribute("role") + ": " + m.getAttribute("aria-label"), Width: fill.getAttribute("width"),
				Reset: text("ratelimit-reset"), FillPx: fill.getBoundingClientRect().width, BoxPx: box.width,
				Right: box.right, Screen: document.documentElement.clientWidth };
		})()`)
		left, _ := strconv.ParseFloat(g.Left, 64)
		spentNow, _ := strconv.ParseFloat(g.Spent, 64)
		limit, _ := strconv.ParseFloat(g.Limit, 64)
		if limit != provider.DefaultRateLimitPerHour || left != math.Floor(limit-spentNow) {
			t.Errorf("%s: %s points left with %s of %s spent", sc.name, g.Left, g.Spent, g.Limit)
		}
		if want := "img: " + g.Left + " of " + g.Limit + " points left this hour"; g.Label != want {
			t.Errorf("%s: the gauge reads %q to a screen reader, want %q", sc.name, g.Label, want)
		}
		if frac := g.FillPx / g.BoxPx; math.Abs(frac-left/limit) > 0.02 || g.BoxPx < 100 || g.Right > g.Screen {
			t.Errorf("%s: the gauge fills %.0f of %.0f px (width %s), want %.1f%% of it, within the %.0f px screen", sc.name, g.FillPx, g.BoxPx, g.Width, 100*left/limit, g.Screen)
		}
		if !countdownPattern.MatchString(g.Reset) {
			t.Errorf("%s: the reset countdown reads %q", sc.name, g.Reset)
		}
		if s := tb.sideways(); s != "" {
			t.Errorf("%s: the dashboard scrolls sideways: %s", sc.name, s)
		}
	}
	tb.emulate(desktop, "light")
}

// Settings on a 360 px phone: the client id field's placeholder is not cut
// off.
func TestSettingsPlaceholderFitsOnPhones(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/settings"))
	tb.appReady("settings-client-id")
	for _, sc := range []screen{phone, smallPhone} {
		tb.emulate(sc, "light")
		type fit struct {
			Placeholder string
			Text, Room  float64
		}
		f := evalJS[fit](tb, `(() => {
			const i = document.querySelector('[data-testid="settings-client-id"]'), cs = getComputedStyle(i);
			const ctx = document.createElement("canvas").getContext("2d");
			ctx.font = cs.font;
			return { Placeholder: i.placeholder, Text: ctx.measureText(i.placeholder).width,
				Room: i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
		})()`)
		if f.Placeholder == "" || f.Text > f.Room {
			t.Errorf("%s: the placeholder %q needs %.0f px, the field has %.0f", sc.name, f.Placeholder, f.Text, f.Room)
		}
	}
	tb.emulate(desktop, "light")
}

// graphQLRequests are the API requests whose GraphQL document contains
// query (e.g. "query Overview").
func graphQLRequests(s *stack, query string) []provider.Recorded {
	var out []provider.Recorded
	for _, r := range s.requests(provider.EndpointAPI) {
		if strings.Contains(r.Body, query) {
			out = append(out, r)
		}
	}
	return out
}
