package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The console's variables box: parsed here, outside console.go, because
// Explain (both builds) says what is wrong with them, and the signed-out
// build (-tags pkcelogs_lite) leaves the console itself out.

// BadVariablesError means the variables box does not hold a JSON object.
type BadVariablesError struct{ Err error }

func (e *BadVariablesError) Error() string {
	return "The variables must be a JSON object such as {\"userID\": 1} (" + e.Err.Error() + "): fix them and run the query again."
}

func (e *BadVariablesError) Unwrap() error { return e.Err }

// Plain says what is wrong with text (the variables as typed) in plain
// words, with the line and column of a syntax error (from line 1, column 1).
func (e *BadVariablesError) Plain(text string) string {
	const shape = ` Write them as {"name": value, ...}, with the names in double quotes, or leave the box empty.`
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(e.Err, io.ErrUnexpectedEOF):
		return "The variables end too soon: a closing brace, bracket or quote may be missing." + shape
	case errors.As(e.Err, &syn):
		line, col := lineColumn(text, int(syn.Offset))
		if syn.Offset >= int64(len(strings.TrimRight(text, " \t\r\n"))) {
			return "The variables end too soon: a closing brace, bracket or quote may be missing." + shape
		}
		return fmt.Sprintf("Something is out of place at line %d, column %d of the variables: check the quotes, commas and braces there.", line, col) + shape
	case errors.As(e.Err, &typ):
		return "The variables must be one object in braces, not " + typ.Value + "." + shape
	case errors.Is(e.Err, errExtraVariables):
		return "There is more after the closing brace of the variables: they must be one object." + shape
	case errors.Is(e.Err, errNullVariables):
		return "The variables are null: they must be an object, or the box left empty." + shape
	}
	return "The variables could not be read." + shape
}

var (
	errExtraVariables = errors.New("extra text after the object")
	errNullVariables  = errors.New("null is not an object")
)

// lineColumn turns a byte offset (just past the faulty byte, as
// json.SyntaxError counts) into a 1-based line and column (in characters).
func lineColumn(text string, offset int) (line, col int) {
	offset = min(max(offset-1, 0), len(text))
	line = 1 + strings.Count(text[:offset], "\n")
	start := strings.LastIndex(text[:offset], "\n") + 1
	return line, 1 + len([]rune(text[start:offset]))
}

func parseVariables(text string) (map[string]any, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var vars map[string]any
	if err := dec.Decode(&vars); err != nil {
		return nil, &BadVariablesError{err}
	}
	if dec.More() {
		return nil, &BadVariablesError{errExtraVariables}
	}
	if vars == nil {
		return nil, &BadVariablesError{errNullVariables}
	}
	return vars, nil
}
