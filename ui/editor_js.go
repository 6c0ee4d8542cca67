//go:build js && wasm

package ui

import (
	"unicode/utf16"

	"github.com/hack-pad/safejs"
)

// element returns the element with the id, or false.
func element(id string) (safejs.Value, bool) {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return safejs.Value{}, false
	}
	el, err := doc.Call("getElementById", id)
	if err != nil || el.IsNull() || el.IsUndefined() {
		return safejs.Value{}, false
	}
	return el, true
}

// setFieldValue writes a text field's value in the page. The console calls
// it only when the program changes the text (an example, a saved or shared
// query, a completion), never while the person types: the page's field is
// the source of truth for what is typed (see Console).
func setFieldValue(id, value string) {
	if el, ok := element(id); ok {
		if cur, err := el.Get("value"); err == nil {
			if s, err := cur.String(); err == nil && s == value {
				return
			}
		}
		_ = el.Set("value", value)
	}
}

// fieldCaret is the caret's offset (in UTF-16 code units, as the page counts)
// in a text field, or -1.
func fieldCaret(id string) int {
	el, ok := element(id)
	if !ok {
		return -1
	}
	v, err := el.Get("selectionStart")
	if err != nil || v.Type() != safejs.TypeNumber {
		return -1
	}
	n, _ := v.Int()
	return n
}

// setFieldCaret puts the caret at offset (UTF-16 code units) and focuses the field.
func setFieldCaret(id string, offset int) {
	if el, ok := element(id); ok {
		_, _ = el.Call("focus")
		_, _ = el.Call("setSelectionRange", offset, offset)
	}
}

// keyListeners holds the listener added to each field, so it is added once
// per element (go-app may replace the element; a new one gets its own).
var keyListeners = map[string]keyListener{}

type keyListener struct {
	el safejs.Value
	fn safejs.Func
}

// onFieldKey listens to keydown on the field synchronously, which go-app's
// own handlers are not (they run later, on the UI goroutine, too late to
// prevent a key's default): handle says whether it took the key, and then
// the key does nothing else (no newline for Enter, no caret move for the
// arrows). handle runs in the browser's event callback: it must not block.
func onFieldKey(id string, handle func(key string, ctrl, shift bool) bool) {
	el, ok := element(id)
	if !ok {
		return
	}
	if old, ok := keyListeners[id]; ok {
		if old.el.Equal(el) {
			return
		}
		_, _ = old.el.Call("removeEventListener", "keydown", old.fn.Value())
		old.fn.Release()
	}
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) == 0 {
			return nil
		}
		ev := args[0]
		str := func(name string) string {
			v, err := ev.Get(name)
			if err != nil {
				return ""
			}
			s, _ := v.String()
			return s
		}
		flag := func(name string) bool {
			v, err := ev.Get(name)
			if err != nil {
				return false
			}
			b, _ := v.Bool()
			return b
		}
		if flag("isComposing") {
			return nil // an input method is composing: its keys are its own
		}
		if handle(str("key"), flag("ctrlKey") || flag("metaKey"), flag("shiftKey")) {
			_, _ = ev.Call("preventDefault")
		}
		return nil
	})
	if err != nil {
		return
	}
	if _, err := el.Call("addEventListener", "keydown", fn.Value()); err != nil {
		fn.Release()
		return
	}
	keyListeners[id] = keyListener{el: el, fn: fn}
}

// fieldValue is a text field's value in the page, or "".
func fieldValue(id string) string {
	el, ok := element(id)
	if !ok {
		return ""
	}
	v, err := el.Get("value")
	if err != nil {
		return ""
	}
	s, _ := v.String()
	return s
}

// replaceWord replaces the GraphQL name around the caret of the field with
// word, in the page and at once (setRangeText), so keys typed meanwhile stay
// where they are; the caret goes after the word.
func replaceWord(id, word string) {
	el, ok := element(id)
	if !ok {
		return
	}
	units := utf16.Encode([]rune(fieldValue(id)))
	caret := min(max(fieldCaret(id), 0), len(units))
	start, end := caret, caret
	for start > 0 && start <= len(units) && units[start-1] < 128 && isNameByte(byte(units[start-1])) {
		start--
	}
	for end < len(units) && units[end] < 128 && isNameByte(byte(units[end])) {
		end++
	}
	_, _ = el.Call("setRangeText", word, start, end, "end")
}
