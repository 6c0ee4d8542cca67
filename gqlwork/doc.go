// Package gqlwork is the query console's GraphQL workbench, free of the
// browser and of go-app so it runs and is tested natively and under js/wasm:
// it loads a site's schema (SDL, fetched as a static file by the console),
// validates a query against it before anything is sent (the rules of the
// GraphQL specification, section 5 "Validation", by
// github.com/vektah/gqlparser/v2), suggests what may come at the cursor
// (fields, arguments, enum values, with their type and description), and
// flattens a result into CSV.
//
// Line and column numbers are 1-based and count characters, as GraphQL's
// error locations do (GraphQL spec section 7.1.2, "Errors": "locations").
// Offsets into the query text are in characters (runes), not bytes; the
// console converts the page's UTF-16 caret offsets.
package gqlwork
