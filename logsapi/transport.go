package logsapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
)

// exchange records what the transport learned about one GraphQL request, so
// the client can report it after machinebox/graphql has done its part (which
// would otherwise drop the status and all errors but the first).
type exchange struct {
	errs    GraphQLErrors // every GraphQL error of the answer
	err     error         // a typed failure: status, non-JSON, network
	data    []byte        // the raw "data" member, for error snippets
	status  int
	ctype   string
	reached bool // the server answered (with anything)
}

// apiTransport wraps the caller's transport for one request: it classifies
// the answer and hands machinebox/graphql a body holding only {"data": ...}.
type apiTransport struct {
	base http.RoundTripper
	now  func() time.Time
	ex   *exchange
}

func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	if err != nil {
		t.ex.err = transportError(req, err)
		return nil, t.ex.err
	}
	body, readErr := io.ReadAll(io.LimitReader(res.Body, MaxResponseBytes+1))
	res.Body.Close()
	t.ex.reached = true
	t.ex.status = res.StatusCode
	t.ex.ctype = res.Header.Get("Content-Type")
	if readErr != nil {
		// The connection dropped mid-answer.
		t.ex.err = transportError(req, readErr)
		return nil, t.ex.err
	}
	if len(body) > MaxResponseBytes {
		t.ex.err = ErrResponseTooLarge
		return nil, t.ex.err
	}
	data, errs, err := decodeResponse(res.StatusCode, res.Header, body, t.now())
	if err != nil {
		t.ex.err = err
		return nil, err
	}
	t.ex.errs = errs
	t.ex.data = data
	if data == nil {
		data = []byte("null")
	}
	clean, _ := json.Marshal(struct {
		Data json.RawMessage `json:"data"`
	}{data})
	res.Body = io.NopCloser(bytes.NewReader(clean))
	res.ContentLength = int64(len(clean))
	res.Header = res.Header.Clone()
	res.Header.Set("Content-Length", strconv.Itoa(len(clean)))
	return res, nil
}

// transportError keeps errors the caller's client already explained (a
// cancelled context, a refresh that needs a new sign-in, pkce's own typed
// errors, a refused redirect) and wraps everything else as a network failure
// of the API endpoint: a refused or dropped connection, or the browser's
// opaque "failed to fetch" (offline, or CORS refused the page's origin).
func transportError(req *http.Request, err error) error {
	if ctxErr := req.Context().Err(); ctxErr != nil {
		return ctxErr
	}
	var (
		netErr  *pkce.NetworkError
		oauth   *pkce.OAuthError
		respErr *pkce.ResponseError
		redir   *pkce.RedirectError
	)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.As(err, &netErr) || errors.As(err, &oauth) || errors.As(err, &respErr) || errors.As(err, &redir) ||
		errors.Is(err, pkce.ErrSignInAgain) || errors.Is(err, pkce.ErrNoRefreshToken) ||
		errors.Is(err, pkce.ErrNotSignedIn) || errors.Is(err, pkce.ErrStorage) {
		return err
	}
	return &pkce.NetworkError{Endpoint: endpointAPI, URL: req.URL.String(), Err: err}
}
