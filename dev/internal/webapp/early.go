//go:build !js

package webapp

import (
	"encoding/json"
	"strings"

	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/ui"
)

// sessionHintAttr is set on <html> (value "1") by earlyScript while the page
// is still being parsed when the session's token mirror is in storage: the
// stylesheet then paints the home page as a dashboard skeleton instead of the
// pre-rendered sign-in, until the app has started.
const sessionHintAttr = "data-pl-session"

// earlyScript is the small inline script every page carries before go-app's
// loader (the Content-Security-Policy allows it by its hash, like the other
// inline scripts; no 'unsafe-inline'). While the page is still being parsed it
//
//   - reads the session's hints (session.SignedInHint, session.PendingHint:
//     the rules live there) and marks <html> with sessionHintAttr when
//     someone seems signed in;
//   - picks the build: the signed-out one (app-lite.wasm, ui/lite.go) on the
//     home page when nobody seems signed in, no sign-in or sign-out is under
//     way (session.SignOutHint: the full build finishes it) and the
//     signed-out build did not just ask for the full one (ui.ForceFullBuildKey);
//     app.wasm everywhere else. It leaves the choice in window.pkcelogsWasm for
//     the patched app.js (appjs.go) and preloads it;
//   - catches a click on the pre-rendered sign-in button (ui.SignInButtonAttr,
//     not yet data-ready), says at once that the sign-in is starting, and leaves
//     the chosen site in window[ui.EarlySignInGlobal] for the button to act on
//     as soon as it is mounted (ui/early_signin.go). No dead clicks.
func earlyScript(cfg Config) string {
	storage, key := session.SignedInHint(cfg.options())
	_, signOutKey := session.SignOutHint(cfg.options()) // in the same storage
	pendingStorage, pendingPrefix := session.PendingHint()
	prefix := cfg.prefix()
	lite := ""
	if hasLiteBuild(cfg) {
		lite = prefix + liteWasmPath
	}
	js := `<script>(() => {
  const storage = STORAGE, key = KEY, signOutKey = SIGNOUT_KEY, pendingStorage = PENDING_STORAGE, pendingPrefix = PENDING_PREFIX;
  let signedIn = false, signingOut = false, pending = false, forced = false;
  try { signedIn = !!(storage && window[storage].getItem(key)); } catch (err) {}
  try { signingOut = !!(storage && window[storage].getItem(signOutKey)); } catch (err) {}
  try {
    const s = window[pendingStorage];
    for (let i = 0; i < s.length; i++) if ((s.key(i) || "").startsWith(pendingPrefix)) { pending = true; break; }
  } catch (err) {}
  try { forced = sessionStorage.getItem(FORCE_FULL) !== null; sessionStorage.removeItem(FORCE_FULL); } catch (err) {}
  if (signedIn) document.documentElement.setAttribute(HINT, "1");
  const lite = LITE, home = HOME, path = location.pathname;
  const useLite = lite !== "" && !signedIn && !signingOut && !pending && !forced && (path === home || path === home + "index.html");
  window.pkcelogsWasm = useLite ? lite : FULL;
  const preload = document.createElement("link");
  preload.rel = "preload"; preload.as = "fetch"; preload.type = "application/wasm";
  preload.crossOrigin = "anonymous"; preload.href = window.pkcelogsWasm;
  document.head.appendChild(preload);
  document.addEventListener("click", (e) => {
    const button = e.target instanceof Element ? e.target.closest("[" + BUTTON + "]") : null;
    if (!button || button.getAttribute("data-ready") === "true") return;
    e.preventDefault();
    if (window[GLOBAL]) return;
    const chooser = button.parentElement && button.parentElement.querySelector("select");
    window[GLOBAL] = { site: chooser ? chooser.value : (button.getAttribute("data-site") || "") };
    button.textContent = LABEL;
    button.setAttribute("aria-busy", "true");
    button.setAttribute("data-early", "waiting");
  }, true);
})();</script>`
	return strings.NewReplacer(
		"PENDING_STORAGE", jsString(pendingStorage),
		"PENDING_PREFIX", jsString(pendingPrefix),
		"SIGNOUT_KEY", jsString(signOutKey),
		"STORAGE", jsString(storage),
		"KEY", jsString(key),
		"FORCE_FULL", jsString(ui.ForceFullBuildKey),
		"HINT", jsString(sessionHintAttr),
		"LITE", jsString(lite),
		"HOME", jsString(prefix+"/"),
		"FULL", jsString(prefix+wasmPath),
		"BUTTON", jsString(ui.SignInButtonAttr),
		"GLOBAL", jsString(ui.EarlySignInGlobal),
		"LABEL", jsString(ui.EarlySignInLabel),
	).Replace(js)
}

// jsString is s as a JavaScript string literal, safe inside <script>.
func jsString(s string) string {
	b, _ := json.Marshal(s) // escapes <, > and & as \u003c...: no </script> can appear
	return string(b)
}
