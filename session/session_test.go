package session

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// rotatingServer is a strict OAuth 2.0 server for public clients: PKCE S256,
// single-use codes, refresh tokens that rotate, and a refresh token presented
// twice ends the whole grant (RFC 9700 §4.14.2), as the independent servers
// pkcelogs is checked against do.
type rotatingServer struct {
	t   *testing.T
	srv *httptest.Server
	ttl time.Duration // access-token lifetime

	mu        sync.Mutex
	codes     map[string]string // code -> challenge
	live      map[string]bool   // refresh tokens that may be used
	presented map[string]int    // refresh token -> times presented
	exchanges int
	refreshes int
	revoked   bool // a grant was revoked for reuse
	delay     time.Duration
	gate      chan struct{} // non-nil: code exchanges wait for it to close
	seen      chan string   // non-nil: each token request's grant type, as it arrives
	apiCalls  int           // requests to the GraphQL API
	revocable bool          // site() has a revocation endpoint (RFC 7009)
	revokes   []string      // tokens sent to it
	n         int
}

func newRotatingServer(t *testing.T, ttl time.Duration) *rotatingServer {
	s := &rotatingServer{t: t, ttl: ttl, codes: map[string]string{}, live: map[string]bool{}, presented: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.token))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *rotatingServer) site() sites.Site {
	c := sites.Custom{ID: "strict", Name: "Strict", AuthorizeURL: s.srv.URL + "/authorize",
		TokenURL: s.srv.URL + "/token", APIURL: s.srv.URL + "/api/v2/user"}
	if s.revocable {
		c.RevokeURL = s.srv.URL + "/revoke"
	}
	site, err := c.Site()
	if err != nil {
		s.t.Fatal(err)
	}
	return site
}

func (s *rotatingServer) issue(w http.ResponseWriter) {
	s.n++
	rt := fmt.Sprintf("rt-%d", s.n)
	s.live[rt] = true
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("at-%d", s.n), "token_type": "Bearer",
		"refresh_token": rt, "expires_in": int(s.ttl / time.Second)})
}

func (s *rotatingServer) token(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api/v2/user" {
		s.api(w, r)
		return
	}
	r.ParseForm()
	s.mu.Lock()
	delay, gate, seen := s.delay, s.gate, s.seen
	s.mu.Unlock()
	if seen != nil {
		seen <- r.Form.Get("grant_type")
	}
	if gate != nil && r.Form.Get("grant_type") == "authorization_code" {
		<-gate
	}
	time.Sleep(delay)
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.URL.Path == "/revoke" {
		s.revokes = append(s.revokes, r.Form.Get("token"))
		return
	}
	fail := func() {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		w.Write([]byte(`{"error":"invalid_grant"}`))
	}
	switch r.Form.Get("grant_type") {
	case "authorization_code":
		s.exchanges++
		ch, ok := s.codes[r.Form.Get("code")]
		delete(s.codes, r.Form.Get("code"))
		sum := sha256.Sum256([]byte(r.Form.Get("code_verifier")))
		if !ok || base64.RawURLEncoding.EncodeToString(sum[:]) != ch {
			fail()
			return
		}
		s.issue(w)
	case "refresh_token":
		s.refreshes++
		rt := r.Form.Get("refresh_token")
		s.presented[rt]++
		if s.presented[rt] > 1 {
			s.revoked = true
			clear(s.live) // reuse ends the grant
		}
		if !s.live[rt] {
			fail()
			return
		}
		delete(s.live, rt)
		s.issue(w)
	default:
		fail()
	}
}

// api answers the user GraphQL API: the first screen's profile and an empty
// page of reports, for a bearer token it issued.
func (s *rotatingServer) api(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.apiCalls++
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer at-") {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if strings.Contains(string(body), "query Reports") {
		w.Write([]byte(`{"data":{"reportData":{"reports":{"data":[],"total":0,"per_page":10,"current_page":1,"last_page":1,"has_more_pages":false}}}}`))
		return
	}
	w.Write([]byte(`{"data":{"userData":{"currentUser":{"id":7,"name":"bob"}},"rateLimitData":{"limitPerHour":3600,"pointsSpentThisHour":1,"pointsResetIn":60}}}`))
}

func (s *rotatingServer) apiRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apiCalls
}

// approve is the person approving at the authorize URL: the callback address.
func (s *rotatingServer) approve(authorizeURL string) string {
	u, err := url.Parse(authorizeURL)
	if err != nil {
		s.t.Fatal(err)
	}
	q := u.Query()
	s.mu.Lock()
	code := fmt.Sprintf("code-%d", len(s.codes)+s.exchanges)
	s.codes[code] = q.Get("code_challenge")
	s.mu.Unlock()
	return q.Get("redirect_uri") + "?code=" + code + "&state=" + q.Get("state")
}

// reused reports refresh tokens presented more than once.
func (s *rotatingServer) reused() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for rt, n := range s.presented {
		if n > 1 {
			out = append(out, rt)
		}
	}
	return out
}

const appURL = "http://127.0.0.1:8000/"

// signedIn signs in on tab and returns its session.
func signedIn(t *testing.T, srv *rotatingServer, tab *MemoryBrowser, storage string) *Session {
	t.Helper()
	s := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public", Storage: storage}, nil, tab)
	if err := s.SignIn(srv.site().ID, "/console"); err != nil {
		t.Fatal(err)
	}
	as := tab.Assigned()
	tab.Navigate(srv.approve(as[len(as)-1]))
	res, err := s.CallbackResult(context.Background())
	if err != nil || res.ReturnTo != "/console" || !s.SignedIn() {
		t.Fatalf("callback: %+v %v signed in %v", res, err, s.SignedIn())
	}
	return s
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

// The same callback address in two tabs: one exchange; the other tab shows
// the outcome of the first, signed in.
func TestCallbackInTwoTabsExchangesOnce(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab1 := NewMemoryBrowser(appURL)
	s1 := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tab1)
	if err := s1.SignIn("strict", "/console"); err != nil {
		t.Fatal(err)
	}
	cb := srv.approve(tab1.Assigned()[0])
	tab2 := tab1.NewTab(cb)
	tab1.Navigate(cb)
	s2 := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tab2)
	var wg sync.WaitGroup
	results := make([]CallbackResult, 2)
	errs := make([]error, 2)
	for i, s := range []*Session{s1, s2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = s.CallbackResult(ctx(t))
		}()
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil || !([]*Session{s1, s2}[i]).SignedIn() {
			t.Fatalf("tab %d: %+v, %v", i+1, results[i], errs[i])
		}
	}
	if srv.exchanges != 1 || results[0].Already == results[1].Already {
		t.Fatalf("exchanges = %d, results %+v; want one exchange and one tab told it was already done", srv.exchanges, results)
	}
	// Back to the bare callback page after signing in: quietly home.
	tab1.Navigate(appURL + "callback")
	s3 := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tab1)
	if res, err := s3.CallbackResult(ctx(t)); err != nil || !res.Already || res.ReturnTo != "/" {
		t.Fatalf("bare callback while signed in: %+v %v", res, err)
	}
}

// N tabs, all holding an expired token, refresh at once: one refresh request,
// no refresh token presented twice, and every tab ends on the renewed token.
func TestTabsRefreshExactlyOnce(t *testing.T) {
	for _, n := range []int{3, 8} {
		t.Run(fmt.Sprint(n, " tabs"), func(t *testing.T) {
			srv := newRotatingServer(t, 2*time.Second)
			first := NewMemoryBrowser(appURL)
			tabs := []*Session{signedIn(t, srv, first, StorageLocal)}
			for len(tabs) < n {
				tabs = append(tabs, New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, first.NewTab(appURL)))
			}
			time.Sleep(2 * time.Second) // the access token expires
			srv.mu.Lock()
			srv.delay = 50 * time.Millisecond
			srv.mu.Unlock()
			var wg sync.WaitGroup
			got := make([]*pkce.Token, n)
			for i, s := range tabs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r, err := s.Refresher()
					if err == nil {
						got[i], err = r.Token(ctx(t))
					}
					if err != nil {
						t.Errorf("tab %d: %v", i, err)
					}
				}()
			}
			wg.Wait()
			if reused := srv.reused(); len(reused) > 0 || srv.refreshes != 1 {
				t.Fatalf("refreshes %d, reused %v", srv.refreshes, reused)
			}
			for i, tok := range got {
				if tok == nil || tok.AccessToken != got[0].AccessToken || !tabs[i].SignedIn() {
					t.Fatalf("tab %d ended with %v", i, tok)
				}
			}
		})
	}
}

// A sign-out while another tab's refresh is out: the refresh does not write
// its token back, and no tab is signed in afterwards.
func TestSignOutDuringSlowRefreshStays(t *testing.T) {
	srv := newRotatingServer(t, time.Second)
	tabA := NewMemoryBrowser(appURL)
	a := signedIn(t, srv, tabA, StorageLocal)
	tabB := tabA.NewTab(appURL)
	b := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tabB)
	time.Sleep(time.Second)
	srv.mu.Lock()
	srv.delay = 300 * time.Millisecond
	srv.mu.Unlock()
	rb, err := b.Refresher()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := rb.Token(ctx(t))
		done <- err
	}()
	time.Sleep(100 * time.Millisecond) // B's refresh is at the server
	if _, err := a.SignOut(ctx(t)); err != nil {
		t.Fatal(err)
	}
	<-done
	for name, s := range map[string]*Session{"A": a, "B": b, "reloaded": New(a.Options(), nil, tabA.NewTab(appURL))} {
		if tok, err := s.loadAuthority(ctx(t)); tok != nil || err != nil || s.SignedIn() {
			t.Errorf("tab %s is signed in again after the sign-out: %v %v", name, tok, err)
		}
	}
}

// "Duplicate tab" copies session storage: the copy never spends the refresh
// token the original spent; it is told to sign in again (and, with session
// storage, starts that sign-in by itself).
func TestDuplicatedSessionTabNeverResends(t *testing.T) {
	srv := newRotatingServer(t, time.Second)
	orig := NewMemoryBrowser(appURL)
	a := signedIn(t, srv, orig, StorageSession)
	dupTab := orig.Duplicate()
	d := New(a.Options(), nil, dupTab)
	if !d.SignedIn() {
		t.Fatal("the duplicate did not copy the session")
	}
	time.Sleep(time.Second)
	ra, _ := a.Refresher()
	if _, err := ra.Token(ctx(t)); err != nil {
		t.Fatal(err)
	}
	rd, _ := d.Refresher()
	_, err := rd.Token(ctx(t))
	if !errors.Is(err, pkce.ErrRefreshTokenSpent) {
		t.Fatalf("duplicate's refresh: %v, want ErrRefreshTokenSpent", err)
	}
	if reused := srv.reused(); len(reused) > 0 || srv.revoked {
		t.Fatalf("a refresh token was presented twice: %v", reused)
	}
	d.NoteError(err)
	if d.SignedIn() || len(dupTab.Assigned()) != 1 {
		t.Fatalf("duplicate: signed in %v, navigations %v; want signed out and a new sign-in started", d.SignedIn(), dupTab.Assigned())
	}
	if !a.SignedIn() {
		t.Fatal("the original tab lost its session")
	}
}

// Sign-out forgets everything but the person's settings.
func TestSignOutLeavesOnlySettings(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab := NewMemoryBrowser(appURL)
	s := signedIn(t, srv, tab, StorageLocal)
	if err := s.SetOwnClientID("strict", "my-own"); err != nil {
		t.Fatal(err)
	}
	res, err := s.SignOut(ctx(t))
	if err != nil || res.CanRevoke || res.Revoked {
		t.Fatalf("%+v %v", res, err)
	}
	if msg := res.Message(); msg == "" || !strings.Contains(msg, "cannot revoke") {
		t.Errorf("message %q", msg)
	}
	local, _ := tab.Store(StorageLocal)
	keys, _ := local.Keys("")
	for _, k := range keys {
		if k != keyClientID+"strict" && k != keySite {
			v, _, _ := local.Get(k)
			if !strings.Contains(k, "pkce.used.") { // a used-state marker, pruned after pkce.PendingTTL
				t.Errorf("left in local storage after sign-out: %s = %.40q", k, v)
			}
		}
	}
	if tok, _, _ := tab.Shared().Get(ctx(t), sharedToken); tok != "" {
		t.Errorf("token left in Shared")
	}
}
