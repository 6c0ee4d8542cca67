//go:build !(js && wasm)

package ui

// Off the browser there is no page: the editor helpers do nothing.

func setFieldValue(string, string)                               {}
func fieldCaret(string) int                                      { return -1 }
func setFieldCaret(string, int)                                  {}
func onFieldKey(string, func(key string, ctrl, shift bool) bool) {}
func fieldValue(string) string                                   { return "" }
func replaceWord(string, string)                                 {}
