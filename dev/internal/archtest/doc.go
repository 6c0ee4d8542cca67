// Package archtest holds a test only: a fresh module that imports nothing
// but github.com/pkcelogs/pkcelogs/ui, as an embedder's would, resolves a
// module graph without the development module's server-side dependencies
// (issue 10: `go get github.com/pkcelogs/pkcelogs/ui` pulls none of them).
//
// It lives in the development module because it needs the repository
// around the root module; cmd/wasm's tests check the root module's own
// graph and its packages' imports.
package archtest
