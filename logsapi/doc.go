// Package logsapi is a client for the user GraphQL API (/api/v2/user) of
// Warcraft Logs, FF Logs and ESO Logs.
//
// It sends its queries through github.com/machinebox/graphql, over an
// *http.Client the caller supplies (usually pkce.Refresher.Client, which adds
// the Bearer token and refreshes it). machinebox/graphql v0.2.2 ignores the
// HTTP status and keeps only the first GraphQL error, so the client wraps the
// transport and turns every answer into something a caller can branch on:
//
//   - HTTP 401: ErrUnauthenticated (sign in again)
//   - HTTP 403: ErrForbidden (the client id is blocked)
//   - HTTP 429: *RateLimitedError, with Retry-After parsed
//   - HTTP 5xx: *ServerError
//   - a body that is not a GraphQL JSON answer (a CDN's HTML challenge page):
//     *pkce.ResponseError
//   - no answer at all (offline, CORS, a dropped connection): *pkce.NetworkError
//   - a redirect (3xx), never followed, since it would carry the token along:
//     *pkce.RedirectError
//   - GraphQL "errors" (HTTP 200): GraphQLErrors, every one of them, returned
//     beside whatever partial data came back.
//
// Queries differ by game ("warcraft", "eso", "ffxiv"): each asks only for the
// fields that game's schema has. Unset variables are omitted rather than sent
// as null, which the real API has answered with "Internal server error".
//
// The package uses only the standard library, pkce and machinebox/graphql, so
// it builds and tests natively and under GOOS=js GOARCH=wasm.
package logsapi
