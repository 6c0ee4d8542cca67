package session

import "net/http"

// onSend is an http.RoundTripper that calls itself as a request leaves, then
// sends it with http.DefaultTransport: the callback page learns when its code
// exchange is on the network (Session.AwaitCallbackSent).
type onSend func()

func (fn onSend) RoundTrip(req *http.Request) (*http.Response, error) {
	fn()
	return http.DefaultTransport.RoundTrip(req)
}
