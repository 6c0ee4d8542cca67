//go:build !js

package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Bearer is what another authorization server's token check says about an
// access token: the fixture user it was issued to (UserAlice, ...), its
// scopes and its client.
type Bearer struct {
	Login    string
	Scopes   []string
	ClientID string
}

// ForeignAPI serves the same user GraphQL API as the provider (schema,
// fixtures, rate limit and errors as the real sites send them) for access
// tokens issued by another authorization server: authenticate checks the
// request's bearer token and says whose it is, or false for 401
// {"error":"Unauthenticated."}. baseURL is the origin for avatar links. It
// sends no CORS headers: wrap it. The e2e suite uses it to let the app talk
// to an independently written OAuth 2.0 server.
func ForeignAPI(game, baseURL string, authenticate func(*http.Request) (Bearer, bool)) (http.Handler, error) {
	if game == "" {
		game = GameWarcraft
	}
	users := newUserDirectory(game)
	api, err := newGraphAPI(game, baseURL, users)
	if err != nil {
		return nil, err
	}
	limits := newRateLimiter(3600, time.Now)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost && r.Method != http.MethodGet {
			w.Header().Set("Allow", "GET, POST")
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "The " + r.Method + " method is not supported for this route."})
			return
		}
		b, ok := authenticate(r)
		u := users.byLogin(b.Login)
		if !ok || u == nil {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "Unauthenticated."})
			return
		}
		rate, ok := limits.spend(b.ClientID, PointsPerRequest)
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(rate.ResetIn.Seconds()))))
			writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "Too Many Attempts."})
			return
		}
		req, err := readGraphQLRequest(r)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, graphqlErrors(err.Error()))
			return
		}
		vars := make(map[string]any, len(req.Variables))
		for name, raw := range req.Variables {
			var val any
			if err := json.Unmarshal(raw, &val); err != nil {
				writeJSON(w, http.StatusBadRequest, graphqlErrors(fmt.Sprintf("variables: %v", err)))
				return
			}
			vars[name] = val
		}
		v := &viewer{user: u, scopes: b.Scopes, clientID: b.ClientID, rate: rate}
		resp := api.schema.Exec(context.WithValue(r.Context(), viewerKey{}, v), req.Query, req.OperationName, vars)
		writeJSON(w, http.StatusOK, resp)
	}), nil
}
