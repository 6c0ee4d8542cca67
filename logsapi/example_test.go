package logsapi_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/sites"
)

// A stand-in for https://www.warcraftlogs.com/api/v2/user.
func exampleAPI(status int, body string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
}

func ExampleClient_Overview() {
	api := exampleAPI(200, `{"data":{
	  "userData":{"currentUser":{"id":1,"name":"alice","battleTag":"alice#1234","guilds":[],"characters":[]}},
	  "reportData":{"reports":{"data":[{"code":"a1B2c3D4e5F6g7H8","title":"Raid night","startTime":1761852600000,"endTime":1761863400000,"visibility":"private"}],
	    "total":1,"per_page":10,"current_page":1,"last_page":1,"has_more_pages":false}},
	  "rateLimitData":{"limitPerHour":3600,"pointsSpentThisHour":4.5,"pointsResetIn":1200}}}`)
	defer api.Close()

	// In the browser the *http.Client is a pkce.Refresher's, which adds the
	// bearer token and refreshes it; the game comes from the sites.Site.
	client := logsapi.New(api.URL, http.DefaultClient, sites.GameWarcraft)
	o, err := client.Overview(context.Background(), 1, 10)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.User.Name, o.User.BattleTag)
	fmt.Println(o.Reports.Data[0].Title, o.Reports.Data[0].Visibility, o.Reports.Data[0].EndTime.Sub(o.Reports.Data[0].StartTime))
	fmt.Println(o.RateLimit.PointsSpentThisHour, "of", o.RateLimit.LimitPerHour, "points, reset in", o.RateLimit.PointsResetIn)
	// Output:
	// alice alice#1234
	// Raid night private 3h0m0s
	// 4.5 of 3600 points, reset in 20m0s
}

func ExampleClient_Overview_errors() {
	api := exampleAPI(429, `{"error":"Too Many Attempts."}`)
	defer api.Close()

	_, err := logsapi.New(api.URL, nil, sites.GameWarcraft).Overview(context.Background(), 1, 10)
	var limited *logsapi.RateLimitedError
	var gql logsapi.GraphQLErrors
	switch {
	case errors.Is(err, logsapi.ErrUnauthenticated):
		fmt.Println("sign in again")
	case errors.As(err, &limited):
		fmt.Println("rate limited; retry after", limited.RetryAfter)
	case errors.As(err, &gql):
		fmt.Println(len(gql), "GraphQL errors, partial data kept")
	}
	// Output:
	// rate limited; retry after 0s
}

func ExampleClient_Run() {
	api := exampleAPI(200, `{"data":{"reportData":{"report":null}},"errors":[{"message":"This report does not exist."}]}`)
	defer api.Close()

	res, err := logsapi.New(api.URL, nil, sites.GameWarcraft).Run(context.Background(),
		`query($code: String) { reportData { report(code: $code) { title } } }`, map[string]any{"code": "nope"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(res.Data))
	fmt.Println(res.Errors[0].Message)
	// Output:
	// {"reportData":{"report":null}}
	// This report does not exist.
}
