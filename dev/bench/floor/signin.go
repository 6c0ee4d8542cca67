//go:build floorsignin

package main

import "github.com/pkcelogs/pkcelogs/ui"

// With -tags floorsignin,pkcelogs_lite the page is the app's own sign-in
// button and nothing else: go-app, plus what any page that starts this app's
// sign-in must run (the session read from storage, the site and its client
// id, the button with its early-click hand-over and its plain-words errors),
// built like the signed-out build. Its start-up is the least the signed-out
// home page can take, whatever else the page shows: bench reports it beside
// the go-app floor as the floor of the first-visit budgets.
func init() { content = &ui.SignInButton{} }
