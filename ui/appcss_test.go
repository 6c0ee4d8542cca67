//go:build !js

package ui

import (
	"os"
	"strings"
	"testing"
)

// TestStylesheetRulesAreClosed guards web/app.css against a merge that drops
// a rule's closing brace: the browser then reads every later rule as nested
// in the open one and silently ignores it (the 24 px report-site-link and the
// calendar's styles were lost that way). A rule that starts at the line's
// beginning must start outside every block, and the file must end balanced.
func TestStylesheetRulesAreClosed(t *testing.T) {
	b, err := os.ReadFile("../web/app.css")
	if err != nil {
		t.Fatal(err)
	}
	depth, inComment := 0, false
	for n, line := range strings.Split(string(b), "\n") {
		starts := line != "" && !inComment && strings.ContainsAny(line[:1], ".#@[*:abcdefghijklmnopqrstuvwxyz")
		if starts && depth > 0 {
			t.Errorf("web/app.css:%d: %q starts inside an unclosed block: a closing brace is missing above", n+1, line)
			return
		}
		for i := 0; i < len(line); i++ {
			switch {
			case inComment:
				if strings.HasPrefix(line[i:], "*/") {
					inComment, i = false, i+1
				}
			case strings.HasPrefix(line[i:], "/*"):
				inComment, i = true, i+1
			case line[i] == '{':
				depth++
			case line[i] == '}':
				depth--
			}
		}
		if depth < 0 {
			t.Fatalf("web/app.css:%d: a closing brace without its opening one", n+1)
		}
	}
	if depth != 0 {
		t.Errorf("web/app.css ends with %d block(s) open", depth)
	}
}
