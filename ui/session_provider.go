package ui

import (
	"fmt"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// SessionProvider configures the page's session in code, for embedders who
// do not pass configuration through go-app's Handler.Env, and renders Body
// inside it: every pkcelogs component in Body (and anywhere else on the page)
// with a nil Session uses the session made from Options.
//
//	&ui.SessionProvider{
//		Options: ui.Options{Site: site, ClientID: "my-client"},
//		Body:    []app.UI{&ui.SignInButton{}, &ui.Profile{}},
//	}
type SessionProvider struct {
	app.Compo

	Options Options  // the session's configuration
	Body    []app.UI // what the session is provided to
}

var (
	providedMu sync.Mutex
	provided   = map[string]*Session{} // one session per distinct Options, for the page's life
)

func (p *SessionProvider) Render() app.UI {
	UseSession(sessionFor(p.Options))
	return app.Div().Class("pl-session").Body(p.Body...)
}

// sessionFor returns the page's session for opts, making it on first use:
// re-rendering the provider must not make a new session (each one listens
// to the other tabs).
func sessionFor(opts Options) *Session {
	key := fmt.Sprintf("%#v", opts)
	providedMu.Lock()
	defer providedMu.Unlock()
	s, ok := provided[key]
	if !ok {
		s = NewSession(opts)
		provided[key] = s
	}
	return s
}
