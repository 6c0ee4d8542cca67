package ui

import (
	"errors"
	"strings"
	"testing"
)

func TestBadVariablesInPlainWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"{\n  \"a\": 1,\n  b: 2\n}", []string{"line 3, column 3", "quotes, commas and braces"}},
		{`{"a": 1`, []string{"end too soon"}},
		{`[1, 2]`, []string{"one object in braces, not array"}},
		{`{"a": 1} {"b": 2}`, []string{"more after the closing brace"}},
		{`null`, []string{"are null"}},
	} {
		_, err := parseVariables(tc.text)
		var bad *BadVariablesError
		if !errors.As(err, &bad) {
			t.Fatalf("parseVariables(%q) = %v, want a BadVariablesError", tc.text, err)
		}
		plain := bad.Plain(tc.text)
		for _, w := range tc.want {
			if !strings.Contains(plain, w) {
				t.Errorf("Plain(%q) = %q, want it to say %q", tc.text, plain, w)
			}
		}
		if strings.Contains(plain, "invalid character") {
			t.Errorf("Plain(%q) = %q: the parser's own words belong in the detail", tc.text, plain)
		}
	}
	if vars, err := parseVariables(" \n"); err != nil || vars != nil {
		t.Errorf("empty variables = %v, %v; want none", vars, err)
	}
}
