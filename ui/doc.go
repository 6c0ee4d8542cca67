// Package ui is pkcelogs' browser app as go-app v9 components: sign-in with
// OAuth 2.0 Authorization Code + PKCE to Warcraft Logs, FF Logs or ESO Logs,
// and the user API's data, from a static page with no backend.
//
// # Embedding
//
// Every component is exported, takes its inputs as exported fields, and
// works inside any go-app v9 app. They share one Session per page (the
// session package's: ui holds no state of its own beyond what each component
// renders): leave the Session field nil to use Default (configured from
// go-app's Handler.Env, keys in config.go), or build one with NewSession and
// pass it, install it with UseSession, or wrap the components in a
// SessionProvider. Register the callback page at the redirect URI:
//
//	ui.Routes(nil)                      // the whole app: /, /callback, /console, /settings
//	// or only what you need:
//	app.RouteFunc(ui.PathCallback, func() app.Composer { return &ui.CallbackPage{} })
//	app.Div().Body(&ui.SignInButton{}, &ui.Profile{})
//
// Optionally call ui.StartCallback(nil) after registering the routes and
// before app.RunWhenOnBrowser (cmd/wasm does): on the callback page the code
// exchange then starts while go-app is still starting, and the Callback
// component finishes it; without it, Callback starts the exchange itself.
//
// Components: SignInButton (site chooser, data-ready="true" once wired),
// SignOutButton, Callback, DashboardHeader, Profile, Guilds, Characters,
// Reports, RateLimitMeter, Console, Settings (with RedirectURIBox and ClientCheck),
// StalledSignInNotice, ErrorView (Explain maps every typed
// error to a message and a way forward), Progress, Countdown, Nav,
// Dashboard, SessionProvider, ReportView (one report: its fights as a
// timeline and its players; inputs Code, Session, OnLoad), ReportExplorer
// (every report, fetched politely and cached by package reportsync, as an
// ActivityCalendar, a PrivacySummary and a list filtered by a ReportFilter
// the address carries; each takes documented inputs), and the pages
// HomePage, CallbackPage, ConsolePage, SettingsPage, ReportPage (at
// PathReportPrefix + CODE) and NotFoundPage, each with its own title
// (PageTitle).
//
// # The browser
//
// Storage, IndexedDB, the Web Locks API, the address bar and cross-tab
// messages are the session package's (session.Browser: session.Page over
// github.com/hack-pad/safejs in the browser, session.MemoryBrowser on the
// host), so a browser that throws (storage blocked or full, an API missing)
// yields an error the page explains, never a panic. The host build
// pre-renders pages, and component tests render them, with a MemoryBrowser.
//
// # Test hooks
//
// Elements the end-to-end tests read carry data-testid attributes:
//
//	skip-to-main                                           "Skip to main content", the first Tab stop
//	nav, nav-home, nav-console, nav-settings, nav-user     navigation bar
//	page-title                                             the page's <h1>
//	not-found, not-found-home                              the not-found page
//	signin, site-select, signin-button (data-ready, data-site), signin-needs-client
//	signout
//	dashboard (data-state="signed-in"|"signed-out"), dashboard-reload,
//	dashboard-header, dashboard-site, dashboard-updated, avatar, avatar-placeholder,
//	ratelimit-left, guilds-title, character-lodestone,
//	signout-notice (what the last sign-out did at the site)
//	callback, callback-done, callback-home                 callback page
//	progress                                               long work under way
//	error (data-error=<code>), error-title, error-message,
//	error-action (data-action="sign-in"|"retry"|"settings"|"reload"),
//	error-countdown                                        rate-limit reset
//	error-details, error-detail                            the folded technical detail
//	profile, profile-name, profile-id, profile-battletag,
//	profile-na-name, profile-eu-name, profile-site, profile-no-scope
//	guilds, guild, guild-name, guild-rank, guilds-empty
//	characters, character, character-name, character-hidden, characters-empty
//	reports, report (data-visibility, data-code), report-title,
//	report-start (a <time>: datetime is the instant in UTC, the text local time),
//	report-date-short (the date on phones), report-visibility, reports-heading
//	(focused after paging), reports-prev, reports-next, reports-page, reports-empty,
//	report-site-link (the report on the site itself, in a new tab)
//	report-view (data-code), report-heading, report-zone, report-guild, report-owner,
//	report-date, report-duration, report-visibility, report-fights,
//	report-fights-summary, report-timeline (the SVG: a rect per pull, data-outcome),
//	report-fight (data-fight, data-kill, data-encounter), report-fight-name,
//	report-fight-outcome, report-fight-duration, report-no-fights, report-players,
//	report-player, report-player-name, report-player-class, report-player-server,
//	report-signed-out, report-no-code, report-back
//	<component>-signed-out (profile, guilds, characters, reports)
//	ratelimit, ratelimit-meter, ratelimit-spent, ratelimit-limit, ratelimit-reset
//	console, console-examples, console-query, console-variables, console-run,
//	console-result, console-errors, console-error, console-cost, console-signed-out,
//	console-keys, console-schema, console-completions, console-completion,
//	console-error-place (data-line, data-column on console-error; data-checked on
//	console-errors: true when the console's own check stopped the query),
//	console-variables-error, console-note, console-share, console-share-link, console-saved,
//	console-save-name, console-save, console-delete, console-copy, console-download-json,
//	console-csv-table, console-download-csv
//	settings, settings-site, settings-client-id, settings-save, settings-reset,
//	settings-saved, settings-signin, settings-redirect-uri, settings-in-use, settings-session,
//	settings-storage, settings-steps, settings-clients-url
//	<uri>-copy, <uri>-copy-status                           beside a redirect URI (settings-redirect-uri, stalled-signin-redirect-uri)
//	<check>, <check>-run, <check>-result (data-status="accepted"|"rejected"|"unreachable"|"unclear",
//	data-client), <check>-message, <check>-details          a client check (settings-check, stalled-signin-check)
//	stalled-signin, stalled-signin-text, stalled-signin-dismiss   a sign-in that never came back (home)
//	explorer (data-state="fetching"|"rate-limited"|"error"|"done"|"idle"), explorer-status
//	(data-requests: its own, 0 when the first screen's page held all; data-new;
//	both when done), explorer-countdown, explorer-resume,
//	explorer-heading, explorer-count (data-count), explorer-report (data-code,
//	data-visibility), explorer-prev, explorer-next, explorer-page, explorer-empty
//	calendar (data-total), calendar-grid (role="grid"; days are role="gridcell"
//	with data-day and an aria-label "…: 3 reports, 1 private"), calendar-status
//	privacy, privacy-total, privacy-row (data-guild, data-left), privacy-filter,
//	privacy-left, privacy-show-left
//	filters, filter-visibility, filter-guild, filter-zone, filter-from, filter-to,
//	filter-query, filter-clear
//
// The error codes (data-error) are Explanation.Code: access-denied,
// redirect-uri-mismatch, revoke-failed, state-used, unknown-state,
// state-expired, site-mismatch, issuer-mismatch, issuer-missing, no-callback,
// bad-callback, signed-out, session-ended, unauthenticated, client-blocked,
// too-large, empty-query, rate-limited, server-error, not-json, redirected,
// network, code-rejected, oauth-error, graphql, storage-full, storage-disabled,
// no-client-id, bad-variables, config, timeout, report-private,
// report-not-found, report-refused, report-code, error.
package ui
