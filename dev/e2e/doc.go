// Package e2e drives the built pkcelogs app in headless Chromium against the
// local provider. The tests carry the build tag e2e; run them with
//
//	make test-e2e
//
// which builds web/app.wasm first and makes sure Chromium is installed. Set
// CHROME to use another Chromium or Chrome binary. On a failure each test
// writes a screenshot, the page's HTML, the browser console and the requests
// the provider received to artifacts/<TestName>/ and names the files in the
// test log. DEVELOPERS.md says more.
//
// Each flow of the end-to-end issue is a test asserting what the person sees
// and what the provider received:
//
//	1  TestSignInAtConsentPage (and TestUnregisteredRedirectURIIsRefusedAtTheSite)
//	2  TestDenyAtConsentPage
//	3  TestTamperedState, TestReplayedAndReloadedCallback,
//	   TestBackButtonAfterSignIn, TestReloadDuringExchange
//	4  TestSignInBegunInOtherTab
//	5  TestExpiredAccessTokenRefreshes, TestRejectedRefreshAsksToSignInAgain
//	6  TestTwoTabsRefreshOnce
//	7  TestSignOutInOneTabSignsOutBoth
//	8  TestAPIFaults, TestTokenEndpointDownDuringExchange
//	9  TestStorageFullOrDisabled (and TestTokenStorageChoice)
//	10 TestConsoleRunsQueriesAndShowsErrors
//	11 TestStaticExportUnderBasePath, TestEmbeddingExampleSignsIn
//	12 TestBobCannotSeeAlicesPrivateReports, TestProfileWithoutViewUserProfileIsExplained
//
// Beyond the list: TestOwnClientIDFromSettings (a person's own client id),
// TestProgressWhileTheSiteIsSlow; the Content-Security-Policy over every flow,
// under the header and the export's meta tag (TestNoCSPViolationsUnderTheHeader,
// TestNoCSPViolationsUnderTheMetaTag, TestCSPWatchSeesAViolation).
// Issue 12's security checks: TestRedirectingEndpointsAreRefused,
// TestSignOutNotice, TestIssuerParameterChecked, TestStorageInventory.
//
// Issue 13 (accessibility and phones): TestAccessibilityOfEveryPageState
// injects axe-core (dev/e2e/package.json, installed by make test-e2e with
// npm ci) into every page state at desktop and phone sizes, light and dark,
// and fails on any WCAG 2.2 A/AA violation, sideways scrolling or split
// navigation on phones; TestKeyboardOnly, TestReportsAreCardsOnPhones,
// TestEveryPageHasItsOwnTitle, TestSettingsSavedWhileSignedIn.
// TestDashboardAsksForReportsOnce: one dashboard load asks the site for each
// report once (the explorer starts from the overview's page).
// TestHarnessSavesArtifacts checks the failure evidence itself.
//
// Where the helpers live: browser_test.go starts the one Chromium of the run;
// stack_test.go starts the local provider and the app's server for a test;
// setup_test.go holds the set-up several tests share (alice signed in, a
// declined sign-in, a static export under a base path);
// driver_test.go drives a tab (open, click, type, wait, read the console);
// artifacts_test.go saves a failed test's evidence, and
// artifacts_selftest_test.go checks that it does.
// signin_signout_tabs_test.go holds flows 4 and 7 (two tabs of one browser)
// and the helpers that read the stored token and ask the API with it.
package e2e
