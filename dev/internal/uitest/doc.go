// Package uitest holds ui's tests against the local provider: a whole
// sign-in rendered with go-app's client tester, the callback page's
// exactly-once exchange and its failures, the dashboard over a failing API,
// refresh and sign-out across tabs. They live in the dev module because the
// root module must not import the provider (DEVELOPERS.md, "Layout"); they
// use only ui's and session's exported API. Each test has its own provider
// and its own session.MemoryBrowser, so they run in parallel.
//
// The harness (harness_test.go) is one tab next to a provider; setup_test.go
// holds the set-up tests share (signedIn, withGame, returnVisit).
//
// ui's tests that need no provider stay in ui (ui/components_test.go).
package uitest
