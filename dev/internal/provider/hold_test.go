//go:build !js

package provider

import (
	"net/http"
	"testing"
	"time"
)

// A held refresh has taken effect before its answer arrives: meanwhile the
// spent refresh token no longer refreshes.
func TestHoldFaultAnswersAfterTheEffect(t *testing.T) {
	s := startProvider(t, Options{AutoApprove: UserAlice})
	first := signIn(t, s)
	s.SetFault(EndpointToken, Fault{Delay: 800 * time.Millisecond, Hold: true, Times: 1})
	done := make(chan tokenReply, 1)
	begin := time.Now()
	go func() { done <- token(t, s, refreshForm(first.RefreshToken)) }()
	time.Sleep(300 * time.Millisecond)
	if again := token(t, s, refreshForm(first.RefreshToken)); again.Status == http.StatusOK {
		t.Fatal("while the first refresh was held, its refresh token refreshed again")
	}
	r := <-done
	if took := time.Since(begin); took < 800*time.Millisecond {
		t.Errorf("the held refresh answered after %v", took)
	}
	if r.Status != http.StatusOK || r.RefreshToken == "" || r.Header.Get("Content-Type") == "" {
		t.Errorf("the held refresh answered %d %q (headers %v)", r.Status, r.Error, r.Header)
	}
}
