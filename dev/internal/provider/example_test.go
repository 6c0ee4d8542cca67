//go:build !js

package provider_test

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
)

// A test starts the provider on a free loopback port for an app at a known origin, signs in
// without the consent page, and makes the API fail on demand.
func ExampleStart() {
	s, err := provider.Start(provider.Options{
		AppOrigins:  []string{"http://127.0.0.1:8000"},
		Clients:     []provider.Client{provider.LocalClient("http://127.0.0.1:8000")},
		AutoApprove: provider.UserAlice,
	})
	if err != nil {
		panic(err)
	}
	defer s.Close()

	s.SetFault(provider.EndpointAPI, provider.Fault{Status: http.StatusBadGateway, Times: 1})
	resp, err := http.Post(s.APIURL(), "application/json", strings.NewReader(`{"query":"{ rateLimitData { limitPerHour } }"}`))
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println("first API call:", resp.StatusCode)

	resp, err = http.Post(s.APIURL(), "application/json", strings.NewReader(`{"query":"{ rateLimitData { limitPerHour } }"}`))
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println("second API call, no token:", resp.StatusCode)

	for _, r := range s.Requests() {
		fmt.Println(r.Endpoint, r.Method, r.Path, r.Status)
	}
	// Output:
	// first API call: 502
	// second API call, no token: 401
	// api POST /api/v2/user 502
	// api POST /api/v2/user 401
}
