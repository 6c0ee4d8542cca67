package pkce

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// sharedStorage plays localStorage shared by tabs: the token in its storage form.
type sharedStorage struct {
	mu    sync.Mutex
	data  []byte
	saves int
	fail  error // Save fails with this when set
}

func (s *sharedStorage) Load() (*Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data == nil {
		return nil, nil
	}
	return DecodeToken(s.data)
}

func (s *sharedStorage) Save(t *Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return s.fail
	}
	s.saves++
	data, err := json.Marshal(t)
	s.data = data
	return err
}

// tabLock plays the Web Locks API: one lock shared by all "tabs".
type tabLock struct {
	mu    sync.Mutex
	names map[string]int
}

func (l *tabLock) WithLock(ctx context.Context, name string, fn func(context.Context) error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.names == nil {
		l.names = map[string]int{}
	}
	l.names[name]++
	return fn(ctx)
}

// expiredSession signs in, then stores the token as already expired.
func expiredSession(t *testing.T, srv *strictServer) (*Flow, *sharedStorage, *Token) {
	f, tok := signedIn(t, srv)
	tok.Expiry = time.Now().Add(-time.Minute)
	st := &sharedStorage{}
	st.Save(tok)
	st.saves = 0
	return f, st, tok
}

func TestRefresherConcurrentRefreshOnce(t *testing.T) {
	srv := newStrictServer(t)
	srv.refreshWait = 20 * time.Millisecond
	f, st, old := expiredSession(t, srv)
	r := &Refresher{Flow: f, Load: st.Load, Save: st.Save}
	var wg sync.WaitGroup
	got := make([]*Token, 32)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, err := r.Token(context.Background())
			if err != nil {
				t.Error(err)
			}
			got[i] = tok
		}()
	}
	wg.Wait()
	if refreshes, _ := srv.counts(); refreshes != 1 || st.saves != 1 {
		t.Fatalf("refreshes = %d, saves = %d; want 1 and 1", refreshes, st.saves)
	}
	for _, tok := range got {
		if tok == nil || tok.AccessToken == old.AccessToken || tok.AccessToken != got[0].AccessToken {
			t.Fatal("goroutines got different or stale tokens")
		}
	}
}

// Two tabs (two Refreshers over one storage and one lock): the second re-loads
// after taking the lock, sees the first tab's token and sends no request.
func TestRefresherTwoTabs(t *testing.T) {
	srv := newStrictServer(t)
	srv.refreshWait = 20 * time.Millisecond
	f1, st, _ := expiredSession(t, srv)
	f2, _ := srv.flow(nil)
	lock := &tabLock{}
	tabs := []*Refresher{{Flow: f1, Load: st.Load, Save: st.Save, Locker: lock}, {Flow: f2, Load: st.Load, Save: st.Save, Locker: lock}}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := tabs[i%2].Token(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if refreshes, _ := srv.counts(); refreshes != 1 {
		t.Fatalf("refreshes = %d, want 1", refreshes)
	}
	if lock.names["pkce.refresh.strict.test-client"] == 0 {
		t.Errorf("lock names used: %v", lock.names)
	}
}

func TestRefresherFreshTokenNoRequest(t *testing.T) {
	srv := newStrictServer(t)
	f, tok := signedIn(t, srv)
	st := &sharedStorage{}
	st.Save(tok)
	r := &Refresher{Flow: f, Load: st.Load, Save: st.Save}
	got, err := r.Token(context.Background())
	if err != nil || got.AccessToken != tok.AccessToken {
		t.Fatal(got, err)
	}
	if refreshes, _ := srv.counts(); refreshes != 0 {
		t.Errorf("refreshed a fresh token")
	}
}

func TestRefresherSignedOutAndSignInAgain(t *testing.T) {
	srv := newStrictServer(t)
	f, st, tok := expiredSession(t, srv)
	r := &Refresher{Flow: f, Load: func() (*Token, error) { return nil, nil }}
	if _, err := r.Token(context.Background()); !errors.Is(err, ErrNotSignedIn) || !errors.Is(err, ErrSignInAgain) {
		t.Errorf("signed out: %v", err)
	}
	// The refresh token was spent elsewhere: the site says invalid_grant.
	if _, err := f.Refresh(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	r = &Refresher{Flow: f, Load: st.Load, Save: st.Save}
	if _, err := r.Token(context.Background()); !errors.Is(err, ErrSignInAgain) {
		t.Errorf("spent refresh token: %v", err)
	}
	// Corrupt storage means sign in again, not a crash.
	st.data = []byte("{garbage")
	if _, err := r.Token(context.Background()); !errors.Is(err, ErrStorage) {
		t.Errorf("corrupt storage: %v", err)
	}
}

// When Save fails the new token is not lost and the spent refresh token is not reused.
func TestRefresherSaveFailureKeepsSession(t *testing.T) {
	srv := newStrictServer(t)
	f, st, _ := expiredSession(t, srv)
	st.fail = errors.New("QuotaExceededError")
	r := &Refresher{Flow: f, Load: st.Load, Save: st.Save}
	if _, err := r.Token(context.Background()); !errors.Is(err, ErrStorage) {
		t.Fatalf("err = %v, want ErrStorage", err)
	}
	tok, err := r.Token(context.Background())
	if err != nil {
		t.Fatalf("second call: %v", err)
	}
	if refreshes, _ := srv.counts(); refreshes != 1 || tok.Expired(time.Now()) {
		t.Errorf("refreshes = %d (want 1), token %v", refreshes, tok)
	}
}

func TestRefresherInvalidate(t *testing.T) {
	srv := newStrictServer(t)
	f, tok := signedIn(t, srv)
	st := &sharedStorage{}
	st.Save(tok)
	r := &Refresher{Flow: f, Load: st.Load, Save: st.Save}
	// Storage holds the stale token: refresh.
	nt, err := r.Invalidate(context.Background(), tok)
	if err != nil || nt.AccessToken == tok.AccessToken {
		t.Fatal(nt, err)
	}
	// Storage already holds a newer token: use it, no request.
	again, err := r.Invalidate(context.Background(), tok)
	if err != nil || again.AccessToken != nt.AccessToken {
		t.Fatal(again, err)
	}
	if refreshes, _ := srv.counts(); refreshes != 1 {
		t.Errorf("refreshes = %d", refreshes)
	}
}

func TestRefresherClientRetriesOnceOn401(t *testing.T) {
	srv := newStrictServer(t)
	f, tok := signedIn(t, srv)
	st := &sharedStorage{}
	st.Save(tok)
	r := &Refresher{Flow: f, Load: st.Load, Save: st.Save}
	hc := r.Client(srv.srv.Client().Transport)
	api := srv.srv.URL + "/api/v2/user"
	const query = `{"query":"{ userData { currentUser { id } } }"}`

	post := func() (*http.Response, string) {
		t.Helper()
		resp, err := hc.Post(api, "application/json", strings.NewReader(query))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(body)
	}

	resp, _ := post()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	// The site forgets the token (revoked elsewhere): 401, refresh, retry with the same body.
	srv.forgetAccess()
	resp, body := post()
	if resp.StatusCode != 200 || !strings.Contains(body, "currentUser") {
		t.Fatalf("after 401: status %d body %s", resp.StatusCode, body)
	}
	refreshes, calls := srv.counts()
	if refreshes != 1 || calls != 3 {
		t.Errorf("refreshes %d, API calls %d; want 1 and 3", refreshes, calls)
	}
	for i, b := range srv.apiBodies {
		if b != query {
			t.Errorf("API request %d body %q: not rewound", i, b)
		}
	}
	saved, _ := st.Load()
	if saved.AccessToken == tok.AccessToken {
		t.Error("refreshed token not saved")
	}

	// A 401 that survives a refresh is returned as is, after exactly one retry.
	srv.mu.Lock()
	srv.noRotate = true
	srv.mu.Unlock()
	hc = r.Client(&forgetting{srv: srv, base: srv.srv.Client().Transport})
	resp, _ = post()
	if resp.StatusCode != 401 {
		t.Errorf("status %d, want 401", resp.StatusCode)
	}
	_, callsAfter := srv.counts()
	if callsAfter-calls != 2 {
		t.Errorf("API calls for one request = %d, want 2 (one retry)", callsAfter-calls)
	}
}

// forgetting makes the API forget every access token before each request.
type forgetting struct {
	srv  *strictServer
	base http.RoundTripper
}

func (f *forgetting) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/api/v2/user") {
		f.srv.forgetAccess()
	}
	return f.base.RoundTrip(r)
}
