//go:build e2e

package e2e

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// inventory is every key the app keeps in the browser, with its value:
// localStorage, sessionStorage and IndexedDB (database "pkcelogs", object
// store "kv", the token authority and the refresh-token ledger).
type inventory struct {
	Local   map[string]string `json:"local"`
	Session map[string]string `json:"session"`
	IDB     map[string]string `json:"idb"`
}

// inventoryJS collects the inventory into window.pkcelogsInventory. It opens
// the database only when it exists: opening a missing one would create it
// empty, at version 1, under the app's feet.
const inventoryJS = `(async () => {
  const all = s => Object.fromEntries(Object.keys(s).map(k => [k, s.getItem(k)]));
  const out = { local: all(localStorage), session: all(sessionStorage), idb: {} };
  const names = (await indexedDB.databases()).map(d => d.name);
  if (names.includes("pkcelogs")) {
    out.idb = await new Promise((resolve, reject) => {
      const open = indexedDB.open("pkcelogs");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("kv")) { db.close(); resolve({}); return; }
        const store = db.transaction("kv").objectStore("kv");
        const keys = store.getAllKeys(), values = store.getAll();
        values.onsuccess = () => {
          db.close();
          resolve(Object.fromEntries(keys.result.map((k, i) => [String(k),
            typeof values.result[i] === "string" ? values.result[i] : JSON.stringify(values.result[i])])));
        };
        values.onerror = () => reject(values.error);
      };
    });
  }
  window.pkcelogsInventory = JSON.stringify(out);
})().catch(e => { window.pkcelogsInventory = JSON.stringify({ error: String(e) }); }), ""`

func (tb *tab) inventory() inventory {
	tb.t.Helper()
	evalJS[string](tb, `window.pkcelogsInventory = "", `+inventoryJS)
	raw := tb.pollJS("the storage inventory", `window.pkcelogsInventory || ""`)
	var inv inventory
	if err := json.Unmarshal([]byte(raw), &inv); err != nil || inv.Local == nil {
		tb.t.Fatalf("reading the storage inventory: %v: %s", err, raw)
	}
	return inv
}

func (inv inventory) String() string {
	var b strings.Builder
	for _, part := range []struct {
		name string
		m    map[string]string
	}{{"localStorage", inv.Local}, {"sessionStorage", inv.Session}, {"IndexedDB pkcelogs/kv", inv.IDB}} {
		keys := make([]string, 0, len(part.m))
		for k := range part.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("  " + part.name + ":")
		for _, k := range keys {
			b.WriteString(" " + k)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// leftovers are what may remain once nobody is signed in, each with why it
// may: nothing in them signs anyone in or proves anything to the site.
var leftovers = []struct {
	where string // "local", "session" or "idb"
	key   *regexp.Regexp
	value *regexp.Regexp
	why   string
}{
	// The person's settings.
	{"local", regexp.MustCompile(`^pkcelogs\.site$`), regexp.MustCompile(`^[a-z0-9._-]+$`), "the site last chosen (a setting)"},
	{"local", regexp.MustCompile(`^pkcelogs\.client_id\.[a-z0-9._-]+$`), regexp.MustCompile(`^[\x21-\x7e]+$`), "the person's own client id for a site (a setting; public, never a secret)"},
	// Markers, pruned by age at the next start.
	{"local", regexp.MustCompile(`^pkce\.used\.[A-Za-z0-9_-]+$`), timeValue, "a used sign-in's state, so a reloaded callback is recognised; the state is spent and the value a time; pruned after pkce.PendingTTL"},
	{"idb", regexp.MustCompile(`^spent\.[A-Za-z0-9_-]+$`), timeValue, "the refresh-token ledger: the key is a SHA-256 hash of a spent refresh token, the value when it was sent, so no tab sends it twice; pruned after a year"},
	{"idb", regexp.MustCompile(`^done\.[A-Za-z0-9_-]+$`), regexp.MustCompile(`^\d{4}-\d\d-\d\dT[0-9:.]+Z( /\S*)?$`), "a finished callback's state and return path, so another tab's copy of the address goes home; pruned after pkce.PendingTTL"},
	{"idb", regexp.MustCompile(`^init$`), regexp.MustCompile(`^1$`), "says IndexedDB holds the token authority (empty now)"},
}

var timeValue = regexp.MustCompile(`^\d{4}-\d\d-\d\dT[0-9:.]+Z$`)

// unexplained are the inventory's entries no leftover explains.
func (inv inventory) unexplained() []string {
	var out []string
	for where, m := range map[string]map[string]string{"local": inv.Local, "session": inv.Session, "idb": inv.IDB} {
	next:
		for k, v := range m {
			for _, l := range leftovers {
				if l.where == where && l.key.MatchString(k) && l.value.MatchString(v) {
					continue next
				}
			}
			out = append(out, where+": "+k+" = "+shorten(v))
		}
	}
	sort.Strings(out)
	return out
}

// values are every stored value, for a search for secrets.
func (inv inventory) values() []string {
	var out []string
	for _, m := range []map[string]string{inv.Local, inv.Session, inv.IDB} {
		for k, v := range m {
			out = append(out, k+"="+v)
		}
	}
	return out
}

// Storage inventory (issue 12): every key in localStorage, sessionStorage
// and IndexedDB before sign-in, after an abandoned sign-in and a restart,
// after sign-in and after sign-out. An abandoned sign-in older than its
// 10 minutes is pruned as the app starts, not only at the next sign-in; after
// sign-out nothing remains but the person's settings and the markers listed
// in leftovers, none holding a token, a verifier or anything a site accepts.
func TestStorageInventory(t *testing.T) {
	s := newStack(t, stackOptions{})
	tb := newBrowser(t, "main")
	tb.open(s.url("/"))
	tb.wait("signin-button")
	// A setting of the person's that sign-out must keep.
	evalJS[string](tb, `localStorage.setItem("pkcelogs.client_id.fflogs", "my-own-client"), ""`)

	before := tb.inventory()
	t.Logf("before sign-in:\n%s", before)
	if u := before.unexplained(); len(u) > 0 {
		t.Errorf("before sign-in, unexplained entries: %q", u)
	}

	// Two sign-ins abandoned on the consent page.
	for range 2 {
		tb.open(s.url("/"))
		tb.clickSignIn()
		tb.wait("consent-page")
	}
	tb.open(s.url("/"))
	tb.wait("signin-button")
	pending := pendingKeys(tb.inventory())
	if len(pending) != 2 {
		t.Fatalf("pending sign-ins after two abandoned: %q", pending)
	}
	// The first one is an hour old, past pkce.PendingTTL; so is a used marker.
	evalJS[string](tb, `(() => {
	  const k = `+jsString(pending[0])+`, p = JSON.parse(localStorage.getItem(k));
	  p.created_at = new Date(Date.now() - 3600e3).toISOString();
	  localStorage.setItem(k, JSON.stringify(p));
	  localStorage.setItem("pkce.used.abandonedlongago", new Date(Date.now() - 86400e3).toISOString());
	  return "";
	})()`)
	tb.reload()
	tb.wait("signin-button")
	tb.pollJS("the expired sign-in to be pruned at start", `localStorage.getItem(`+jsString(pending[0])+`) === null && localStorage.getItem("pkce.used.abandonedlongago") === null ? "pruned" : ""`)
	if got := pendingKeys(tb.inventory()); len(got) != 1 || got[0] != pending[1] {
		t.Errorf("after the restart pending sign-ins are %q, want only the live one %q", got, pending[1])
	}
	// The live one (it holds a verifier) goes too, for an exact inventory below.
	evalJS[string](tb, `localStorage.removeItem(`+jsString(pending[1])+`), ""`)

	tb.clickSignIn()
	tb.approveAs("alice")
	tb.waitText("profile-name", "Alice")
	tok := tb.storedToken()
	signedIn := tb.inventory()
	t.Logf("signed in:\n%s", signedIn)
	if _, ok := signedIn.IDB["token"]; !ok {
		t.Errorf("no token authority in IndexedDB while signed in:\n%s", signedIn)
	}
	if len(pendingKeys(signedIn)) != 0 {
		t.Errorf("a pending sign-in outlived its callback:\n%s", signedIn)
	}

	tb.click("signout")
	tb.wait("signin-button")
	tb.waitText("signout-notice", "signed out")
	after := tb.inventory()
	t.Logf("signed out:\n%s", after)
	if u := after.unexplained(); len(u) > 0 {
		t.Errorf("after sign-out, entries no leftover explains: %q", u)
	}
	for _, kv := range after.values() {
		for _, secret := range []string{tok.AccessToken, tok.RefreshToken, "verifier", "access_token", "refresh_token"} {
			if strings.Contains(kv, secret) {
				t.Errorf("after sign-out %.60q… holds %.20q…", kv, secret)
			}
		}
	}
	if after.Local["pkcelogs.client_id.fflogs"] != "my-own-client" {
		t.Errorf("sign-out lost the person's own client id:\n%s", after)
	}

	// And across a restart, still nothing.
	tb.reload()
	tb.wait("signin-button")
	time.Sleep(time.Second) // the start's housekeeping
	if u := tb.inventory().unexplained(); len(u) > 0 {
		t.Errorf("after sign-out and a restart: %q", u)
	}
}

func pendingKeys(inv inventory) []string {
	var out []string
	for k := range inv.Local {
		if strings.HasPrefix(k, "pkce.pending.") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
