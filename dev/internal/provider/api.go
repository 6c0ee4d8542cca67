//go:build !js

package provider

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/graph-gophers/graphql-go"
	"github.com/ory/fosite"
)

//go:embed schema/*.graphql
var schemaFiles embed.FS

// schemaSDL returns the GraphQL schema the API serves for game: common.graphql plus the
// game's User and Character types.
func schemaSDL(game string) (string, error) {
	common, err := schemaFiles.ReadFile("schema/common.graphql")
	if err != nil {
		return "", err
	}
	flavour, err := schemaFiles.ReadFile("schema/" + game + ".graphql")
	if err != nil {
		return "", fmt.Errorf("provider: no schema for game %q", game)
	}
	return string(common) + "\n" + string(flavour), nil
}

type graphAPI struct {
	schema *graphql.Schema
	root   *rootResolver
}

func newGraphAPI(game, base string, d *userDirectory) (*graphAPI, error) {
	sdl, err := schemaSDL(game)
	if err != nil {
		return nil, err
	}
	root := &rootResolver{d: d, base: base}
	schema, err := graphql.ParseSchema(sdl, root, graphql.MaxDepth(12), graphql.MaxQueryLength(32<<10))
	if err != nil {
		return nil, fmt.Errorf("provider: schema for %s: %w", game, err)
	}
	return &graphAPI{schema: schema, root: root}, nil
}

// graphQLRequest is the body of a POST to the API.
type graphQLRequest struct {
	Query         string                     `json:"query"`
	OperationName string                     `json:"operationName"`
	Variables     map[string]json.RawMessage `json:"variables"`
}

// handleAPI serves /api/v2/user as the real sites do: 401 {"error":"Unauthenticated."} for
// a missing, malformed, expired or revoked access token; 429 with Retry-After once the
// client's points are spent; otherwise HTTP 200 with data and/or errors.
func (p *Provider) handleAPI(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET, POST")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "The " + r.Method + " method is not supported for this route. Supported methods: GET, HEAD, POST."})
		return
	}
	v, ok := p.authenticate(r)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "Unauthenticated."})
		return
	}
	rate, ok := p.limits.spend(v.clientID, PointsPerRequest)
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(rate.ResetIn.Seconds()))))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "Too Many Attempts."})
		return
	}
	v.rate = rate
	req, err := readGraphQLRequest(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, graphqlErrors(err.Error()))
		return
	}
	vars := make(map[string]any, len(req.Variables))
	for name, raw := range req.Variables {
		// The real API has answered an explicit null variable with "Internal server error";
		// clients must omit unset variables, and this keeps them honest.
		if strings.TrimSpace(string(raw)) == "null" {
			writeJSON(w, http.StatusOK, graphqlErrors("Internal server error"))
			return
		}
		var val any
		if err := json.Unmarshal(raw, &val); err != nil {
			writeJSON(w, http.StatusBadRequest, graphqlErrors("variables: "+err.Error()))
			return
		}
		vars[name] = val
	}
	ctx := context.WithValue(r.Context(), viewerKey{}, v)
	resp := p.api.schema.Exec(ctx, req.Query, req.OperationName, vars)
	writeJSON(w, http.StatusOK, resp)
}

// authenticate checks the bearer token with fosite: the JWT signature and expiry, and that
// the token is still stored (not revoked, not rotated away by a refresh, not burnt by a
// reused code).
func (p *Provider) authenticate(r *http.Request) (*viewer, bool) {
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return nil, false
	}
	_, ar, err := p.oauth.IntrospectToken(r.Context(), strings.TrimSpace(token), fosite.AccessToken, &session{})
	if err != nil {
		return nil, false
	}
	s, ok := ar.GetSession().(*session)
	if !ok {
		return nil, false
	}
	id, err := strconv.Atoi(s.Subject)
	if err != nil || p.users.byID(id) == nil {
		return nil, false
	}
	return &viewer{user: p.users.byID(id), scopes: ar.GetGrantedScopes(), clientID: ar.GetClient().GetID()}, true
}

func readGraphQLRequest(r *http.Request) (*graphQLRequest, error) {
	var req graphQLRequest
	if r.Method == http.MethodGet {
		q := r.URL.Query()
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
		if vs := q.Get("variables"); vs != "" {
			if err := json.Unmarshal([]byte(vs), &req.Variables); err != nil {
				return nil, fmt.Errorf("variables must be a JSON object: %v", err)
			}
		}
	} else {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
			return nil, fmt.Errorf("the request body must be JSON (Content-Type: application/json), not %q", r.Header.Get("Content-Type"))
		}
		dec := json.NewDecoder(r.Body)
		if err := dec.Decode(&req); err != nil {
			return nil, fmt.Errorf("the request body is not a GraphQL request: %v", err)
		}
	}
	if strings.TrimSpace(req.Query) == "" {
		return nil, fmt.Errorf("the request has no query")
	}
	return &req, nil
}

func graphqlErrors(msg string) map[string]any {
	return map[string]any{"errors": []map[string]string{{"message": msg}}}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"errors":[{"message":"Internal server error"}]}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
}
