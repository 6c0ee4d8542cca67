package logsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// received is one request the test API saw.
type received struct {
	Auth      string
	Query     string
	Variables map[string]json.RawMessage
	rawVars   json.RawMessage
}

// testAPI is an httptest server on 127.0.0.1 that records requests and
// answers with handle.
type testAPI struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []received
}

func newTestAPI(t *testing.T, handle func(w http.ResponseWriter, r received)) *testAPI {
	t.Helper()
	api := &testAPI{}
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Query     string          `json:"query"`
			Variables json.RawMessage `json:"variables"`
		}
		if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&body) != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		rec := received{Auth: r.Header.Get("Authorization"), Query: body.Query, rawVars: body.Variables}
		_ = json.Unmarshal(body.Variables, &rec.Variables)
		api.mu.Lock()
		api.reqs = append(api.reqs, rec)
		api.mu.Unlock()
		handle(w, rec)
	}))
	t.Cleanup(api.Close)
	return api
}

func (a *testAPI) requests() []received {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]received(nil), a.reqs...)
}

func answer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// bearer is the caller's transport: it adds the token, as pkce.Refresher does.
type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}

func authed(token string) *http.Client { return &http.Client{Transport: bearer{token}} }

const overviewJSON = `{"data":{
 "userData":{"currentUser":{"id":1,"name":"alice","avatar":"https://x/a.png","battleTag":"alice#1234",
   "guilds":[{"id":10,"name":"Night Watch","faction":{"id":1,"name":"Alliance"},"currentUserRank":"Officer",
     "server":{"id":5,"name":"Argent Dawn","slug":"argent-dawn","region":{"id":2,"name":"Europe","compactName":"EU","slug":"eu"}}}],
   "characters":[{"id":100,"name":"Alicia","classID":7,"level":80,"hidden":false,"claimed":true,
     "server":{"id":5,"name":"Argent Dawn","slug":"argent-dawn","region":{"id":2,"name":"Europe","compactName":"EU","slug":"eu"}}},
     null]}},
 "reportData":{"reports":{"data":[
   {"code":"abc","title":"Raid","startTime":1700000000000,"endTime":1700003600000.4,"visibility":"private",
    "owner":{"id":1,"name":"alice"},"guild":null,"zone":{"id":38,"name":"Nerub-ar Palace"}},
   {"code":"def","title":"Alt run","startTime":1700100000000,"endTime":1700103600000,"visibility":"unlisted",
    "owner":{"id":1,"name":"alice"},"guild":{"id":10,"name":"Night Watch","faction":{"id":1,"name":"Alliance"},
    "server":{"id":5,"name":"Argent Dawn","slug":"argent-dawn","region":{"id":2,"name":"Europe","compactName":"EU","slug":"eu"}}},"zone":null}],
  "total":42,"per_page":2,"current_page":1,"last_page":21,"has_more_pages":true}},
 "rateLimitData":{"limitPerHour":3600,"pointsSpentThisHour":12.5,"pointsResetIn":1800}}}`

func TestOverviewOneRequest(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) { answer(w, 200, overviewJSON) })
	c := New(api.URL, authed("tok-123"), sites.GameWarcraft)
	o, err := c.Overview(context.Background(), 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want exactly 1", len(reqs))
	}
	if reqs[0].Auth != "Bearer tok-123" {
		t.Errorf("Authorization = %q, want the caller's bearer token", reqs[0].Auth)
	}
	if got := string(reqs[0].Variables["userID"]) + "," + string(reqs[0].Variables["limit"]); got != "1,2" {
		t.Errorf("variables userID,limit = %s", got)
	}
	if _, ok := reqs[0].Variables["page"]; ok {
		t.Error("page was sent although unset")
	}
	u := o.User
	if u == nil || u.ID != 1 || u.Name != "alice" || u.BattleTag != "alice#1234" || u.Avatar != "https://x/a.png" {
		t.Fatalf("user = %+v", u)
	}
	if len(u.Guilds) != 1 || u.Guilds[0].CurrentUserRank != "Officer" || u.Guilds[0].Server.Region.CompactName != "EU" || u.Guilds[0].Faction.Name != "Alliance" {
		t.Errorf("guilds = %+v", u.Guilds)
	}
	if len(u.Characters) != 1 || u.Characters[0].Level != 80 || u.Characters[0].Claimed == nil || !*u.Characters[0].Claimed {
		t.Errorf("characters = %+v (a null entry must be skipped)", u.Characters)
	}
	p := o.Reports
	if p == nil || len(p.Data) != 2 || p.Total != 42 || p.PerPage != 2 || p.LastPage != 21 || !p.HasMorePages {
		t.Fatalf("reports = %+v", p)
	}
	r0 := p.Data[0]
	if !r0.StartTime.Equal(time.UnixMilli(1700000000000)) || !r0.EndTime.Equal(time.UnixMilli(1700003600000)) {
		t.Errorf("times = %v – %v", r0.StartTime, r0.EndTime)
	}
	if r0.Guild != nil || r0.Zone == nil || r0.Zone.Name != "Nerub-ar Palace" || r0.Visibility != "private" || r0.Owner.Name != "alice" {
		t.Errorf("report 0 = %+v", r0)
	}
	if p.Data[1].Guild == nil || p.Data[1].Guild.Name != "Night Watch" || p.Data[1].Zone != nil {
		t.Errorf("report 1 = %+v", p.Data[1])
	}
	if rl := o.RateLimit; rl == nil || rl.LimitPerHour != 3600 || rl.PointsSpentThisHour != 12.5 || rl.PointsResetIn != 30*time.Minute {
		t.Errorf("rate limit = %+v", rl)
	}
}

func TestOverviewWithoutUserIDAsksForReportsSecond(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) {
		if strings.Contains(r.Query, "query Reports") {
			answer(w, 200, `{"data":{"reportData":{"reports":{"data":[],"total":0,"per_page":5,"current_page":1,"last_page":1,"has_more_pages":false}}}}`)
			return
		}
		answer(w, 200, `{"data":{"userData":{"currentUser":{"id":7,"name":"bob"}},"rateLimitData":{"limitPerHour":18000,"pointsSpentThisHour":0,"pointsResetIn":60}}}`)
	})
	o, err := New(api.URL, nil, sites.GameESO).Overview(context.Background(), 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 2 || string(reqs[1].Variables["userID"]) != "7" {
		t.Fatalf("requests = %+v, want the profile then bob's reports", reqs)
	}
	if o.User.Name != "bob" || o.Reports == nil || o.Reports.PerPage != 5 || o.RateLimit.LimitPerHour != 18000 {
		t.Errorf("overview = %+v", o)
	}
}

func TestOverviewWithoutProfileScope(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) {
		answer(w, 200, `{"data":{"userData":{"currentUser":null},"reportData":{"reports":{"data":[],"total":0,"per_page":10,"current_page":1,"last_page":1,"has_more_pages":false}},"rateLimitData":{"limitPerHour":1,"pointsSpentThisHour":0,"pointsResetIn":1}}}`)
	})
	o, err := New(api.URL, nil, sites.GameFFXIV).Overview(context.Background(), 3, 10)
	if err != nil || o.User != nil || o.Reports == nil {
		t.Fatalf("Overview = %+v, %v; want no user and the reports", o, err)
	}
}

func TestEveryGraphQLErrorKeptWithPartialData(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) {
		answer(w, 200, `{"errors":[
		  {"message":"You do not have permission to view this user's reports.","path":["reportData","reports"],"locations":[{"line":3,"column":16}]},
		  {"message":"Second problem.","extensions":{"category":"graphql"}}],
		 "data":{"userData":{"currentUser":{"id":1,"name":"alice"}},"reportData":{"reports":null},
		  "rateLimitData":{"limitPerHour":3600,"pointsSpentThisHour":3,"pointsResetIn":10}}}`)
	})
	o, err := New(api.URL, nil, sites.GameWarcraft).Overview(context.Background(), 1, 10)
	var gerrs GraphQLErrors
	if !errors.As(err, &gerrs) || len(gerrs) != 2 {
		t.Fatalf("err = %#v, want both GraphQL errors", err)
	}
	if gerrs[0].Path[1] != "reports" || gerrs[0].Locations[0].Line != 3 || gerrs[1].Extensions["category"] != "graphql" {
		t.Errorf("errors decoded as %+v", gerrs)
	}
	msg := err.Error()
	if !strings.Contains(msg, "permission to view") || !strings.Contains(msg, "Second problem.") || !strings.Contains(msg, "2 errors") {
		t.Errorf("message %q does not carry every error", msg)
	}
	if o == nil || o.User == nil || o.User.Name != "alice" || o.RateLimit == nil || o.Reports != nil {
		t.Errorf("partial data lost: %+v", o)
	}
}

func TestUnsetVariablesOmitted(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) {
		answer(w, 200, `{"data":{"reportData":{"reports":null},"rateLimitData":null}}`)
	})
	c := New(api.URL, nil, sites.GameWarcraft)
	if _, err := c.Reports(context.Background(), 1, 0, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background(), "query($a: Int, $b: Int) { rateLimitData { limitPerHour } }", map[string]any{"a": nil, "b": 2}); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if got := string(reqs[0].rawVars); got != `{"userID":1}` {
		t.Errorf("Reports sent variables %s, want only userID", got)
	}
	if got := string(reqs[1].rawVars); got != `{"b":2}` {
		t.Errorf("Run sent variables %s, want the nil one omitted", got)
	}
	for _, r := range reqs {
		if strings.Contains(string(r.rawVars), "null") && string(r.rawVars) != "null" {
			t.Errorf("explicit null variable sent: %s", r.rawVars)
		}
	}
	if _, err := c.Reports(context.Background(), 1, 3, 50); err != nil {
		t.Fatal(err)
	}
	if got := string(api.requests()[3].rawVars); got != `{"limit":50,"page":3,"userID":1}` {
		t.Errorf("Reports sent variables %s", got)
	}
	if _, err := c.Reports(context.Background(), 1, 1, 500); err != nil {
		t.Fatal(err)
	}
	if got := string(api.requests()[4].rawVars); got != `{"limit":100,"page":1,"userID":1}` {
		t.Errorf("Reports sent variables %s, want the limit capped at the API's 100", got)
	}
}

func TestHTTPStatusesBecomeTypedErrors(t *testing.T) {
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		status int
		header map[string]string
		body   string
		check  func(error) bool
		advice string
	}{
		{"401", 401, nil, `{"error":"Unauthenticated."}`, func(err error) bool { return errors.Is(err, ErrUnauthenticated) }, "sign in again"},
		{"403 JSON", 403, nil, `{"error":"Forbidden"}`, func(err error) bool { return errors.Is(err, ErrForbidden) }, "client"},
		{"403 plain text", 403, map[string]string{"Content-Type": "text/plain"}, "Forbidden", func(err error) bool { return errors.Is(err, ErrForbidden) }, "client"},
		{"403 CDN challenge", 403, map[string]string{"Content-Type": "text/html; charset=UTF-8"}, "<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>",
			func(err error) bool {
				var re *pkce.ResponseError
				return errors.As(err, &re) && re.Status == 403 && re.Snippet == "Just a moment..." && re.Endpoint == "api"
			}, "try again"},
		{"429 seconds", 429, map[string]string{"Retry-After": "120"}, `{"error":"Too Many Attempts."}`,
			func(err error) bool {
				var rl *RateLimitedError
				return errors.As(err, &rl) && rl.RetryAfter == 2*time.Minute
			}, "2 minutes"},
		{"429 date", 429, map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)}, ``,
			func(err error) bool {
				var rl *RateLimitedError
				return errors.As(err, &rl) && rl.RetryAfter == 90*time.Second
			}, "1 minute 30 seconds"},
		{"429 no header", 429, nil, ``,
			func(err error) bool { var rl *RateLimitedError; return errors.As(err, &rl) && rl.RetryAfter == 0 }, "hourly budget resets"},
		{"500", 500, nil, `{"message":"Server Error"}`, func(err error) bool { var se *ServerError; return errors.As(err, &se) && se.Status == 500 }, "try again"},
		{"502", 502, map[string]string{"Content-Type": "text/html"}, `<html>bad gateway</html>`, func(err error) bool { var se *ServerError; return errors.As(err, &se) && se.Status == 502 }, "try again"},
		{"522", 522, nil, ``, func(err error) bool { var se *ServerError; return errors.As(err, &se) && se.Status == 522 }, "522"},
		{"200 HTML", 200, map[string]string{"Content-Type": "text/html"}, "<html><title>Attention Required! | Cloudflare</title>",
			func(err error) bool {
				var re *pkce.ResponseError
				return errors.As(err, &re) && re.Status == 200 && strings.Contains(re.Snippet, "Cloudflare")
			}, "try again"},
		{"200 JSON not GraphQL", 200, nil, `{"status":"ok"}`, func(err error) bool { var re *pkce.ResponseError; return errors.As(err, &re) }, "expected JSON"},
		{"200 truncated JSON", 200, nil, `{"data":{"rateLimitData":`, func(err error) bool { var re *pkce.ResponseError; return errors.As(err, &re) }, "try again"},
		{"200 wrong shape", 200, nil, `{"data":{"rateLimitData":{"limitPerHour":"lots"}}}`, func(err error) bool { var re *pkce.ResponseError; return errors.As(err, &re) && re.Status == 200 }, "try again"},
		{"404", 404, map[string]string{"Content-Type": "text/plain"}, "not found", func(err error) bool { var re *pkce.ResponseError; return errors.As(err, &re) && re.Status == 404 }, "404"},
		{"400 with GraphQL errors", 400, nil, `{"errors":[{"message":"Syntax Error: Unexpected Name"}]}`,
			func(err error) bool {
				var g GraphQLErrors
				return errors.As(err, &g) && g[0].Message == "Syntax Error: Unexpected Name"
			}, "Syntax Error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newTestAPI(t, func(w http.ResponseWriter, r received) {
				w.Header().Set("Content-Type", "application/json")
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			})
			c := New(api.URL, nil, sites.GameWarcraft)
			c.now = func() time.Time { return now }
			rl, err := c.RateLimit(context.Background())
			if err == nil || !tc.check(err) {
				t.Fatalf("err = %#v (%v)", err, err)
			}
			if rl != nil {
				t.Errorf("got a result %+v beside a non-GraphQL error", rl)
			}
			if !strings.Contains(err.Error(), tc.advice) {
				t.Errorf("message %q does not mention %q", err.Error(), tc.advice)
			}
		})
	}
}

func TestNetworkFailures(t *testing.T) {
	dropped := newTestAPI(t, func(w http.ResponseWriter, r received) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	midBody := newTestAPI(t, func(w http.ResponseWriter, r received) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(200)
		io.WriteString(w, `{"data":{"rateLim`)
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()
	for name, url := range map[string]string{"dropped before answering": dropped.URL, "dropped mid-body": midBody.URL, "refused": closedURL} {
		t.Run(name, func(t *testing.T) {
			_, err := New(url, nil, sites.GameWarcraft).RateLimit(context.Background())
			var ne *pkce.NetworkError
			if !errors.As(err, &ne) || ne.Endpoint != "api" {
				t.Fatalf("err = %#v (%v), want *pkce.NetworkError", err, err)
			}
			if !strings.Contains(err.Error(), "Check your connection") {
				t.Errorf("message %q gives no advice", err)
			}
		})
	}
}

func TestCallerErrorsPassThrough(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) { answer(w, 200, `{"data":{}}`) })
	signedOut := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, fmt.Errorf("refresh: %w", pkce.ErrSignInAgain)
	})}
	_, err := New(api.URL, signedOut, sites.GameWarcraft).RateLimit(context.Background())
	var ne *pkce.NetworkError
	if !errors.Is(err, pkce.ErrSignInAgain) || errors.As(err, &ne) {
		t.Errorf("err = %#v, want the caller's ErrSignInAgain unchanged", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(api.URL, nil, sites.GameWarcraft).RateLimit(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRedirectNotFollowed(t *testing.T) {
	var followed bool
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { followed = true }))
	defer target.Close()
	api := newTestAPI(t, func(w http.ResponseWriter, r received) {
		w.Header().Set("Location", target.URL)
		w.WriteHeader(http.StatusFound)
	})
	_, err := New(api.URL, authed("secret"), sites.GameWarcraft).RateLimit(context.Background())
	var re *pkce.RedirectError
	if !errors.As(err, &re) || re.Status != http.StatusFound || re.Endpoint != pkce.EndpointAPI || re.Location != target.URL {
		t.Errorf("err = %v, want a RedirectError for the 302", err)
	}
	if followed {
		t.Error("the redirect was followed, carrying the bearer token elsewhere")
	}
}

func TestRunConsole(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) {
		if strings.HasPrefix(r.Query, "query RateLimit") {
			answer(w, 200, `{"data":{"rateLimitData":{"limitPerHour":3600,"pointsSpentThisHour":7,"pointsResetIn":100}}}`)
			return
		}
		answer(w, 200, `{"data":{"reportData":{"report":null}},"errors":[{"message":"This report does not exist."},{"message":"Another."}]}`)
	})
	c := New(api.URL, authed("t"), sites.GameWarcraft)
	res, err := c.Run(context.Background(), `query($code: String) { reportData { report(code: $code) { title } } }`, map[string]any{"code": "nope"})
	if err != nil {
		t.Fatalf("GraphQL errors must be part of the console result, got err %v", err)
	}
	if string(res.Data) != `{"reportData":{"report":null}}` || len(res.Errors) != 2 || res.Errors[1].Message != "Another." {
		t.Errorf("result = %s %+v", res.Data, res.Errors)
	}
	if res.RateLimit == nil || res.RateLimit.PointsSpentThisHour != 7 {
		t.Errorf("rate limit after the query = %+v", res.RateLimit)
	}
	if _, err := c.Run(context.Background(), "  \n", nil); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty query: err = %v", err)
	}

	unauth := newTestAPI(t, func(w http.ResponseWriter, r received) { answer(w, 401, `{"error":"Unauthenticated."}`) })
	if res, err := New(unauth.URL, nil, sites.GameWarcraft).Run(context.Background(), "{ rateLimitData { limitPerHour } }", nil); !errors.Is(err, ErrUnauthenticated) || res != nil {
		t.Errorf("401 in the console: %v, %v", res, err)
	}
}

func TestUserByID(t *testing.T) {
	api := newTestAPI(t, func(w http.ResponseWriter, r received) {
		if string(r.Variables["id"]) == "2" {
			answer(w, 200, `{"data":{"userData":{"user":{"id":2,"name":"bob","naDisplayName":"@bob"}}}}`)
			return
		}
		answer(w, 200, `{"data":{"userData":{"user":null}}}`)
	})
	c := New(api.URL, nil, sites.GameESO)
	u, err := c.User(context.Background(), 2)
	if err != nil || u.Name != "bob" || u.NADisplayName != "@bob" {
		t.Fatalf("User(2) = %+v, %v", u, err)
	}
	if u, err := c.User(context.Background(), 99); err != nil || u != nil {
		t.Errorf("User(99) = %+v, %v; want nil, nil", u, err)
	}
}

func TestErrorMessagesSayWhatToDo(t *testing.T) {
	for _, err := range []error{ErrUnauthenticated, ErrForbidden, ErrResponseTooLarge, ErrEmptyQuery, &RateLimitedError{}, &RateLimitedError{RetryAfter: time.Minute},
		&ServerError{Status: 503}, GraphQLErrors{{Message: "x"}}, GraphQLErrors{{}}} {
		msg := err.Error()
		if !strings.Contains(msg, ":") || !adviceRE.MatchString(msg) {
			t.Errorf("%T message %q gives no advice", err, msg)
		}
	}
}

var adviceRE = regexp.MustCompile(`(sign in|try again|register|ask for|check|use your own)`)

// An answer that is not GraphQL is quoted in the error, but never a token it
// happens to carry (a proxy echoing the request's Authorization header).
func TestResponseErrorNeverQuotesATokenTheAnswerCarries(t *testing.T) {
	const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
	for _, body := range []string{
		`{"headers":{"Authorization":"Bearer ` + token + `"}}`,
		`<html><body>echo: ` + token + `</body></html>`,
	} {
		api := newTestAPI(t, func(w http.ResponseWriter, r received) {
			w.Write([]byte(body))
		})
		_, err := New(api.URL, nil, sites.GameWarcraft).RateLimit(context.Background())
		var re *pkce.ResponseError
		if !errors.As(err, &re) || strings.Contains(err.Error(), "eyJ") || strings.Contains(re.Snippet, "eyJ") {
			t.Errorf("answer %q: %v (snippet %q); want a ResponseError without the token", body, err, re.Snippet)
		}
	}
}
