// Package e2e drives the built pkcelogs app in headless Chromium against the
// local provider. The tests carry the build tag e2e; run them with
//
//	make test-e2e
//
// which builds web/app.wasm first and makes sure Chromium is installed. Set
// CHROME to use another Chromium or Chrome binary. On a failure each test
// writes a screenshot, the page's HTML, the browser console and the requests
// the provider received to artifacts/<TestName>/ and names the files in the
// test log.
package e2e
