package gqlwork

import (
	"errors"
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// Schema is one site's GraphQL schema, ready to validate and complete
// queries. It is read-only once loaded, so safe for concurrent use.
type Schema struct {
	s *ast.Schema
}

// AST is the loaded schema as gqlparser holds it, for tools that print or
// compare it (the development module's schemacheck prints FF Logs' schema
// from it, so the FFXIV rule is written once). It must not be changed.
func (s *Schema) AST() *ast.Schema { return s.s }

// SchemaFile names the published schema a game's site answers with, as
// served under web/schema/: FF Logs has no published schema and runs on the
// Warcraft Logs platform, so it uses that one adjusted by Load (FFXIV). ""
// for a game without one (a custom site): the console then runs queries
// without checking them first.
func SchemaFile(game string) string {
	switch game {
	case "warcraft", "ffxiv":
		return "warcraftlogs.graphql"
	case "eso":
		return "esologs.graphql"
	}
	return ""
}

// Load parses and checks a schema's SDL. The sites' introspected files
// re-declare the built-in scalars and directives that the GraphQL prelude
// already has (ESO Logs' does): those copies are dropped rather than
// refused. For game "ffxiv" the Warcraft Logs schema gets FF Logs' own
// differences (see FFXIV).
func Load(name, sdl, game string) (*Schema, error) {
	doc, err := parser.ParseSchemas(validator.Prelude, &ast.Source{Name: name, Input: sdl})
	if err != nil {
		return nil, fmt.Errorf("gqlwork: reading the schema %s: %w", name, err)
	}
	doc.Definitions = dropRepeats(doc.Definitions, func(d *ast.Definition) string { return d.Name })
	doc.Directives = dropRepeats(doc.Directives, func(d *ast.DirectiveDefinition) string { return d.Name })
	s, err := validator.ValidateSchemaDocument(doc)
	if err != nil {
		return nil, fmt.Errorf("gqlwork: checking the schema %s: %w", name, err)
	}
	if game == "ffxiv" {
		if err := FFXIV(s); err != nil {
			return nil, err
		}
	}
	return &Schema{s: s}, nil
}

// dropRepeats keeps the first definition of each name (the prelude's, which
// comes first).
func dropRepeats[T any](list []T, name func(T) string) []T {
	seen := map[string]bool{}
	out := list[:0]
	for _, d := range list {
		if n := name(d); !seen[n] {
			seen[n] = true
			out = append(out, d)
		}
	}
	return out
}

// FFXIV turns the Warcraft Logs schema into FF Logs' where its user part
// differs (no FF Logs schema is published; the platform is the same): User
// has only id, name, guilds and characters, and Character adds lodestoneID,
// the character's id on the Lodestone. The same facts drive logsapi's
// per-game queries and the local provider's ffxiv schema.
func FFXIV(s *ast.Schema) error {
	user, char := s.Types["User"], s.Types["Character"]
	if user == nil || char == nil {
		return errors.New("gqlwork: the schema has no User or Character type to adjust for FF Logs")
	}
	keep := map[string]bool{"id": true, "name": true, "guilds": true, "characters": true}
	var fields ast.FieldList
	for _, f := range user.Fields {
		if keep[f.Name] {
			fields = append(fields, f)
		}
	}
	user.Fields = fields
	if char.Fields.ForName("lodestoneID") == nil {
		char.Fields = append(char.Fields, &ast.FieldDefinition{
			Name:        "lodestoneID",
			Description: "The character's id on the Lodestone, Square Enix's FINAL FANTASY XIV site.",
			Type:        ast.NamedType("Int", nil),
		})
	}
	return nil
}
