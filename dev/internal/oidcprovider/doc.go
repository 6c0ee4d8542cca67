//go:build !js

// Package oidcprovider is a second, independently written OAuth 2.0
// authorization server for the end-to-end tests: the OpenID-certified OP of
// github.com/zitadel/oidc/v3 (package op), run in-process with a storage of
// this package that is as strict as a production server may be:
//
//   - one public client (token endpoint auth method "none", RFC 6749 §2.1)
//     with exact redirect URIs (RFC 6749 §3.1.2.2; no prefix or port
//     matching);
//   - PKCE with S256 required on every authorization request (RFC 7636 §4.3;
//     "plain" and a missing challenge are refused), the verifier checked at
//     the token endpoint (§4.6);
//   - JWT access tokens (RFC 9068 style) with a short, adjustable lifetime;
//   - rotating refresh tokens (RFC 9700 §4.14.2, OAuth 2.1 §4.3.1): each
//     refresh spends the presented token and issues a new one, and
//     presenting a spent refresh token revokes the whole grant (every access
//     and refresh token issued from the sign-in), as refresh-token replay
//     detection prescribes; a reused authorization code does the same
//     (RFC 6749 §4.1.2);
//   - token revocation (RFC 7009): revoking a refresh token ends the grant
//     (§2.1), revoking an access token ends that token;
//   - the iss parameter on every authorization response (RFC 9207 §2),
//     which the library does not add itself;
//   - CORS on the token, revocation and API endpoints for the app's origins
//     only;
//   - sign-in approved automatically as one fixture user (no login page).
//
// Beside the OAuth endpoints it serves the user GraphQL API
// (/api/v2/user) of internal/provider's schema and fixtures, for the
// access tokens it issued and that are still valid.
//
// Tests read the server's own records: every refresh token presented at the
// token endpoint with its outcome (Presented, Reused), every grant
// revocation and why (Revocations), and can hold refresh responses
// (SetRefreshHold) to widen race windows.
package oidcprovider
