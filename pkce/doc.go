// Package pkce signs a person in to an OAuth 2.0 site from a browser with the
// authorization code grant and PKCE, as a public client: no client secret and no
// backend (RFC 6749 §4.1, RFC 7636, RFC 8252 §8, OAuth 2.0 for Browser-Based Apps).
// It is pure Go, with no syscall/js, so it runs and tests natively and in WebAssembly.
//
// The flow, one function per step:
//
//  1. Flow.Start makes a code verifier (RFC 7636 §4.1) and an unguessable state
//     (RFC 6749 §10.12), stores a Pending sign-in under the state in a Store
//     (localStorage in the browser), and returns the authorization URL carrying
//     only the S256 challenge (RFC 7636 §4.2–4.3). Navigate to it in the same tab.
//  2. The site redirects back with code and state (RFC 6749 §4.1.2).
//     Flow.Finish parses that address strictly (ParseCallback), takes the pending
//     sign-in (unknown, expired or already used states are named errors), deletes
//     it before the exchange so the code is used once, checks it belongs to this
//     site and client (mix-up defence), and exchanges the code with client_id and
//     code_verifier (RFC 6749 §4.1.3, RFC 7636 §4.5). Result.CleanURL is the address
//     without code and state, for history.replaceState.
//  3. The Token records the expiry computed from expires_in at receipt, and the
//     subject and scopes read (not verified) from the access token's JWT payload.
//  4. A Refresher keeps the token fresh (RFC 6749 §6): refreshes are serialised
//     in-process and across tabs (Locker), re-read storage so a rotated refresh
//     token is never spent twice, pass every new token to Save, and its Client adds
//     the Bearer header (RFC 6750 §2.1) and retries once after a 401.
//  5. Flow.Revoke revokes the tokens at sign-out where the site supports RFC 7009.
//
// Every failure is a value a caller can branch on: the sentinels (ErrUnknownState,
// ErrStateUsed, ErrSignInAgain, ...) with errors.Is, and *OAuthError,
// *NetworkError and *ResponseError with errors.As. Their messages are written for
// the person using the page: what happened and what to do.
//
// A Provider is an authorization server as a public client sees it: endpoints,
// issuer (RFC 9207) and scopes. Which providers exist (the Logs sites, custom
// ones) is the sites package's business, not the protocol's.
//
// The token endpoint is called through golang.org/x/oauth2 with
// AuthStyleInParams, so client_id travels in the form body and no Authorization
// header or secret is ever sent.
package pkce
