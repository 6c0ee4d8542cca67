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

// sharedStorage plays the browser's storage shared by tabs (IndexedDB): the
// token in its storage form, written by compare-and-swap, and the ledger of
// spent refresh tokens.
type sharedStorage struct {
	mu    sync.Mutex
	data  []byte
	saves int
	spent map[string]time.Time
	sends map[string]int // refresh tokens Spend let through
	fail  error          // Save fails with this when set
}

func (s *sharedStorage) Load(context.Context) (*Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data == nil {
		return nil, nil
	}
	return DecodeToken(s.data)
}

func (s *sharedStorage) put(t *Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data, _ = json.Marshal(t)
}

func (s *sharedStorage) Save(_ context.Context, old, t *Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return s.fail
	}
	cur, _ := DecodeToken(s.data)
	if cur == nil || old == nil || cur.RefreshToken != old.RefreshToken {
		return ErrSuperseded
	}
	s.saves++
	data, err := json.Marshal(t)
	s.data = data
	return err
}

func (s *sharedStorage) Spend(_ context.Context, t *Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if at, ok := s.spent[t.RefreshToken]; ok {
		return &SpentError{At: at}
	}
	if s.spent == nil {
		s.spent, s.sends = map[string]time.Time{}, map[string]int{}
	}
	s.spent[t.RefreshToken] = time.Now()
	s.sends[t.RefreshToken]++
	return nil
}

func (s *sharedStorage) refresher(f *Flow, l Locker) *Refresher {
	return &Refresher{Flow: f, Load: s.Load, Save: s.Save, Spend: s.Spend, Locker: l}
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
	st.put(tok)
	return f, st, tok
}

func TestRefresherConcurrentRefreshOnce(t *testing.T) {
	srv := newStrictServer(t)
	srv.refreshWait = 20 * time.Millisecond
	f, st, old := expiredSession(t, srv)
	r := st.refresher(f, nil)
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
	tabs := []*Refresher{st.refresher(f1, lock), st.refresher(f2, lock)}
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
	if lock.names[LockName("strict", "test-client")] == 0 {
		t.Errorf("lock names used: %v", lock.names)
	}
}

func TestRefresherFreshTokenNoRequest(t *testing.T) {
	srv := newStrictServer(t)
	f, tok := signedIn(t, srv)
	st := &sharedStorage{}
	st.put(tok)
	r := st.refresher(f, nil)
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
	r := &Refresher{Flow: f, Load: func(context.Context) (*Token, error) { return nil, nil }}
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
	r := st.refresher(f, nil)
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

func TestRefresherRefreshRejected(t *testing.T) {
	srv := newStrictServer(t)
	f, tok := signedIn(t, srv)
	st := &sharedStorage{}
	st.put(tok)
	r := st.refresher(f, nil)
	// Storage holds the stale token: refresh.
	nt, err := r.RefreshRejected(context.Background(), tok)
	if err != nil || nt.AccessToken == tok.AccessToken {
		t.Fatal(nt, err)
	}
	// Storage already holds a newer token: use it, no request.
	again, err := r.RefreshRejected(context.Background(), tok)
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
	st.put(tok)
	r := st.refresher(f, nil)
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
	saved, _ := st.Load(context.Background())
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

// Tabs without any lock (no Web Locks, a lapsed lease): the ledger alone keeps
// a refresh token from being sent twice, and every tab ends with the renewed
// token.
func TestRefresherLocklessTabsSpendOnce(t *testing.T) {
	srv := newStrictServer(t)
	srv.refreshWait = 50 * time.Millisecond
	f, st, old := expiredSession(t, srv)
	var wg sync.WaitGroup
	got := make([]*Token, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, err := st.refresher(f, nil).Token(context.Background()) // a Refresher per tab: no shared mutex
			if err != nil {
				t.Error(err)
			}
			got[i] = tok
		}()
	}
	wg.Wait()
	if refreshes, _ := srv.counts(); refreshes != 1 || st.sends[old.RefreshToken] != 1 {
		t.Fatalf("refreshes = %d, sends of the old refresh token = %d; want 1 and 1", refreshes, st.sends[old.RefreshToken])
	}
	for _, tok := range got {
		if tok == nil || tok.AccessToken != got[0].AccessToken || tok.RefreshToken == old.RefreshToken {
			t.Fatal("tabs ended with different or stale tokens")
		}
	}
}

// A duplicated tab holds its own copy of a token whose refresh token the
// original tab spent long ago: it must not send it again, and is told to sign in.
func TestRefresherDuplicateCopyDoesNotResend(t *testing.T) {
	srv := newStrictServer(t)
	f, st, old := expiredSession(t, srv)
	if _, err := st.refresher(f, nil).Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	st.spent[old.RefreshToken] = time.Now().Add(-time.Hour)
	dup := &sharedStorage{spent: st.spent, sends: st.sends} // its own copy of the token, the shared ledger
	dup.put(old)
	_, err := dup.refresher(f, nil).Token(context.Background())
	if !errors.Is(err, ErrRefreshTokenSpent) || !errors.Is(err, ErrSignInAgain) {
		t.Fatalf("err = %v, want ErrRefreshTokenSpent and ErrSignInAgain", err)
	}
	if refreshes, _ := srv.counts(); refreshes != 1 {
		t.Errorf("refreshes = %d, want 1", refreshes)
	}
}

// A refresh that ends after a sign-out does not write its token back.
func TestRefresherSaveAfterSignOutWritesNothing(t *testing.T) {
	srv := newStrictServer(t)
	srv.refreshWait = 100 * time.Millisecond
	f, st, _ := expiredSession(t, srv)
	done := make(chan error)
	go func() {
		_, err := st.refresher(f, nil).Token(context.Background())
		done <- err
	}()
	time.Sleep(30 * time.Millisecond)
	st.mu.Lock()
	st.data = nil // signed out meanwhile
	st.mu.Unlock()
	if err := <-done; !errors.Is(err, ErrSuperseded) || !errors.Is(err, ErrSignInAgain) {
		t.Fatalf("err = %v, want ErrSuperseded", err)
	}
	if tok, _ := st.Load(context.Background()); tok != nil || st.saves != 0 {
		t.Fatalf("token written back after sign-out: %v (saves %d)", tok, st.saves)
	}
}
