package logsapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/machinebox/graphql"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// Client calls one site's user GraphQL API. It is safe for concurrent use.
type Client struct {
	endpoint string
	hc       *http.Client
	game     string
	q        queries
	now      func() time.Time
}

// New returns a client for the GraphQL endpoint (sites.Site.APIURL). hc carries
// the authorization, usually pkce.Refresher.Client(nil); nil means
// http.DefaultClient. game is sites.Site.Game ("warcraft", "ffxiv" or "eso"); it
// selects which site-specific fields the queries ask for, and an unknown game
// asks only for the fields every site has.
func New(endpoint string, hc *http.Client, game string) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{endpoint: endpoint, hc: hc, game: game, q: buildQueries(game), now: time.Now}
}

// Game reports the game the client's queries are written for.
func (c *Client) Game() string { return c.game }

// Endpoint reports the GraphQL endpoint the client sends to.
func (c *Client) Endpoint() string { return c.endpoint }

// do sends one query and decodes its "data" into out. It returns the GraphQL
// errors (with out holding the partial data) or a typed failure.
func (c *Client) do(ctx context.Context, query string, vars map[string]any, out any) (*exchange, error) {
	ex := &exchange{}
	base := c.hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc := &http.Client{
		// The API never redirects; following one would send the bearer token
		// (added by the caller's transport) to wherever it pointed. NoRedirects
		// turns a redirect into a *pkce.RedirectError, in a browser too.
		Transport:     &apiTransport{base: pkce.NoRedirects(base, endpointAPI), now: c.now, ex: ex},
		Jar:           c.hc.Jar,
		Timeout:       c.hc.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	req := graphql.NewRequest(query)
	for k, v := range vars {
		if v != nil { // explicit nulls have made the real API fail: omit them
			req.Var(k, v)
		}
	}
	err := graphql.NewClient(c.endpoint, graphql.WithHTTPClient(hc)).Run(ctx, req, out)
	switch {
	case ex.err != nil:
		return ex, ex.err
	case err != nil && ctx.Err() != nil:
		return ex, ctx.Err()
	case err != nil && ex.reached:
		// The envelope was fine but "data" did not fit the expected shape.
		return ex, responseError(ex.status, ex.ctype, ex.data)
	case err != nil:
		// The request never left (a malformed endpoint URL, say).
		return ex, &pkce.NetworkError{Endpoint: endpointAPI, URL: c.endpoint, Err: err}
	case len(ex.errs) > 0:
		return ex, ex.errs
	}
	return ex, nil
}

// isGraphQL reports whether err is GraphQLErrors, the one failure that comes
// with (partial) data.
func isGraphQL(err error) bool {
	var g GraphQLErrors
	return errors.As(err, &g)
}

// optional returns n, or nil (omitted) when n is not positive.
func optional(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

// maxPageSize is the largest page the API serves (reports: limit 1–100).
const maxPageSize = 100

// pageSize is an optional limit, capped at what the API accepts rather than
// letting it answer with an error.
func pageSize(n int) any { return optional(min(n, maxPageSize)) }

// RawResult is the answer to a console query.
type RawResult struct {
	Data      json.RawMessage // the "data" member as sent; "null" when absent
	Errors    []GraphQLError  // every GraphQL error, in order
	RateLimit *RateLimit      // read right after the query, to show its cost; nil if that failed
}

// Run sends a query typed by a person (the console). Variables whose value is
// nil are omitted. GraphQL errors are part of the result (RawResult.Errors),
// not a returned error: the error is for answers that are not GraphQL at all
// (401, 403, 429, 5xx, a non-JSON page, no connection).
func (c *Client) Run(ctx context.Context, query string, variables map[string]any) (*RawResult, error) {
	if strings.TrimSpace(query) == "" {
		return nil, ErrEmptyQuery
	}
	var data json.RawMessage
	ex, err := c.do(ctx, query, variables, &data)
	if err != nil && !isGraphQL(err) {
		return nil, err
	}
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	res := &RawResult{Data: data, Errors: ex.errs}
	res.RateLimit, _ = c.RateLimit(ctx)
	return res, nil
}
