package gqlwork

import (
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// Suggestion is one thing that may be typed at the cursor.
type Suggestion struct {
	Label       string // what is inserted: a field, argument or enum value name
	Kind        string // "field", "argument", "enum value", "type" or "input field"
	Type        string // the GraphQL type, such as "[Report]" or "Int!"; "" for an enum value or type
	Description string // the schema's description, "" when it has none
}

// Completion is what Complete found.
type Completion struct {
	Start, End  int // the word being typed, to be replaced: character offsets
	Prefix      string
	Suggestions []Suggestion
}

// frame is one level of nesting before the cursor.
type frame struct {
	kind     byte // 's' selection set, 'a' arguments, 'o' input object value, 'v' variable definitions, 'l' list value, 'x' other
	typ      *ast.Definition
	field    *ast.FieldDefinition // 's': the last field named; 'a': the field the arguments are for
	args     ast.ArgumentDefinitionList
	argType  *ast.Type // 'a'/'o': the type of the argument or input field whose value comes next
	nextType *ast.Definition
	used     map[string]bool
}

// Complete returns what may be typed at offset (in characters) of query:
// the fields of the type whose selection set the cursor is in, the
// arguments of the field whose parentheses it is in, or the values of an
// enum argument after its colon. Suggestions start with the word before the
// cursor (case-insensitively), in the schema's order; none when the cursor
// is elsewhere (a string, a comment, the operation's name).
func (s *Schema) Complete(query string, offset int) Completion {
	runes := []rune(query)
	offset = min(max(offset, 0), len(runes))
	start := offset
	for start > 0 && isNameRune(runes[start-1]) {
		start--
	}
	end := offset
	for end < len(runes) && isNameRune(runes[end]) {
		end++
	}
	c := Completion{Start: start, End: end, Prefix: string(runes[start:offset])}
	if start > 0 && runes[start-1] == '$' {
		return c // a variable's name
	}
	stack, last, ok := s.scan(string(runes[:start]))
	if !ok || len(stack) == 0 {
		return c
	}
	top := stack[len(stack)-1]
	switch top.kind {
	case 's':
		if last.Kind == lexer.Spread || (last.Kind == lexer.Name && last.Value == "on") {
			return c // a fragment's name or type condition
		}
		if top.typ == nil {
			return c
		}
		for _, f := range top.typ.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			c.add(Suggestion{Label: f.Name, Kind: "field", Type: f.Type.String(), Description: f.Description})
		}
	case 'a', 'o':
		if last.Kind == lexer.Colon {
			c.values(s, top.argType)
			return c
		}
		if last.Kind != lexer.ParenL && last.Kind != lexer.BraceL && !endsValue(last) {
			return c
		}
		kind := "argument"
		if top.kind == 'o' {
			kind = "input field"
		}
		for _, a := range top.args {
			if !top.used[a.Name] {
				c.add(Suggestion{Label: a.Name, Kind: kind, Type: a.Type.String(), Description: a.Description})
			}
		}
	case 'l':
		// A list value: its items are of the argument's element type.
		if top.argType != nil {
			c.values(s, top.argType)
		}
	}
	c.filter()
	return c
}

// values suggests the values of an enum (or Boolean) type.
func (c *Completion) values(s *Schema, t *ast.Type) {
	for t != nil && t.Elem != nil {
		t = t.Elem
	}
	if t == nil {
		return
	}
	if t.NamedType == "Boolean" {
		c.add(Suggestion{Label: "true", Kind: "enum value"})
		c.add(Suggestion{Label: "false", Kind: "enum value"})
	} else if d := s.s.Types[t.NamedType]; d != nil && d.Kind == ast.Enum {
		for _, v := range d.EnumValues {
			c.add(Suggestion{Label: v.Name, Kind: "enum value", Description: v.Description})
		}
	}
	c.filter()
}

func (c *Completion) add(s Suggestion) { c.Suggestions = append(c.Suggestions, s) }

// filter keeps the suggestions that start with the prefix (case-insensitive),
// those that start with it exactly first, and drops a lone exact match (the
// word is already complete).
func (c *Completion) filter() {
	p := strings.ToLower(c.Prefix)
	var out []Suggestion
	for _, s := range c.Suggestions {
		if strings.HasPrefix(strings.ToLower(s.Label), p) {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return strings.HasPrefix(out[i].Label, c.Prefix) && !strings.HasPrefix(out[j].Label, c.Prefix)
	})
	if len(out) == 1 && out[0].Label == c.Prefix {
		out = nil
	}
	c.Suggestions = out
}

func isNameRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// endsValue reports whether tok can end an argument's value, after which the
// next argument's name may come.
func endsValue(tok lexer.Token) bool {
	switch tok.Kind {
	case lexer.Name, lexer.Int, lexer.Float, lexer.String, lexer.BlockString, lexer.BracketR, lexer.BraceR:
		return true
	}
	return false
}

// scan reads text (the query up to the word at the cursor) and returns the
// nesting at its end and its last token; false when the cursor sits where
// nothing can be suggested (inside a string or comment, after a lexical error).
func (s *Schema) scan(text string) (stack []*frame, last lexer.Token, ok bool) {
	lx := lexer.New(&ast.Source{Input: text})
	var (
		pendingType *ast.Definition // the type of the selection set the next "{" opens at the top level
		prev        lexer.Token     // the token before tok
		prev2       lexer.Token
		argName     string
	)
	root := func(op string) *ast.Definition {
		switch op {
		case "mutation":
			return s.s.Mutation
		case "subscription":
			return s.s.Subscription
		}
		return s.s.Query
	}
	for {
		tok, err := lx.ReadToken()
		if err != nil {
			return nil, last, false // an unterminated string, say: the cursor is inside it
		}
		if tok.Kind == lexer.Comment {
			continue
		}
		if tok.Kind == lexer.EOF {
			// A comment runs to the end of its line: a cursor after "#" is inside it.
			if i := strings.LastIndexAny(text, "#\n"); i >= 0 && text[i] == '#' && !inString(text[:i]) {
				return nil, last, false
			}
			return stack, last, true
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch tok.Kind {
		case lexer.BraceL:
			switch {
			case top == nil:
				t := pendingType
				if t == nil {
					t = s.s.Query
				}
				stack = append(stack, &frame{kind: 's', typ: t})
				pendingType = nil
			case top.kind == 's':
				var t *ast.Definition
				if top.nextType != nil {
					t, top.nextType = top.nextType, nil
				} else if top.field != nil {
					t = s.s.Types[top.field.Type.Name()]
				}
				stack = append(stack, &frame{kind: 's', typ: t})
			case top.kind == 'a' || top.kind == 'o' || top.kind == 'l':
				// An input object value.
				f := &frame{kind: 'o', used: map[string]bool{}}
				if top.argType != nil {
					if d := s.s.Types[top.argType.Name()]; d != nil && d.Kind == ast.InputObject {
						for _, fd := range d.Fields {
							f.args = append(f.args, &ast.ArgumentDefinition{Name: fd.Name, Type: fd.Type, Description: fd.Description})
						}
					}
				}
				stack = append(stack, f)
			default:
				stack = append(stack, &frame{kind: 'x'})
			}
		case lexer.BraceR, lexer.ParenR, lexer.BracketR:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 && (stack[len(stack)-1].kind == 'a' || stack[len(stack)-1].kind == 'o') && tok.Kind != lexer.ParenR {
				stack[len(stack)-1].argType = nil
			}
		case lexer.ParenL:
			switch {
			case top == nil:
				stack = append(stack, &frame{kind: 'v'})
			case top.kind == 's' && prev.Kind == lexer.Name && top.field != nil && prev2.Kind != lexer.At:
				stack = append(stack, &frame{kind: 'a', field: top.field, args: top.field.Arguments, used: map[string]bool{}})
			default:
				stack = append(stack, &frame{kind: 'x'}) // a directive's arguments, an unknown field's
			}
		case lexer.BracketL:
			f := &frame{kind: 'l'}
			if top != nil && top.argType != nil {
				f.argType = top.argType.Elem
				if f.argType == nil {
					f.argType = top.argType
				}
			}
			stack = append(stack, f)
		case lexer.Colon:
			if top != nil && (top.kind == 'a' || top.kind == 'o') && prev.Kind == lexer.Name {
				argName = prev.Value
				top.used[argName] = true
				top.argType = nil
				if a := top.args.ForName(argName); a != nil {
					top.argType = a.Type
				}
			}
			if top != nil && top.kind == 's' {
				top.field = nil
			}
		case lexer.Name:
			switch {
			case top == nil:
				switch {
				case prev.Kind == lexer.Name && prev.Value == "on":
					pendingType = s.s.Types[tok.Value]
				case tok.Value == "query" || tok.Value == "mutation" || tok.Value == "subscription":
					pendingType = root(tok.Value)
				}
			case top.kind == 's':
				switch {
				case prev.Kind == lexer.Spread && tok.Value == "on":
				case prev.Kind == lexer.Name && prev.Value == "on" && prev2.Kind == lexer.Spread:
					top.nextType = s.s.Types[tok.Value]
				case prev.Kind == lexer.Spread, prev.Kind == lexer.At:
					// a fragment spread or a directive
				default:
					if top.typ != nil {
						top.field = top.typ.Fields.ForName(tok.Value)
					} else {
						top.field = nil
					}
				}
			case top.kind == 'a' || top.kind == 'o':
				if prev.Kind == lexer.Colon || prev.Kind == lexer.Dollar {
					top.argType = nil // the value was a name (enum or variable): the next argument comes
				}
			}
		}
		prev2, prev = prev, tok
		last = tok
	}
}

// inString reports whether text ends inside a string, so a "#" after it is
// not a comment.
func inString(text string) bool {
	in := false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '"':
			in = !in
		}
	}
	return in
}
