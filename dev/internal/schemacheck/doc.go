// Package schemacheck holds a test only: every GraphQL document the logsapi
// client sends, as logsapi/testdata/queries.json records them (logsapi's
// TestQueriesFile keeps that file current), validates against the published
// schema of the site its game belongs to, with the variables the client sends.
// FF Logs publishes no schema: its schema is the Warcraft Logs one adjusted by
// gqlwork.FFXIV, the rule the query console uses, so it is written once.
//
// It lives in the development module because the GraphQL validator it uses
// (graph-gophers/graphql-go) must not become a requirement of the module an
// embedder imports.
package schemacheck
