package webapp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The stylesheet's blocks are all closed. A rule left open (a merge that lost
// a "}") makes every later rule a part of it, which browsers drop: after the
// merges of issues 14 and 15 the loader's, the skeleton's and the callback
// page's rules at the end of the file silently stopped applying.
func TestAppCSSBlocksAreClosed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "web", "app.css"))
	if err != nil {
		t.Fatal(err)
	}
	depth, line, inComment, inString := 0, 1, false, byte(0)
	var open []int // the line of each open block
	s := string(b)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			line++
		}
		switch {
		case inComment:
			if strings.HasPrefix(s[i:], "*/") {
				inComment = false
				i++
			}
		case inString != 0:
			if c == '\\' {
				i++
			} else if c == inString {
				inString = 0
			}
		case strings.HasPrefix(s[i:], "/*"):
			inComment = true
			i++
		case c == '"' || c == '\'':
			inString = c
		case c == '{':
			depth++
			open = append(open, line)
		case c == '}':
			if depth == 0 {
				t.Fatalf("web/app.css:%d: a \"}\" closes no block", line)
			}
			depth--
			open = open[:len(open)-1]
		}
	}
	if depth != 0 {
		t.Fatalf("web/app.css: %d blocks not closed, the first at line %d", depth, open[0])
	}
}
