package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"
)

// homeNotices is what the home page says above its content, signed in or
// out, in both builds (Dashboard, and LiteHomePage of the signed-out build):
// the browser's storage refusing to keep a sign-in, the session's last
// notice, what the last sign-out did at the site. One place, so the
// signed-out build says the same things as the full one.
type homeNotices struct {
	notice     error
	signedOut  string // what the last sign-out did at the site
	storageErr error
}

func (n *homeNotices) syncNotices(s *Session) {
	n.notice, n.signedOut = nil, ""
	switch v := s.Notice().(type) {
	case error:
		n.notice = v
	case session.SignOutResult:
		n.signedOut = v.Message()
	}
	n.storageErr = s.StorageError()
}

// renderNotices is the notices' block. Each notice keeps its place, empty
// without one: a node that comes and goes would shift its siblings, and
// go-app would remount them all.
func (n *homeNotices) renderNotices(sess *Session) app.UI {
	return app.Div().Class("pl-notices").Body(
		errorSlot(n.storageErr, sess, false),
		errorSlot(n.notice, sess, true),
		app.P().Class("pl-status").Attr("role", "status").Attr(testid, "signout-notice").Text(n.signedOut),
	)
}
