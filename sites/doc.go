// Package sites is the product catalogue: the Logs sites (Warcraft Logs and its
// game versions, FF Logs, ESO Logs) as OAuth 2.0 providers with a user GraphQL
// API, their games, and custom providers configured by a deployer.
//
// The protocol lives in package pkce, which knows a provider only by its
// endpoints, issuer and scopes (pkce.Provider). A Site adds what this app needs
// beyond the protocol: which game's schema the API speaks, where the API is and
// where a person registers a client.
package sites
