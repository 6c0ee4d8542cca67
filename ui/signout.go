package ui

import (
	"context"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
)

// SignOutButton signs out: the token is forgotten here and in every open
// tab, and revoked at the site where the site supports it. A revocation
// failure is shown, but the person is signed out regardless. While nobody
// is signed in it shows nothing (embed it unconditionally).
type SignOutButton struct {
	app.Compo

	Session *Session // nil: Default()
	Label   string   // default "Sign out"

	w        watcher
	signedIn bool
	busy     bool
	err      error
}

func (b *SignOutButton) OnMount(ctx app.Context) {
	s := orDefault(b.Session)
	b.w.watch(ctx, s, func(ctx app.Context) { b.signedIn = s.SignedIn() })
}

func (b *SignOutButton) OnDismount() { b.w.unwatch() }

func (b *SignOutButton) Render() app.UI {
	label := b.Label
	if label == "" {
		label = "Sign out"
	}
	if b.busy {
		label = "Signing out…"
	}
	if !b.signedIn && !b.busy && b.err == nil {
		return app.Span().Class("pl-signout")
	}
	return app.Span().Class("pl-signout").Body(
		// Kept focusable while signing out (busyButton): onClick ignores the click.
		busyButton(app.Button().Class("pl-button").Attr(testid, "signout"), b.busy).Text(label).OnClick(b.onClick),
		app.If(b.err != nil, &ErrorView{Err: b.err, Session: b.Session, Compact: true}),
	)
}

func (b *SignOutButton) onClick(ctx app.Context, e app.Event) {
	if b.busy {
		return
	}
	s := orDefault(b.Session)
	b.busy, b.err = true, nil
	ctx.Async(func() {
		cctx, cancel := context.WithTimeout(context.Background(), session.ExchangeTimeout)
		defer cancel()
		// Signed out either way; the session keeps the outcome as its notice
		// for the page to show (the button itself vanishes with the
		// signed-in view).
		err := signOut(cctx, s)
		ctx.Dispatch(func(ctx app.Context) {
			b.busy, b.err = false, err
		})
	})
}
