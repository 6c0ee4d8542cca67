package ui

import "unicode/utf16"

// isNameByte reports whether b can be part of a GraphQL name (spec section
// 2.1.9, "Names": letters, digits and underscores).
func isNameByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// runeOffset converts an offset in UTF-16 code units (how the page counts a
// caret) into one in runes of s (how gqlwork counts).
func runeOffset(s string, units int) int {
	n, u := 0, 0
	for _, r := range s {
		if u >= units {
			break
		}
		u += len(utf16.Encode([]rune{r}))
		n++
	}
	return n
}

// unitOffset converts a rune offset in s into UTF-16 code units.
func unitOffset(s string, runes int) int {
	u := 0
	for i, r := range []rune(s) {
		if i >= runes {
			break
		}
		u += len(utf16.Encode([]rune{r}))
	}
	return u
}
