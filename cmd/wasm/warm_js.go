//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hack-pad/safejs"
	"golang.org/x/oauth2"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/sites"
)

// inWorker reports whether the program runs without a document: in the
// signed-out page's warm-up worker (dev/internal/webapp/appjs.go), which runs
// the full build's start-up so that V8 caches its compiled code before the
// callback page needs it. main stops before go-app there.
func inWorker() bool {
	doc, err := safejs.Global().Get("document")
	return err != nil || doc.IsUndefined() || doc.IsNull()
}

// warmDoc is shaped like the answers a sign-in decodes (the token endpoint's,
// RFC 6749 section 5.1, and a GraphQL answer); it is no one's data.
const warmDoc = `{"access_token":"a","token_type":"Bearer","expires_in":3600,"refresh_token":"r","scope":"s t",
"data":{"userData":{"currentUser":{"id":1,"name":"n","guilds":[{"id":2,"name":"g","server":{"name":"s","region":{"compactName":"EU"}}}],"characters":[]}},
"rateLimitData":{"limitPerHour":3600,"pointsSpentThisHour":1.5,"pointsResetIn":100}},"ok":true,"none":null,"list":[1,2.5,"x",false]}`

// warmUp runs, in the warm-up worker only, the standard library's generic
// code that every sign-in's callback page runs: JSON decoding (into maps and
// into structs) and encoding, URL parsing and encoding, time parsing and
// formatting. V8 compiles each function on its first call and caches only
// what ran, and encoding/json alone was ~15% of what the callback page
// compiled lazily (docs/benchmarks.md). It touches no storage, network or
// page, and keeps nothing.
func warmUp() {
	var generic map[string]any
	_ = json.Unmarshal([]byte(warmDoc), &generic)
	var typed struct {
		AccessToken string  `json:"access_token"`
		ExpiresIn   int64   `json:"expires_in"`
		Scope       *string `json:"scope"`
		Data        struct {
			UserData struct {
				CurrentUser struct {
					ID     int    `json:"id"`
					Name   string `json:"name"`
					Guilds []struct {
						ID     int               `json:"id"`
						Server map[string]any    `json:"server"`
						Extra  json.RawMessage   `json:"extra"`
						Tags   map[string]string `json:"tags"`
					} `json:"guilds"`
				} `json:"currentUser"`
			} `json:"userData"`
			RateLimit struct {
				Spent float64 `json:"pointsSpentThisHour"`
			} `json:"rateLimitData"`
		} `json:"data"`
		OK   bool  `json:"ok"`
		List []any `json:"list"`
	}
	dec := json.NewDecoder(strings.NewReader(warmDoc))
	dec.UseNumber()
	_ = dec.Decode(&typed)
	_ = json.Unmarshal([]byte(warmDoc), &typed)
	_, _ = json.Marshal(generic)
	_, _ = json.Marshal(typed)
	if u, err := url.Parse("https://example.invalid/callback?code=c&state=s&iss=https%3A%2F%2Fexample.invalid"); err == nil {
		q := u.Query()
		q.Set("grant_type", "authorization_code")
		_ = q.Encode()
		_ = u.String()
	}
	if t, err := time.Parse(time.RFC3339, "2026-01-02T03:04:05Z"); err == nil {
		_ = t.Add(time.Hour).Format(time.RFC3339Nano)
		_ = t.Local().Format("2 Jan 2006 15:04")
	}
}

// cannedTransport answers every request with warmDoc, without a network: the
// warm-up's requests go no further than this.
type cannedTransport struct{}

func (cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Content-Type": {"application/json"}},
		Body:    io.NopCloser(strings.NewReader(warmDoc)),
		Request: r,
	}, nil
}

// warmAPI runs the code the callback page runs around its two requests, on
// cannedTransport: x/oauth2's code exchange (RFC 6749 section 4.1.3, with a
// PKCE verifier) and its authorizing transport, net/http's client, and the
// first screen's GraphQL request through machinebox/graphql and logsapi's
// decoding. The example.invalid addresses are never reached. It returns
// what it decoded, for its test.
func warmAPI() (*logsapi.Overview, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ctx = context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Transport: cannedTransport{}})
	cfg := oauth2.Config{
		ClientID:    "warm-up",
		Endpoint:    oauth2.Endpoint{TokenURL: "https://example.invalid/oauth/token", AuthStyle: oauth2.AuthStyleInParams},
		RedirectURL: "https://example.invalid/callback",
	}
	tok, err := cfg.Exchange(ctx, "code", oauth2.VerifierOption("verifier"))
	if err != nil {
		return nil, err
	}
	return logsapi.New("https://example.invalid/api/v2/user", cfg.Client(ctx, tok), sites.GameWarcraft).Overview(ctx, 1, 10)
}
