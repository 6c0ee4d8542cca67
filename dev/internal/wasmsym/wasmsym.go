// Package wasmsym lists the functions a WebAssembly module defines, with the
// names Go's linker writes into the "name" custom section and the size of
// each body in the code section (WebAssembly Core Specification 2.0,
// §5.5.13 and appendix 7.4.2). `go tool nm` does not read wasm; this does, for
// the size census (dev/cmd/wasmcensus) and the architecture tests that check
// what a build links. Build without -ldflags=-s: a stripped module has no
// names.
package wasmsym

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Func is one function the module defines.
type Func struct {
	Name  string
	Size  int // bytes of its body in the code section
	Index int // its index in the module's function space (imports first), as V8's traces name it
}

// Functions parses module and returns its defined functions.
func Functions(module []byte) ([]Func, error) {
	if len(module) < 8 || string(module[:4]) != "\x00asm" {
		return nil, errors.New("wasmsym: not a WebAssembly module")
	}
	r := reader{b: module, i: 8}
	var imported int
	var sizes []int
	names := map[int]string{}
	for r.i < len(r.b) {
		id := r.byte()
		n := int(r.uleb())
		end := r.i + n
		if r.err != nil || end > len(r.b) {
			return nil, errors.New("wasmsym: truncated section")
		}
		sec := reader{b: r.b[:end], i: r.i}
		switch id {
		case 2: // imports: count the functions among them
			for k := sec.uleb(); k > 0 && sec.err == nil; k-- {
				sec.name()
				sec.name()
				switch kind := sec.byte(); kind {
				case 0:
					sec.uleb()
					imported++
				case 1: // table: reftype, limits
					sec.byte()
					sec.limits()
				case 2:
					sec.limits()
				case 3:
					sec.byte()
					sec.byte()
				default:
					return nil, fmt.Errorf("wasmsym: import kind %d", kind)
				}
			}
		case 10: // code
			for k := sec.uleb(); k > 0 && sec.err == nil; k-- {
				size := int(sec.uleb())
				sizes = append(sizes, size)
				sec.i += size
			}
		case 0: // custom
			if sec.name() == "name" {
				for sec.i < end && sec.err == nil {
					sub := sec.byte()
					subLen := int(sec.uleb())
					subEnd := sec.i + subLen
					if sub == 1 {
						for k := sec.uleb(); k > 0 && sec.err == nil; k-- {
							idx := int(sec.uleb())
							names[idx] = sec.name()
						}
					}
					sec.i = subEnd
				}
			}
		}
		if sec.err != nil {
			return nil, sec.err
		}
		r.i = end
	}
	if len(names) == 0 {
		return nil, errors.New("wasmsym: the module has no function names (built with -ldflags=-s?)")
	}
	funcs := make([]Func, len(sizes))
	for k, size := range sizes {
		funcs[k] = Func{Name: names[imported+k], Size: size, Index: imported + k}
	}
	return funcs, nil
}

// Package is the Go package of a function name as Go's linker writes it
// into a wasm module, with "/" and the receiver's "(*T)" spelled "_":
// "net_http" for "net_http.__Transport_.roundTrip",
// "github.com_pkcelogs_pkcelogs_ui" for "github.com_pkcelogs_pkcelogs_ui.Explain";
// "" when the name has none.
func Package(symbol string) string {
	from := 0
	if u := strings.IndexByte(symbol, '_'); u > 0 && strings.Contains(symbol[:u], ".") {
		from = u // a module path's host ("github.com_...") has a dot of its own
	}
	dot := strings.IndexByte(symbol[from:], '.')
	if dot < 0 {
		return ""
	}
	return symbol[:from+dot]
}

// Mangle spells an import path the way Go's linker does in a wasm module's
// names: every byte but letters, digits, "." and "_" becomes "_"
// ("net/http" is "net_http"). A function of the package is named
// Mangle(path) + "." + its name.
func Mangle(importPath string) string {
	b := []byte(importPath)
	for i, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}

// Census sums the functions' sizes by package, largest first.
func Census(funcs []Func) []Func {
	by := map[string]int{}
	for _, f := range funcs {
		by[Package(f.Name)] += f.Size
	}
	out := make([]Func, 0, len(by))
	for p, n := range by {
		out = append(out, Func{Name: p, Size: n})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Size > out[j].Size || out[i].Size == out[j].Size && out[i].Name < out[j].Name
	})
	return out
}

type reader struct {
	b   []byte
	i   int
	err error
}

func (r *reader) byte() byte {
	if r.i >= len(r.b) {
		r.err = errors.New("wasmsym: truncated module")
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

func (r *reader) uleb() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			break
		}
	}
	return v
}

func (r *reader) name() string {
	n := int(r.uleb())
	if r.err != nil || r.i+n > len(r.b) {
		r.err = errors.New("wasmsym: truncated name")
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func (r *reader) limits() {
	if r.byte()&1 == 1 {
		r.uleb()
		r.uleb()
	} else {
		r.uleb()
	}
}
