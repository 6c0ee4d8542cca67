//go:build !js

// Package provider is the local stand-in for Warcraft Logs, FF Logs and ESO Logs: a real
// OAuth 2.0 authorization server built on github.com/ory/fosite and the user GraphQL API at
// /api/v2/user, served by github.com/graph-gophers/graphql-go from a schema that is a
// subset of the real one. It exists so that development, tests and benchmarks never need a
// real account, and it is strict where the real sites are strict, so a client that works
// here works there. Server only: it does not build for js/wasm.
//
// # Authorization server
//
//   - /oauth/authorize: authorization code with PKCE (RFC 7636), S256 only, for every
//     client. No challenge, "plain", or no method → error=invalid_request on the redirect.
//     A client id or redirect URI that is not registered exactly (scheme, host, port, path,
//     trailing slash) is never redirected to: as on Warcraft Logs, the page answers HTTP 401
//     invalid_client "Client authentication failed", with what was wrong only in small
//     print marked as the local provider's. The consent page
//     lets a person pick a fixture user, shows the requested scopes, and answers Approve
//     (a code) or Deny (error=access_denied). [Provider.SetAutoApprove] skips it.
//   - /oauth/token: public clients only (client_id, no secret). Codes are single-use and
//     short-lived (Options.CodeTTL); a reused code revokes what it issued. Every grant
//     returns a refresh token, as the real sites do; refresh tokens rotate and a replayed
//     one revokes its whole family. Wrong or missing verifier → invalid_grant. A code it
//     never issued → invalid_grant "Cannot validate the provided authorization code" for
//     a registered client, invalid_client (401) for an unknown client id, as on Warcraft
//     Logs: the app's "Check this client" tells the two mistakes apart with it.
//   - /oauth/revoke: RFC 7009. The real sites have none; pkce uses it when configured.
//   - Token responses: {"token_type":"Bearer","expires_in":…,"access_token":"<JWT>",
//     "refresh_token":"…"}; the JWT (ES256) carries sub (user id), aud (client id), exp and
//     a "scopes" array. Errors carry error, error_description, hint and message, as the
//     real sites' OAuth library sends them.
//   - Every authorization response, code or error, carries iss = [Provider.Issuer], the
//     base URL (RFC 9207 §2), so a client can tell which server answered (mix-up, RFC
//     9700 §4.4). Options.Issuer and [Provider.SetIssuerParameter] leave it out or send
//     another value, to test the client's checks. The provider serves no metadata
//     (RFC 8414), so there is nothing to advertise
//     authorization_response_iss_parameter_supported in.
//   - Scopes: view-user-profile, view-private-reports.
//   - CORS: the token, revocation and API endpoints answer Options.AppOrigins (preflight
//     included, Retry-After exposed); the authorize endpoint never does.
//
// # User API
//
// POST (or GET) /api/v2/user with a bearer access token. The token is checked with fosite:
// signature, expiry, and that it was not revoked or rotated away; otherwise HTTP 401
// {"error":"Unauthenticated."}. Each request costs [PointsPerRequest] of the client's
// hourly budget (Options.RateLimitPerHour); once spent, HTTP 429 {"error":"Too Many
// Attempts."} with Retry-After. Everything else is HTTP 200 with data and/or errors,
// including an explicit null variable ("Internal server error", as the real API answers).
//
// Rules: userData.currentUser is null without view-user-profile; guilds, characters,
// Guild.currentUserRank and Character.claimed need it too, and guilds and characters are
// only shown for the signed-in user. reports(userID|guildID, zoneID, startTime, endTime,
// limit 1–100 (default 100), page) lists newest first with total, per_page, current_page,
// from, to, last_page and has_more_pages; listings hold public reports, the owner's own
// unlisted ones, and the owner's private ones with view-private-reports. report(code)
// shows public and unlisted reports to anyone; a private one to anyone else is an error
// with report null. A report's fights (id, name, encounterID, kill, startTime, endTime
// relative to the report, bossPercentage, fightPercentage, difficulty) and
// masterData.actors(type: "Player") (id, name, type, subType = class or job, server) are
// generated from its code (fixtures_fights.go), in the game's flavour.
//
// /reports/CODE is a small stand-in for a site's report page ([Provider.ReportURL]), so
// the app's links to the site lead somewhere.
//
// Options.Game selects the flavour: warcraft (User.avatar, User.battleTag,
// Character.level/faction), eso (User.naDisplayName/euDisplayName,
// Character.displayName, no level) or ffxiv (Character.lodestoneID). The schemas are in
// schema/; a field or argument outside them fails as it would on the real site.
//
// # Fixtures
//
// Users alice (id 1), bob (id 2) and carol (id 3), five guilds on three servers in two
// regions (one, Old Guard, alice has left), six characters, and a year of reports up to 30
// October 2026 generated over each guild's raid nights (fixtures_reports.go; alice owns
// 328): public, unlisted and private, guild and personal (guild null), in the game's zones.
// [FixtureReports] lists them for tests; [Provider.SetReportCutoff] hides the newest, as
// if not uploaded yet.
//
// # For tests
//
// [Start] serves on a free loopback port. It refuses any address that is not loopback
// unless Options.PublicAnyoneCanSignIn says so: there are no passwords, so whoever reaches
// the provider signs in as the fixture users. [Provider.SetFault] makes an endpoint slow, fail
// with a status, answer an HTML page, or drop the connection, until cleared or for a number
// of requests. [Provider.Requests] lists what arrived, with query and form values, so a
// test can prove that the authorize request carried only the challenge and the token
// request the verifier and no secret.
package provider
