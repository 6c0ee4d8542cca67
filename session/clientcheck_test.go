package session

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pkcelogs/pkcelogs/pkce"
	"github.com/pkcelogs/pkcelogs/sites"
)

// The check sends this page's redirect URI and the client id asked about (the
// one in use when none is typed), stores nothing, and says what the site's
// answer means.
func TestCheckClient(t *testing.T) {
	var forms []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f, _ := url.ParseQuery(string(b))
		forms = append(forms, f)
		w.Header().Set("Content-Type", "application/json")
		if f.Get("client_id") == "public" {
			w.WriteHeader(400)
			io.WriteString(w, `{"error":"invalid_grant","hint":"Cannot validate the provided authorization code."}`)
			return
		}
		w.WriteHeader(401)
		io.WriteString(w, `{"error":"invalid_client","error_description":"Client authentication failed"}`)
	}))
	defer srv.Close()
	site, err := sites.Custom{ID: "strict", Name: "Strict", AuthorizeURL: srv.URL + "/authorize", TokenURL: srv.URL + "/token", APIURL: srv.URL + "/api"}.Site()
	if err != nil {
		t.Fatal(err)
	}
	tab := NewMemoryBrowser(appURL + "settings")
	s := New(Options{Site: site, FixedSite: true, ClientID: "public"}, nil, tab)

	c, err := s.CheckClient(ctx(t), "strict", "")
	if err != nil || c.Status != pkce.ClientAccepted || c.ClientID != "public" || c.RedirectURI != appURL+"callback" {
		t.Fatalf("the page's client: %+v, %v", c, err)
	}
	c, err = s.CheckClient(ctx(t), "strict", "  typed-id \n")
	if err != nil || c.Status != pkce.ClientRejected || c.ClientID != "typed-id" {
		t.Fatalf("a typed client id: %+v, %v", c, err)
	}
	if len(forms) != 2 || forms[0].Get("redirect_uri") != appURL+"callback" || forms[1].Get("client_id") != "typed-id" ||
		!strings.HasPrefix(forms[0].Get("code"), pkce.CheckCodePrefix) {
		t.Fatalf("requests: %v", forms)
	}
	local, _ := tab.Store(StorageLocal)
	if keys, _ := local.Keys("pkce."); len(keys) != 0 {
		t.Errorf("the check stored %v", keys)
	}
	if s.SignedIn() {
		t.Error("the check signed in")
	}

	bare := New(Options{Site: site, FixedSite: true}, nil, NewMemoryBrowser(appURL))
	var nc *NoClientIDError
	if _, err := bare.CheckClient(ctx(t), "strict", ""); !errors.As(err, &nc) {
		t.Errorf("no client id: %v", err)
	}
	if len(forms) != 2 {
		t.Errorf("a check without a client id sent a request")
	}
}

// A sign-in that never came back is noticed once it is StalledAfter old,
// until the person dismisses it or a sign-in succeeds.
func TestStalledSignIn(t *testing.T) {
	srv := newRotatingServer(t, time.Hour)
	tab := NewMemoryBrowser(appURL)
	s := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tab)
	if st, _ := s.StalledSignIn(time.Now()); st != nil {
		t.Fatalf("nothing started, yet %+v", st)
	}
	if err := s.SignIn("strict", "/"); err != nil {
		t.Fatal(err)
	}
	st, recheck := s.StalledSignIn(time.Now())
	if st != nil || recheck <= 0 || recheck > StalledAfter {
		t.Fatalf("a sign-in just started: %+v, recheck in %v", st, recheck)
	}
	later := time.Now().Add(StalledAfter + time.Second)
	st, _ = s.StalledSignIn(later)
	if st == nil || st.ClientID != "public" || st.RedirectURI != appURL+"callback" || st.Site.ID != "strict" {
		t.Fatalf("stalled: %+v", st)
	}
	// Another tab of the page sees it too (local storage).
	other := New(Options{Site: srv.site(), FixedSite: true, ClientID: "public"}, nil, tab.NewTab(appURL))
	if st, _ := other.StalledSignIn(later); st == nil {
		t.Error("another tab does not see it")
	}
	if err := s.DismissStalledSignIn(st); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.StalledSignIn(later.Add(time.Second)); st != nil {
		t.Fatalf("dismissed, yet %+v", st)
	}

	// A new attempt that stalls is noticed again; one that succeeds ends it.
	time.Sleep(5 * time.Millisecond)
	if err := s.SignIn("strict", "/"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.StalledSignIn(time.Now().Add(StalledAfter + time.Second)); st == nil {
		t.Fatal("a new stalled sign-in is not noticed")
	}
	if err := s.SignIn("strict", "/"); err != nil {
		t.Fatal(err)
	}
	as := tab.Assigned()
	tab.Navigate(srv.approve(as[len(as)-1]))
	if _, err := s.CallbackResult(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.StalledSignIn(time.Now().Add(StalledAfter + time.Second)); st != nil {
		t.Fatalf("signed in, yet %+v", st)
	}
	if _, err := s.SignOut(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.StalledSignIn(time.Now().Add(StalledAfter + time.Second)); st != nil {
		t.Fatalf("after a successful sign-in and sign-out, the earlier attempt is still noticed: %+v", st)
	}
	// The record of what needs no notice outlives no pending sign-in.
	local, _ := tab.Store(StorageLocal)
	if _, ok, _ := local.Get(keySignInSeen); !ok {
		t.Fatal("two stalled sign-ins remain, and the record hiding them is gone")
	}
	s.forgetSignInsSeen(time.Now().Add(pkce.PendingTTL + time.Minute))
	if v, ok, _ := local.Get(keySignInSeen); ok {
		t.Errorf("every pending sign-in expired, but %s = %q remains", keySignInSeen, v)
	}
}
