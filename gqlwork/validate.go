package gqlwork

import (
	"errors"
	"sort"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// Problem is one thing wrong with a query, where it is.
type Problem struct {
	Line    int    // 1-based; 0 when the problem has no place (rare)
	Column  int    // 1-based, in characters
	Message string // gqlparser's words, which name the field, argument or type
	Syntax  bool   // the query could not be read at all (vs. read but invalid)
}

// Validate reads query and checks it against the schema, as the site would
// before running it (GraphQL spec section 5): unknown fields and
// arguments, missing required arguments, variables of the wrong type, and
// the rest of the specification's rules. It returns nothing for a valid
// query; problems come sorted by place.
func (s *Schema) Validate(query string) []Problem {
	doc, err := parser.ParseQuery(&ast.Source{Name: "query", Input: query})
	if err != nil {
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) {
			return problems(gqlerror.List{gerr}, true)
		}
		return []Problem{{Message: err.Error(), Syntax: true}}
	}
	return problems(validator.ValidateWithRules(s.s, doc, rules.NewDefaultRules()), false)
}

func problems(list gqlerror.List, syntax bool) []Problem {
	var out []Problem
	for _, e := range list {
		p := Problem{Message: e.Message, Syntax: syntax}
		if len(e.Locations) > 0 {
			p.Line, p.Column = e.Locations[0].Line, e.Locations[0].Column
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Column < out[j].Column
	})
	return out
}
