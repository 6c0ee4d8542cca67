//go:build !js

package uitest

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/ui"
)

// cachedLists are the keys of report lists kept in the browser's Shared
// storage (IndexedDB in a browser).
func (h *harness) cachedLists() []string {
	h.t.Helper()
	keys, err := h.tab.Shared().Keys(ctx(h.t), session.CachePrefix)
	if err != nil {
		h.t.Fatal(err)
	}
	return keys
}

// Signing out while the explorer is still fetching stops the fetch: the
// list the sign-out cleared is not written back by the pages still arriving.
func TestExplorerSignOutStopsTheFetch(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()
	h.prov.SetFault(provider.EndpointAPI, provider.Fault{Delay: 300 * time.Millisecond})
	// The token stays good at the site, as on the Logs sites, which cannot
	// revoke: the page in flight is answered.
	h.prov.SetFault(provider.EndpointRevoke, provider.Fault{Status: 503})
	signedOut := make(chan struct{})
	go func() {
		defer close(signedOut)
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			for _, r := range h.prov.RequestsTo(provider.EndpointAPI) {
				if strings.Contains(r.Body, "ReportsRange") {
					// A page of the full list has come; the next is on its way.
					if _, err := h.s.SignOut(ctx(t)); err != nil {
						t.Error(err)
					}
					return
				}
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Error("the explorer never asked for its list")
	}()
	d := mount(t, &ui.ReportExplorer{Session: h.s})
	defer d.Close()
	<-signedOut
	html(d)
	time.Sleep(time.Second) // the page in flight has come back by now
	if keys := h.cachedLists(); len(keys) != 0 {
		t.Fatalf("after sign-out the browser keeps %v", keys)
	}
}

// With the token kept out of persistent storage (session or memory), the
// person's report list is kept in the page's memory only, not in IndexedDB
// where it would outlive the tab.
func TestExplorerKeepsTheListWhereTheTokenIs(t *testing.T) {
	t.Parallel()
	for _, storage := range []string{ui.StorageSession, ui.StorageMemory} {
		t.Run(storage, func(t *testing.T) {
			h := newHarness(t, func(_ *provider.Options, o *ui.Options) { o.Storage = storage })
			x := &ui.ReportExplorer{Session: h.s}
			d := h.signedIn(x)
			mustContain(t, settle(t, d), `data-state="done"`)
			if keys := h.cachedLists(); len(keys) != 0 {
				t.Fatalf("with %s storage the list is kept in Shared: %v", storage, keys)
			}
		})
	}
	h := newHarness(t)
	d := h.signedIn(&ui.ReportExplorer{Session: h.s})
	settle(t, d)
	if keys := h.cachedLists(); len(keys) != 1 {
		t.Fatalf("with local storage the list is kept once, got %v", keys)
	}
}

// What a screen reader hears of the explorer: stopped by the rate limit, one
// fixed sentence with the time it resumes (the ticking countdown is hidden
// from it); Clear filters stays in the focus order while there is nothing to
// clear (aria-disabled, not disabled, which would drop the focus it holds).
func TestExplorerSaysItsPauseOnceAndKeepsClearFocusable(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.signIn()
	// The overview's request and the list's first page pass; the next stops.
	h.prov.SetFault(provider.EndpointAPI, provider.Fault{Status: 429, Skip: 2, RetryAfter: time.Hour})
	d := mount(t, &ui.ReportExplorer{Session: h.s})
	defer d.Close()
	var page string
	eventually(t, "the explorer to stop at the rate limit", func() bool {
		page = html(d)
		return strings.Contains(page, `data-testid="explorer-countdown"`)
	})
	mustContain(t, page, "It resumes by itself at ")
	if !regexp.MustCompile(`<span aria-hidden(="true")?>\s*, in\s*<span [^>]*pl-countdown`).MatchString(page) {
		t.Errorf("the countdown's words are not hidden from screen readers:\n%s", page)
	}
	if m := regexp.MustCompile(`<button[^>]*data-testid="filter-clear"[^>]*>`).FindString(page); !regexp.MustCompile(` aria-disabled(="true")?[ >]`).MatchString(m) || strings.Contains(m, " disabled") {
		t.Errorf("Clear filters without filters: %s", m)
	}
}
