package pkce

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCallbackRejects(t *testing.T) {
	const base = "https://app.example/callback"
	st := "state=" + strings.Repeat("s", 43)
	long := strings.Repeat("x", MaxParamLength+1)
	for _, tc := range []struct {
		name, url string
		want      error
	}{
		{"nothing", base, ErrMissingState},
		{"code without state", base + "?code=abc", ErrMissingState},
		{"empty state", base + "?code=abc&state=", ErrMissingState},
		{"error without state", base + "?error=access_denied", ErrMissingState},
		{"state without code", base + "?" + st, ErrMissingCode},
		{"empty code", base + "?code=&" + st, ErrMissingCode},
		{"repeated code", base + "?code=a&code=b&" + st, ErrRepeatedParameter},
		{"repeated state", base + "?code=a&" + st + "&" + st, ErrRepeatedParameter},
		{"repeated error", base + "?error=a&error=b&" + st, ErrRepeatedParameter},
		{"repeated description", base + "?error=a&error_description=x&error_description=y&" + st, ErrRepeatedParameter},
		{"repeated iss", base + "?code=a&iss=x&iss=y&" + st, ErrRepeatedParameter},
		{"oversized code", base + "?code=" + long + "&" + st, ErrParameterTooLong},
		{"oversized state", base + "?code=a&state=" + long, ErrParameterTooLong},
		{"oversized description", base + "?error=a&error_description=" + long + "&" + st, ErrParameterTooLong},
		{"oversized address", base + "?code=a&" + st + "&junk=" + strings.Repeat("j", MaxCallbackURLLength), ErrParameterTooLong},
		{"bad escape", base + "?code=%zz&" + st, ErrInvalidCallback},
		{"semicolon", base + "?code=a;b=c&" + st, ErrInvalidCallback},
		{"control char in code", base + "?code=a%0Ab&" + st, ErrInvalidCallback},
		{"non-ASCII code", base + "?code=%C3%A9&" + st, ErrInvalidCallback},
		{"non-ASCII state", base + "?code=a&state=%C3%A9", ErrInvalidCallback},
		{"quote in error", base + "?error=a%22b&" + st, ErrInvalidCallback},
		{"invalid UTF-8 description", base + "?error=a&error_description=%FF&" + st, ErrInvalidCallback},
		{"control char in message", base + "?error=a&message=x%00y&" + st, ErrInvalidCallback},
		{"code and error", base + "?code=a&error=access_denied&" + st, ErrInvalidCallback},
		{"unparseable", "http://[::1", ErrInvalidCallback},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cb, err := ParseCallback(tc.url)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseCallback = %+v, %v; want %v", cb, err, tc.want)
			}
			if cb != nil {
				t.Errorf("callback returned with an error: %+v", cb)
			}
			if len(err.Error()) > 400 {
				t.Errorf("message too long to show: %d bytes", len(err.Error()))
			}
		})
	}
}

func TestParseCallbackAccepts(t *testing.T) {
	cb, err := ParseCallback("https://app.example/callback?code=def502&state=xyz&iss=https%3A%2F%2Fsite&other=1&other=2")
	if err != nil || cb.Code != "def502" || cb.State != "xyz" || cb.Err != nil {
		t.Fatalf("got %+v, %v", cb, err)
	}
	for _, tc := range []struct{ url, code, desc, hint string }{
		{"/callback?error=access_denied&error_description=The+resource+owner+denied&state=s", "access_denied", "The resource owner denied", ""},
		{"/callback?error=access_denied&message=Denied+%E2%9C%8B&state=s", "access_denied", "Denied ✋", ""},
		{"/callback?error=invalid_scope&error_description=d&message=m&hint=h&state=s", "invalid_scope", "d", "h"},
		{"/callback?error=&state=s", "unknown_error", "", ""},
	} {
		cb, err := ParseCallback(tc.url)
		if err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		if cb.Err == nil || cb.Err.Code != tc.code || cb.Err.Description != tc.desc || cb.Err.Hint != tc.hint || cb.Err.Endpoint != EndpointAuthorize {
			t.Errorf("%s: Err = %+v", tc.url, cb.Err)
		}
	}
}

func TestCleanURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://app.example/callback?code=a&state=b":                            "https://app.example/callback",
		"https://app.example/callback?lang=fr&code=a&state=b#top":                "https://app.example/callback?lang=fr#top",
		"https://app.example/cb?error=x&error_description=y&message=z&state=s":   "https://app.example/cb",
		"https://app.example/cb?iss=x&hint=h&error_uri=u&code=c&keep=%2F&state=": "https://app.example/cb?keep=%2F",
		"/callback?code=a&state=b&x=1":                                           "/callback?x=1",
		"/callback?":                                                             "/callback",
		"https://app.example/":                                                   "https://app.example/",
		"/callback?c%6Fde=a&state=b":                                             "/callback",
		"/callback?code=a&scope=view-user-profile&state=b&session_state=z":       "/callback",
	} {
		if got := CleanURL(in); got != want {
			t.Errorf("CleanURL(%q) = %q, want %q", in, got, want)
		}
	}
	if got := CleanURL("http://[::1/cb?code=secret"); strings.Contains(got, "secret") {
		t.Errorf("unparseable address kept the code: %q", got)
	}
}
