//go:build e2e

package e2e

import "testing"

// breakIDBJS replaces the app's database with an empty version 1 without its
// object store: what an upgrade cut short (a tab reloaded in the middle of it)
// leaves behind. Every later open then succeeds without an upgrade.
const breakIDBJS = `(async () => {
  await new Promise((resolve, reject) => {
    const del = indexedDB.deleteDatabase("pkcelogs");
    del.onsuccess = resolve; del.onerror = () => reject(del.error); del.onblocked = resolve;
  });
  await new Promise((resolve, reject) => {
    const open = indexedDB.open("pkcelogs", 1);
    open.onupgradeneeded = () => {}; // no object store
    open.onsuccess = () => { open.result.close(); resolve(); };
    open.onerror = () => reject(open.error);
  });
  window.pkcelogsBroken = "done";
})().catch(e => { window.pkcelogsBroken = "error: " + e; }), ""`

// A database left without its object store is repaired (upgraded to the next
// version, which creates the store), not a dead end of "storage disabled".
func TestBrokenIndexedDBIsRepaired(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := newBrowser(t, "main")
	// A page of the origin that is not the app (its stylesheet), so no
	// connection of the app's keeps the database from being replaced.
	tb.open(s.url("/web/app.css"))
	evalJS[string](tb, breakIDBJS)
	if got := tb.pollJS("the database to be replaced", `window.pkcelogsBroken || ""`); got != "done" {
		t.Fatalf("breaking the database: %s", got)
	}
	tb.open(s.url("/"))
	tb.clickSignIn()
	tb.waitText("profile-name", "Alice")
	if codes := tb.errorCodes(); len(codes) > 0 {
		t.Fatalf("errors after the repair: %v", codes)
	}
	inv := tb.inventory()
	if _, ok := inv.IDB["token"]; !ok {
		t.Fatalf("the repaired database holds no token: %v", inv.IDB)
	}
}
