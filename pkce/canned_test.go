package pkce

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"golang.org/x/oauth2"
)

// parseTokenResponse is the token-endpoint parser as a pure function of one
// response: the same x/oauth2 and mapping code as Finish and Refresh, over an
// in-memory transport. The fuzz target drives it.
func (f *Flow) parseTokenResponse(ctx context.Context, status int, contentType string, body []byte) (*Token, error) {
	cfg := f.cfg
	cfg.HTTPClient = &http.Client{Transport: cannedResponse{status, contentType, body}}
	g := &Flow{cfg: cfg, store: f.store}
	return g.callTokenEndpoint(ctx, tokenCall{grant: "authorization_code", redirectURI: f.cfg.RedirectURI},
		func(ctx context.Context) (*oauth2.Token, error) {
			return g.oauth2Config(f.cfg.RedirectURI).Exchange(ctx, "code", oauth2.VerifierOption(NewVerifier()))
		})
}

type cannedResponse struct {
	status      int
	contentType string
	body        []byte
}

func (c cannedResponse) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	h := http.Header{}
	if c.contentType != "" {
		h.Set("Content-Type", c.contentType)
	}
	return &http.Response{
		StatusCode: c.status, Status: http.StatusText(c.status), Header: h,
		Body: io.NopCloser(bytes.NewReader(c.body)), Request: req, ContentLength: int64(len(c.body)),
	}, nil
}
