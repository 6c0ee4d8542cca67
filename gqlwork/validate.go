package gqlwork

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"

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

// ValidateVariables checks variable values (as decoded from the variables
// box, numbers as json.Number or float64) against the types the query's
// operation declares for them (GraphQL spec section 6.1.2, "Coercing
// Variable Values"): a required variable missing, a string where an Int is
// declared, an unknown enum value. It says nothing about a query that
// Validate refuses or that holds several operations (the site would need
// an operation name, which the console does not send).
func (s *Schema) ValidateVariables(query string, vars map[string]any) []Problem {
	doc, err := parser.ParseQuery(&ast.Source{Name: "query", Input: query})
	if err != nil || len(doc.Operations) != 1 {
		return nil
	}
	if errs := validator.ValidateWithRules(s.s, doc, rules.NewDefaultRules()); len(errs) > 0 {
		return nil
	}
	if vars == nil {
		vars = map[string]any{}
	}
	_, err = validator.VariableValues(s.s, doc.Operations[0], plainNumbers(vars).(map[string]any))
	if err == nil {
		return nil
	}
	var gerr *gqlerror.Error
	if !errors.As(err, &gerr) {
		return []Problem{{Message: "Variables: " + err.Error()}}
	}
	name := ""
	if len(gerr.Path) > 1 {
		name = "$" + strings.TrimPrefix(gerr.Path[1:].String(), ".")
	}
	p := Problem{Message: strings.TrimSpace("Variables: " + name + " " + goTypeNames.Replace(gerr.Message))}
	// Point at the variable's declaration in the query.
	if len(gerr.Path) > 1 {
		if seg, ok := gerr.Path[1].(ast.PathName); ok {
			if def := doc.Operations[0].VariableDefinitions.ForName(string(seg)); def != nil && def.Position != nil {
				p.Line, p.Column = def.Position.Line, def.Position.Column
			}
		}
	}
	return []Problem{p}
}

// plainNumbers turns json.Numbers that are not integers into float64, so
// gqlparser says "2.5" rather than "0" when an Int was declared.
func plainNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = plainNumbers(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plainNumbers(x)
		}
		return out
	case json.Number:
		if _, err := v.Int64(); err != nil {
			if f, err := v.Float64(); err == nil {
				return f
			}
		}
	}
	return v
}

// goTypeNames puts gqlparser's Go type names in JSON's words.
var goTypeNames = strings.NewReplacer("use float64 as", "use a number with a fraction as", "use string as", "use text as",
	"use bool as", "use true or false as", "use map[string]interface {} as", "use an object as", "use []interface {} as", "use a list as")
