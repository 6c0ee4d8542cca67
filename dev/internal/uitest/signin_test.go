//go:build !js

package uitest

import (
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
	"github.com/pkcelogs/pkcelogs/ui"
)

func TestEmbeddedButtonsFollowTheSession(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	page := func() string {
		d := mount(t, &embedded{s: h.s})
		defer d.Close()
		return html(d)
	}
	out := page()
	mustContain(t, out, `data-testid="signin-button"`, `data-testid="profile-signed-out"`)
	mustNotContain(t, out, `data-testid="signout"`)
	h.signIn()
	out = page()
	mustContain(t, out, `data-testid="signout"`, `data-testid="profile-name"`, `data-state="signed-in"`)
	mustNotContain(t, out, `data-testid="signin-button"`)
}

// embedded is a page of another app with pkcelogs' components in it.
type embedded struct {
	app.Compo
	s *ui.Session
}

func (e *embedded) Render() app.UI {
	return app.Div().Body(&ui.SignInButton{Session: e.s}, &ui.Profile{Session: e.s}, &ui.SignOutButton{Session: e.s})
}

// SessionProvider installs one session for its Options as the page's default,
// and the components inside (with no Session of their own) use it. Not
// parallel: the page's default session is process-wide.
func TestSessionProviderConfiguresTheComponentsInside(t *testing.T) {
	h := newHarness(t)
	h.opts.FixedSite = true // options of its own: the provider's session is new
	prev := ui.Default()
	defer ui.UseSession(prev)
	provided := func(wants ...string) *ui.Session {
		d := mount(t, &ui.SessionProvider{Options: h.opts, Body: []app.UI{&ui.SignInButton{}, &ui.Profile{}, &ui.SignOutButton{}}})
		defer d.Close()
		// After a sign-in back to the first screen the session fetches its
		// data by itself (the request may still be out): the page follows
		// when it lands.
		page := html(d)
		for deadline := time.Now().Add(10 * time.Second); !containsAll(page, wants) && time.Now().Before(deadline); page = html(d) {
			time.Sleep(10 * time.Millisecond)
		}
		mustContain(t, page, wants...)
		return ui.Default()
	}
	first := provided(`data-testid="signin-button"`, "Sign in to Local Logs")
	if first == prev || first.Options().ClientID != h.opts.ClientID || first.Options().Site.ID != h.site.ID {
		t.Fatalf("the provider did not install a session for its options: %+v", first.Options())
	}
	// Sign in with the provided session, in the page's own browser.
	tab, ok := first.Browser().(*session.MemoryBrowser)
	if !ok {
		t.Fatalf("the provided session's browser is a %T", first.Browser())
	}
	if err := first.SignIn(h.site.ID, "/"); err != nil {
		t.Fatal(err)
	}
	tab.Navigate(h.authorize(tab))
	if _, err := first.CallbackResult(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if again := provided(`data-testid="profile-name"`, "Alice", `data-testid="signout"`); again != first {
		t.Error("rendering the provider again made a second session for the same options")
	}
}
