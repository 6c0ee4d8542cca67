package logsapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrUnauthenticated is returned when the API answers HTTP 401: the access
// token is missing, expired or revoked (after the caller's client, such as
// pkce.Refresher, has already tried a refresh).
var ErrUnauthenticated = errors.New("logsapi: the API did not accept the sign-in (HTTP 401 Unauthenticated): " +
	"the session has expired or was revoked; sign in again")

// ErrForbidden is returned when the API answers HTTP 403 with a body that is
// not an HTML page: the site has blocked or banned the client id.
var ErrForbidden = errors.New("logsapi: the API refused this client (HTTP 403 Forbidden): " +
	"the site has blocked or banned this client id; register your own client on the site's API clients page and use its id")

// ErrResponseTooLarge is returned when an answer is larger than a page should
// hold (MaxResponseBytes), which only a console query can cause.
var ErrResponseTooLarge = fmt.Errorf("logsapi: the answer is larger than %d MiB, more than this page will hold: "+
	"ask for fewer fields or a smaller page (limit)", MaxResponseBytes>>20)

// ErrEmptyQuery is returned by Client.Run for a query with nothing in it.
var ErrEmptyQuery = errors.New("logsapi: the query is empty; write one and try again, such as " + ExampleQuery)

// ExampleQuery is the smallest query every site answers, offered to a person
// whose query was empty.
const ExampleQuery = "{ rateLimitData { limitPerHour } }"

// RateLimitedError is returned when the API answers HTTP 429: the client id
// has spent its hourly points (the budget is per client id, shared by every
// user of that client).
type RateLimitedError struct {
	// RetryAfter is how long to wait, from the Retry-After header (seconds or
	// an HTTP date); zero when the site did not say.
	RetryAfter time.Duration
}

func (e *RateLimitedError) Error() string {
	wait := "when the hourly budget resets (at most an hour)"
	if e.RetryAfter > 0 {
		wait = "in " + e.RetryIn()
	}
	return "logsapi: rate limited (HTTP 429 Too Many Requests): this client id has spent its points for the hour; try again " +
		wait + ", or use your own client id for a budget of your own"
}

// RetryIn says RetryAfter as a person would: "1 hour", "1 minute 30 seconds"
// rather than Go's "1h0m0s"; "" when the site did not say.
func (e *RateLimitedError) RetryIn() string {
	if e.RetryAfter <= 0 {
		return ""
	}
	return spokenDuration(e.RetryAfter)
}

// spokenDuration says d as a person would, in whole seconds (at least one).
func spokenDuration(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Second {
		d = time.Second
	}
	units := []struct {
		size time.Duration
		name string
	}{{time.Hour, "hour"}, {time.Minute, "minute"}, {time.Second, "second"}}
	var parts []string
	for _, u := range units {
		if n := d / u.size; n > 0 {
			d -= n * u.size
			part := fmt.Sprintf("%d %s", n, u.name)
			if n != 1 {
				part += "s"
			}
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, " ")
}

// ServerError is returned when the API answers with an HTTP 5xx status
// (including a CDN's 52x): a fault on the site's side.
type ServerError struct {
	Status int
}

func (e *ServerError) Error() string {
	return fmt.Sprintf("logsapi: the API failed on the site's side (HTTP %d %s); try again in a minute, "+
		"and check the site's status if it keeps failing", e.Status, e.StatusText())
}

// StatusText names the status ("Service Unavailable"), or says it is unknown
// (a CDN's 52x has no standard name).
func (e *ServerError) StatusText() string {
	if t := http.StatusText(e.Status); t != "" {
		return t
	}
	return "unknown status"
}

// GraphQLError is one entry of a GraphQL response's "errors" array.
type GraphQLError struct {
	Message    string         `json:"message"`
	Locations  []Location     `json:"locations,omitempty"`
	Path       []any          `json:"path,omitempty"` // field names (string) and list indexes (float64)
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Location is a position in the query that a GraphQLError points at.
type Location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

func (e GraphQLError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "(no message)"
	}
	if len(e.Path) > 0 {
		parts := make([]string, len(e.Path))
		for i, p := range e.Path {
			parts[i] = fmt.Sprint(p)
		}
		msg += " (at " + strings.Join(parts, ".") + ")"
	}
	return msg
}

// GraphQLErrors holds every error of a GraphQL answer, in order. A method that
// returns it also returns whatever partial data came back beside it. It is a
// slice, so two of them cannot be compared with ==: use errors.As to find it
// and compare Error() texts.
type GraphQLErrors []GraphQLError

func (e GraphQLErrors) Error() string {
	return "logsapi: the API answered with " + e.Listed() +
		" (the data that did come back is still shown; check the query and that the sign-in has the scopes it needs)"
}

// Listed names how many errors there are and lists them, each in the site's
// own words with the field it concerns: "2 errors: a; b".
func (e GraphQLErrors) Listed() string {
	msgs := make([]string, len(e))
	for i, g := range e {
		msgs[i] = g.Error()
	}
	noun := "an error"
	if len(e) != 1 {
		noun = fmt.Sprintf("%d errors", len(e))
	}
	return noun + ": " + strings.Join(msgs, "; ")
}
