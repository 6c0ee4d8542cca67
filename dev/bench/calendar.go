//go:build !js

package main

import (
	"fmt"
	"time"
)

// calendarReports is how many reports the calendar figures wait for: the
// local provider's alice has 328 (issue 15 asks for 300).
const calendarReports = 300

// calendarRun is the time to show the activity calendar with every report
// (from a load of the dashboard: the app starts, then the explorer shows the
// list), with the browser's report cache empty (cold: four pages of 100 from
// the provider) and full (warm: the saved list, then one request for what is
// new), and Go's memory with that list loaded.
type calendarRun struct {
	ColdMs, WarmMs float64
	WasmBytes      float64
	Reports        int
}

// clearReportCacheJS deletes the explorer's saved lists (session.CachePrefix
// keys in the app's IndexedDB store), as sign-out does.
const clearReportCacheJS = `new Promise((ok, fail) => {
  const open = indexedDB.open("pkcelogs");
  open.onerror = () => fail(open.error);
  open.onsuccess = () => {
    const db = open.result, tx = db.transaction("kv", "readwrite"), cur = tx.objectStore("kv").openCursor();
    let n = 0;
    cur.onsuccess = () => { const c = cur.result; if (c) { if (String(c.key).startsWith("cache:")) { c.delete(); n++; } c.continue(); } };
    tx.oncomplete = () => { db.close(); ok(n); };
    tx.onerror = () => fail(tx.error);
  };
})`

// calendarShownJS is performance.now() once the calendar counts at least
// calendarReports reports, else 0.
var calendarShownJS = fmt.Sprintf(`(() => { const c = document.querySelector('[data-testid="calendar"]');
  return c && +c.dataset.total >= %d ? performance.now() : 0; })()`, calendarReports)

// measureCalendar loads the signed-in dashboard with the report cache
// cleared, then again with it filled, timing each until the calendar shows
// every report, and reads the memory after the second.
func measureCalendar(b *browser, t *target) (calendarRun, error) {
	var c calendarRun
	show := func(what string) (float64, error) {
		if err := b.navigate(t.home()); err != nil {
			return 0, err
		}
		deadline := time.Now().Add(waitLimit)
		for time.Now().Before(deadline) {
			if v, err := b.evalNumber(calendarShownJS); err == nil && v > 0 {
				return v, nil
			}
			time.Sleep(10 * time.Millisecond)
		}
		text, _ := b.eval(`(document.querySelector('[data-testid="explorer"]') || document.body).innerText.slice(0, 300)`)
		return 0, fmt.Errorf("%s: the calendar never showed %d reports within %v; it shows %q", what, calendarReports, waitLimit, text)
	}
	n, err := b.evalNumber(clearReportCacheJS)
	if err != nil || n < 1 {
		return c, fmt.Errorf("clearing the report cache: %d lists, %v", int(n), err)
	}
	if c.ColdMs, err = show("cold cache"); err != nil {
		return c, err
	}
	time.Sleep(500 * time.Millisecond) // the list is saved after the last page
	if c.WarmMs, err = show("warm cache"); err != nil {
		return c, err
	}
	// The one request for new reports has answered.
	if err := b.waitFor("the explorer to finish", `(document.querySelector('[data-testid="explorer"]') || {dataset: {}}).dataset.state === "done"`); err != nil {
		return c, err
	}
	total, err := b.evalNumber(`+document.querySelector('[data-testid="calendar"]').dataset.total`)
	if err != nil {
		return c, err
	}
	c.Reports = int(total)
	m, err := b.memory()
	if err != nil {
		return c, fmt.Errorf("reading memory: %w", err)
	}
	c.WasmBytes = m.WasmBytes
	return c, nil
}
