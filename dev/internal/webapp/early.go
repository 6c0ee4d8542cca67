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
// inline scripts; no 'unsafe-inline'). It does two things before the app has
// started:
//
//   - it marks <html> with sessionHintAttr when someone seems signed in, from
//     the session's own rule for where the token is kept (session.SignedInHint);
//   - it catches a click on the pre-rendered sign-in button (ui.SignInButtonAttr,
//     not yet data-ready), says at once that the sign-in is starting, and leaves
//     the chosen site in window[ui.EarlySignInGlobal] for the button to act on
//     as soon as it is mounted (ui/early_signin.go). No dead clicks.
func earlyScript(cfg Config) string {
	storage, key := session.SignedInHint(cfg.options())
	js := `<script>(() => {
  const storage = STORAGE, key = KEY;
  try { if (storage && window[storage].getItem(key)) document.documentElement.setAttribute(HINT, "1"); } catch (err) {}
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
		"STORAGE", jsString(storage),
		"KEY", jsString(key),
		"HINT", jsString(sessionHintAttr),
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
