//go:build !js

package main

import (
	"context"
	"io"
	"strings"
	"testing"
)

// The local provider signs anyone in as the fixture users: a -provider-addr off
// loopback is refused, saying why and which flag overrides it.
func TestProviderOffLoopbackIsRefused(t *testing.T) {
	err := run(context.Background(), []string{"-web", fakeWeb(t), "-addr", "127.0.0.1:0", "-provider-addr", "192.0.2.10:8001"}, io.Discard)
	if err == nil {
		t.Fatal("the devserver started a provider on 192.0.2.10")
	}
	for _, want := range []string{"-provider-addr 192.0.2.10:8001 is not a loopback address", "signs in anyone who can reach it as alice, bob, carol", "use 127.0.0.1", "-provider-public-anyone-can-sign-in"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if _, err := parseFlags([]string{"-site", "fflogs", "-client-id", "x", "-provider-public-anyone-can-sign-in"}, io.Discard); err == nil || !strings.Contains(err.Error(), "are for the local provider") {
		t.Errorf("the provider flag with a real site: %v", err)
	}
}

func TestProviderIssFlag(t *testing.T) {
	for flag, want := range map[string]string{"": "issuer", "omit": "omitted", "https://x.example": "https://x.example"} {
		ip := issuerParameter(flag)
		got := "issuer"
		switch {
		case ip.Omit:
			got = "omitted"
		case ip.Value != "":
			got = ip.Value
		}
		if got != want {
			t.Errorf("-provider-iss %q gives %+v, want %s", flag, ip, want)
		}
	}
}
