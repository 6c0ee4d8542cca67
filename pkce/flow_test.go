package pkce

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock for Config.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }
func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestStartAuthorizeURL(t *testing.T) {
	srv := newStrictServer(t)
	f, store := srv.flow(nil)
	raw, err := f.Start("/reports?page=2")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Scheme + "://" + u.Host + u.Path; got != srv.srv.URL+"/oauth/authorize" {
		t.Errorf("authorize endpoint = %q", got)
	}
	q := u.Query()
	want := map[string]string{
		"response_type": "code", "client_id": "test-client", "redirect_uri": srv.redirectURI,
		"code_challenge_method": "S256", "scope": "view-user-profile view-private-reports",
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v)
		}
	}
	if len(q) != 7 {
		t.Errorf("unexpected parameters: %v", q)
	}
	state := q.Get("state")
	v, ok, _ := store.Get(pendingKeyPrefix + state)
	if !ok {
		t.Fatal("no pending sign-in stored under the state")
	}
	var p Pending
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		t.Fatal(err)
	}
	if S256Challenge(p.Verifier) != q.Get("code_challenge") {
		t.Error("stored verifier does not match the challenge sent")
	}
	if strings.Contains(raw, p.Verifier) {
		t.Error("the verifier leaked into the authorization URL")
	}
	if p.SiteID != "strict" || p.ClientID != "test-client" || p.RedirectURI != srv.redirectURI || p.ReturnTo != "/reports?page=2" || p.CreatedAt.IsZero() {
		t.Errorf("pending = %+v", p)
	}
	if strings.Join(p.Scopes, " ") != q.Get("scope") {
		t.Errorf("pending scopes %v", p.Scopes)
	}
}

func TestStartNoScopes(t *testing.T) {
	srv := newStrictServer(t)
	f, err := NewFlow(Config{Provider: srv.site(), ClientID: "test-client", RedirectURI: srv.redirectURI, Scopes: []string{}}, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := f.Start("/")
	if u, _ := url.Parse(raw); u.Query().Has("scope") {
		t.Errorf("scope sent although none requested: %s", raw)
	}
}

func TestStartReturnToIsLocal(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/": "/", "/console?q=1#x": "/console?q=1#x", "https://evil.example/": "/", "//evil.example": "/",
		"/\\evil.example": "/", "javascript:alert(1)": "/", "relative": "/", "/a\nb": "/",
		"/..//evil.example": "/", "/a/..//evil": "/", "/.//evil": "/", "/%2e%2e//evil": "/", "/%2F%2Fevil": "/",
		"/a/./b": "/", "/a//b": "/", "/reports/": "/reports/", "/a/b?next=//x": "/a/b?next=//x",
	} {
		if got := LocalPath(in); got != want {
			t.Errorf("LocalPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// The whole flow over real HTTP: Start, the site's redirect, Finish.
func TestSignInOverHTTP(t *testing.T) {
	srv := newStrictServer(t)
	clock := newClock()
	f, store := srv.flow(clock.Now)
	authURL, err := f.Start("/console")
	if err != nil {
		t.Fatal(err)
	}
	callback := srv.approve(authURL)
	res, err := f.Finish(context.Background(), callback)
	if err != nil {
		t.Fatal(err)
	}
	tok := res.Token
	if tok.AccessToken == "" || tok.RefreshToken == "" || tok.TokenType != "Bearer" {
		t.Fatalf("token = %v", tok)
	}
	if want := clock.Now().Add(time.Hour); !tok.Expiry.Equal(want) {
		t.Errorf("expiry = %v, want now + expires_in = %v", tok.Expiry, want)
	}
	if !tok.HasScope("view-user-profile") || !tok.HasScope("view-private-reports") {
		t.Errorf("scopes = %v", tok.Scopes)
	}
	if id, ok := tok.UserID(); !ok || id != 7 {
		t.Errorf("UserID = %d, %v", id, ok)
	}
	if tok.SiteID != "strict" || tok.ClientID != "test-client" {
		t.Errorf("site/client = %q/%q", tok.SiteID, tok.ClientID)
	}
	if res.ReturnTo != "/console" {
		t.Errorf("ReturnTo = %q", res.ReturnTo)
	}
	if res.CleanURL != srv.redirectURI {
		t.Errorf("CleanURL = %q, want %q", res.CleanURL, srv.redirectURI)
	}
	if keys, _ := store.Keys(pendingKeyPrefix); len(keys) != 0 {
		t.Errorf("pending sign-ins left: %v", keys)
	}
	form := srv.lastForm
	if form.Get("grant_type") != "authorization_code" || form.Get("client_id") != "test-client" || form.Get("redirect_uri") != srv.redirectURI {
		t.Errorf("token request form = %v", form)
	}

	// The same callback again (reload, back button, replay) is named as such, and
	// never reaches the token endpoint.
	before := srv.exchanges
	_, err = f.Finish(context.Background(), callback)
	if !errors.Is(err, ErrStateUsed) {
		t.Errorf("replay: err = %v, want ErrStateUsed", err)
	}
	if srv.exchanges != before {
		t.Error("a replayed callback reached the token endpoint")
	}
}

// Two tabs sign in at once: both pending sign-ins survive and finish, in any order.
func TestSeveralPendingAtOnce(t *testing.T) {
	srv := newStrictServer(t)
	f, store := srv.flow(nil)
	a, _ := f.Start("/a")
	b, _ := f.Start("/b")
	if keys, _ := store.Keys(pendingKeyPrefix); len(keys) != 2 {
		t.Fatalf("pending = %v", keys)
	}
	cbA, cbB := srv.approve(a), srv.approve(b)
	rb, err := f.Finish(context.Background(), cbB)
	if err != nil || rb.ReturnTo != "/b" {
		t.Fatalf("finish b: %v %v", rb, err)
	}
	ra, err := f.Finish(context.Background(), cbA)
	if err != nil || ra.ReturnTo != "/a" {
		t.Fatalf("finish a: %v %v", ra, err)
	}
}

func TestPruneExpiredAndBounded(t *testing.T) {
	srv := newStrictServer(t)
	clock := newClock()
	f, store := srv.flow(clock.Now)
	f.Start("/old")
	store.Set(pendingKeyPrefix+"junk", "{not json")
	store.Set(usedKeyPrefix+"junk", "yesterday")
	clock.Add(PendingTTL + time.Second)
	f.Start("/new")
	keys, _ := store.Keys(pendingKeyPrefix)
	if len(keys) != 1 {
		t.Fatalf("after prune: %v", keys)
	}
	if k, _ := store.Keys(usedKeyPrefix); len(k) != 0 {
		t.Errorf("used markers left: %v", k)
	}
	for i := 0; i < 3*MaxPending; i++ {
		clock.Add(time.Second)
		if _, err := f.Start("/"); err != nil {
			t.Fatal(err)
		}
	}
	if keys, _ := store.Keys(pendingKeyPrefix); len(keys) != MaxPending {
		t.Errorf("pending kept = %d, want %d", len(keys), MaxPending)
	}
}

// pendingCallback starts a sign-in and returns a callback for it with a made-up code.
func pendingCallback(t *testing.T, f *Flow) (state, callback string) {
	t.Helper()
	raw, err := f.Start("/")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(raw)
	state = u.Query().Get("state")
	return state, f.cfg.RedirectURI + "?code=abc&state=" + state
}

func TestFinishRejects(t *testing.T) {
	srv := newStrictServer(t)
	ctx := context.Background()

	t.Run("unknown state", func(t *testing.T) {
		f, _ := srv.flow(nil)
		pendingCallback(t, f)
		_, err := f.Finish(ctx, srv.redirectURI+"?code=abc&state="+NewState())
		if !errors.Is(err, ErrUnknownState) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("expired state", func(t *testing.T) {
		clock := newClock()
		f, store := srv.flow(clock.Now)
		state, cb := pendingCallback(t, f)
		clock.Add(PendingTTL + time.Second)
		_, err := f.Finish(ctx, cb)
		if !errors.Is(err, ErrStateExpired) {
			t.Fatalf("err = %v", err)
		}
		if _, ok, _ := store.Get(pendingKeyPrefix + state); ok {
			t.Error("expired pending sign-in kept")
		}
		if _, err := f.Finish(ctx, cb); !errors.Is(err, ErrStateUsed) {
			t.Errorf("second try: %v", err)
		}
	})
	t.Run("used state after a failed exchange", func(t *testing.T) {
		f, _ := srv.flow(nil)
		_, cb := pendingCallback(t, f)
		_, err := f.Finish(ctx, cb) // code "abc" is unknown to the server
		var oe *OAuthError
		if !errors.As(err, &oe) || oe.Code != "invalid_grant" || oe.Endpoint != EndpointToken || oe.Status != 400 {
			t.Fatalf("err = %#v", err)
		}
		if _, err := f.Finish(ctx, cb); !errors.Is(err, ErrStateUsed) {
			t.Fatalf("retry: %v", err)
		}
	})
	t.Run("site mismatch", func(t *testing.T) {
		f, store := srv.flow(nil)
		_, cb := pendingCallback(t, f)
		other, err := NewFlow(Config{Provider: mustSite(t, "warcraftlogs"), ClientID: "test-client", RedirectURI: srv.redirectURI}, store)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.Finish(ctx, cb); !errors.Is(err, ErrSiteMismatch) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("client mismatch", func(t *testing.T) {
		f, store := srv.flow(nil)
		_, cb := pendingCallback(t, f)
		other, _ := NewFlow(Config{Provider: srv.site(), ClientID: "other-client", RedirectURI: srv.redirectURI}, store)
		if _, err := other.Finish(ctx, cb); !errors.Is(err, ErrSiteMismatch) {
			t.Fatalf("err = %v", err)
		}
		if srv.exchanges != 1 { // only the "used state" case above reached the server
			t.Errorf("exchanges = %d", srv.exchanges)
		}
	})
	t.Run("site error", func(t *testing.T) {
		f, store := srv.flow(nil)
		state, _ := pendingCallback(t, f)
		_, err := f.Finish(ctx, srv.redirectURI+"?error=access_denied&message=The+user+denied+the+request&state="+state)
		var oe *OAuthError
		if !errors.As(err, &oe) || oe.Code != "access_denied" || oe.Description != "The user denied the request" || oe.Endpoint != EndpointAuthorize {
			t.Fatalf("err = %#v", err)
		}
		if !strings.Contains(err.Error(), "declined") {
			t.Errorf("message = %q", err)
		}
		if _, ok, _ := store.Get(pendingKeyPrefix + state); ok {
			t.Error("pending sign-in kept after an error reply")
		}
	})
	t.Run("error with unknown state", func(t *testing.T) {
		f, _ := srv.flow(nil)
		_, err := f.Finish(ctx, srv.redirectURI+"?error=access_denied&state="+NewState())
		if !errors.Is(err, ErrUnknownState) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("wrong verifier", func(t *testing.T) {
		f, store := srv.flow(nil)
		raw, _ := f.Start("/")
		cb := srv.approve(raw)
		state := mustQuery(t, cb).Get("state")
		v, _, _ := store.Get(pendingKeyPrefix + state)
		var p Pending
		json.Unmarshal([]byte(v), &p)
		p.Verifier = NewVerifier()
		data, _ := json.Marshal(p)
		store.Set(pendingKeyPrefix+state, string(data))
		_, err := f.Finish(ctx, cb)
		var oe *OAuthError
		if !errors.As(err, &oe) || oe.Code != "invalid_grant" || oe.Hint != "Failed to verify `code_verifier`." {
			t.Fatalf("err = %#v", err)
		}
	})
}

// Many simultaneous Finish calls for one callback (OnMount and OnNav both firing):
// exactly one exchange.
func TestFinishOnceUnderRace(t *testing.T) {
	srv := newStrictServer(t)
	f, _ := srv.flow(nil)
	raw, _ := f.Start("/")
	cb := srv.approve(raw)
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins, used := 0, 0
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.Finish(context.Background(), cb)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				wins++
			case errors.Is(err, ErrStateUsed):
				used++
			default:
				t.Errorf("unexpected: %v", err)
			}
		}()
	}
	wg.Wait()
	if wins != 1 || used != 15 || srv.exchanges != 1 {
		t.Fatalf("wins %d, used %d, exchanges %d", wins, used, srv.exchanges)
	}
}

func TestNewFlowValidates(t *testing.T) {
	site := mustSite(t, "warcraftlogs")
	for name, cfg := range map[string]Config{
		"no client":         {Provider: site, RedirectURI: "https://app.example/callback"},
		"client with space": {Provider: site, ClientID: "a b", RedirectURI: "https://app.example/callback"},
		"no redirect":       {Provider: site, ClientID: "c"},
		"http redirect":     {Provider: site, ClientID: "c", RedirectURI: "http://app.example/callback"},
		"relative redirect": {Provider: site, ClientID: "c", RedirectURI: "/callback"},
		"fragment":          {Provider: site, ClientID: "c", RedirectURI: "https://app.example/callback#x"},
		"bad scope":         {Provider: site, ClientID: "c", RedirectURI: "https://app.example/callback", Scopes: []string{"a b"}},
		"no site":           {ClientID: "c", RedirectURI: "https://app.example/callback"},
	} {
		if _, err := NewFlow(cfg, NewMemoryStore()); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if _, err := NewFlow(Config{Provider: site, ClientID: "c", RedirectURI: "https://app.example/callback"}, nil); !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("nil store: %v", err)
	}
	for _, ok := range []string{"http://localhost:8000/callback", "http://127.0.0.1:8000/", "https://me.github.io/pkcelogs/callback"} {
		if _, err := NewFlow(Config{Provider: site, ClientID: "c", RedirectURI: ok}, NewMemoryStore()); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// mustSite is a provider shaped like one of the Logs sites: https endpoints,
// no revocation endpoint.
func mustSite(t *testing.T, id string) Provider {
	t.Helper()
	p := Provider{ID: id, Name: id, AuthorizeURL: "https://" + id + ".example/oauth/authorize",
		TokenURL: "https://" + id + ".example/oauth/token", Scopes: []string{"view-user-profile", "view-private-reports"}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// The pending sign-in is gone, and marked used, before the token request leaves.
func TestFinishDeletesBeforeExchange(t *testing.T) {
	var store *MemoryStore
	var state string
	checked := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pending, _ := store.Get(pendingKeyPrefix + state)
		_, used, _ := store.Get(usedKeyPrefix + state)
		if pending || !used {
			t.Errorf("during the exchange: pending %v, used %v", pending, used)
		}
		checked = true
		oauthFail(w, 503, "temporarily_unavailable", "try later")
	}))
	defer srv.Close()
	site := Provider{ID: "x", Name: "X", AuthorizeURL: srv.URL + "/a", TokenURL: srv.URL + "/t"}
	store = NewMemoryStore()
	f, err := NewFlow(Config{Provider: site, ClientID: "c", RedirectURI: "http://127.0.0.1:1/cb", HTTPClient: srv.Client()}, store)
	if err != nil {
		t.Fatal(err)
	}
	state, _ = pendingCallback(t, f)
	_, err = f.Finish(context.Background(), "http://127.0.0.1:1/cb?code=c&state="+state)
	var oe *OAuthError
	if !errors.As(err, &oe) || oe.Code != "temporarily_unavailable" || !strings.Contains(err.Error(), "try again") {
		t.Fatalf("err = %v", err)
	}
	if !checked {
		t.Fatal("token endpoint not reached")
	}
}

// A token endpoint that redirects is refused, not followed: the error names
// the endpoint and where it pointed (whether reachable or not, nothing is
// sent there).
func TestFinishRedirectToNowhere(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	srv := httptest.NewServer(http.RedirectHandler(deadURL+"/login", http.StatusFound))
	defer srv.Close()
	site := Provider{ID: "x", Name: "X", AuthorizeURL: srv.URL + "/a", TokenURL: srv.URL + "/t"}
	f, _ := NewFlow(Config{Provider: site, ClientID: "c", RedirectURI: "http://127.0.0.1:1/cb"}, NewMemoryStore())
	_, cb := pendingCallback(t, f)
	_, err := f.Finish(context.Background(), cb)
	var rd *RedirectError
	if !errors.As(err, &rd) || rd.Endpoint != EndpointToken || rd.Location != deadURL+"/login" || rd.Status != http.StatusFound {
		t.Fatalf("err = %T %v", err, err)
	}
}

// failingStore fails the operations named in fail.
type failingStore struct {
	*MemoryStore
	fail map[string]bool
}

// errQuota stands for a browser store's own error, which callers inspect.
var errQuota = errors.New("QuotaExceededError")

func (s *failingStore) Set(k, v string) error {
	if s.fail["set"] {
		return errQuota
	}
	return s.MemoryStore.Set(k, v)
}

func (s *failingStore) Delete(k string) error {
	if s.fail["delete"] {
		return errors.New("SecurityError")
	}
	return s.MemoryStore.Delete(k)
}

func (s *failingStore) Get(k string) (string, bool, error) {
	if s.fail["get"] {
		return "", false, errors.New("SecurityError")
	}
	return s.MemoryStore.Get(k)
}

// When storage misbehaves the sign-in stops with ErrStorage, and a code whose
// pending record could not be deleted is never exchanged.
func TestStorageFailures(t *testing.T) {
	srv := newStrictServer(t)
	store := &failingStore{NewMemoryStore(), map[string]bool{}}
	f, err := NewFlow(Config{Provider: srv.site(), ClientID: srv.clientID, RedirectURI: srv.redirectURI, HTTPClient: srv.srv.Client()}, store)
	if err != nil {
		t.Fatal(err)
	}
	store.fail["set"] = true
	if _, err := f.Start("/"); !errors.Is(err, ErrStorage) || !errors.Is(err, errQuota) {
		t.Errorf("Start with a full store: %v, want ErrStorage wrapping the store's own error", err)
	}
	store.fail["set"] = false
	raw, err := f.Start("/")
	if err != nil {
		t.Fatal(err)
	}
	cb := srv.approve(raw)
	for _, op := range []string{"get", "delete"} {
		store.fail[op] = true
		if _, err := f.Finish(context.Background(), cb); !errors.Is(err, ErrStorage) {
			t.Errorf("Finish with %s failing: %v", op, err)
		}
		store.fail[op] = false
	}
	if srv.exchanges != 0 {
		t.Fatalf("exchanged although the pending sign-in could not be removed")
	}
	if _, err := f.Finish(context.Background(), cb); err != nil {
		t.Fatalf("Finish once storage works again: %v", err)
	}
}
