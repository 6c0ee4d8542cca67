// Command wasmcensus prints what a Go WebAssembly build is made of: code
// bytes by package (or, with -funcs, the largest functions). Build the
// module without -ldflags=-s so it keeps its names:
//
//	GOOS=js GOARCH=wasm go build -trimpath -tags nethttpomithttp2 -o /tmp/app.wasm ./cmd/wasm
//	go run ./dev/cmd/wasmcensus /tmp/app.wasm
//
// With -lazy TRACE (a Chromium trace with the v8.wasm category, such as
// dev/bench's -probe-trace writes, of a page that ran this module), it sums
// instead, by package, the functions V8 compiled lazily on their first call
// (wasm.CompileLazy): what a page spent compiling, and what V8's code cache
// would have spared it.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/pkcelogs/pkcelogs/dev/internal/wasmsym"
)

func main() {
	top := flag.Int("n", 40, "how many rows")
	funcs := flag.Bool("funcs", false, "list functions, not packages")
	match := flag.String("match", "", "only names containing this")
	lazy := flag.String("lazy", "", "a Chromium trace (JSON): count the functions compiled lazily, by package")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmcensus [-n N] [-funcs] [-match S] module.wasm")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fs, err := wasmsym.Functions(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *lazy != "" {
		if err := lazyCensus(fs, *lazy, *top, *funcs, *match); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	total := 0
	for _, f := range fs {
		total += f.Size
	}
	rows := wasmsym.Census(fs)
	if *funcs {
		rows = fs
		sortBySize(rows)
	}
	fmt.Printf("%d functions, %.2f MB of code\n", len(fs), float64(total)/1e6)
	n := 0
	for _, r := range rows {
		if *match != "" && !strings.Contains(r.Name, *match) {
			continue
		}
		if n++; n > *top {
			break
		}
		fmt.Printf("%9d  %5.1f%%  %s\n", r.Size, 100*float64(r.Size)/float64(total), r.Name)
	}
}

func sortBySize(fs []wasmsym.Func) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Size > fs[j-1].Size; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// lazyCensus prints how many functions of fs, and how many milliseconds,
// V8 spent compiling lazily in the trace, by package, largest first; with
// funcs, each function instead, in the order V8 compiled them (the order the
// program first called them), with the trace's time, those whose name
// contains match.
func lazyCensus(fs []wasmsym.Func, tracePath string, top int, funcs bool, match string) error {
	raw, err := os.ReadFile(tracePath)
	if err != nil {
		return err
	}
	var trace struct {
		TraceEvents []struct {
			Name string
			Ts   float64 // µs
			Dur  float64 // µs
			Args struct {
				FuncIndex *int `json:"func_index"`
			}
		} `json:"traceEvents"`
	}
	if err := json.Unmarshal(raw, &trace); err != nil {
		return fmt.Errorf("reading %s: %w", tracePath, err)
	}
	byIndex, names := map[int]string{}, map[int]string{}
	for _, f := range fs {
		byIndex[f.Index] = wasmsym.Package(f.Name)
		names[f.Index] = f.Name
	}
	count, ms := map[string]int{}, map[string]float64{}
	n, total := 0, 0.0
	for _, e := range trace.TraceEvents {
		if e.Name != "wasm.CompileLazy" || e.Args.FuncIndex == nil {
			continue
		}
		p, ok := byIndex[*e.Args.FuncIndex]
		if !ok {
			p = "(not in this module)"
		}
		if funcs && strings.Contains(names[*e.Args.FuncIndex], match) {
			fmt.Printf("%10.1f ms  %5.2f ms  %s\n", e.Ts/1000, e.Dur/1000, names[*e.Args.FuncIndex])
		}
		count[p]++
		ms[p] += e.Dur / 1000
		n++
		total += e.Dur / 1000
	}
	pkgs := make([]string, 0, len(count))
	for p := range count {
		pkgs = append(pkgs, p)
	}
	sort.Slice(pkgs, func(i, j int) bool { return ms[pkgs[i]] > ms[pkgs[j]] })
	fmt.Printf("%d functions compiled lazily, %.1f ms\n", n, total)
	for i, p := range pkgs {
		if i >= top {
			break
		}
		fmt.Printf("%6d  %7.1f ms  %s\n", count[p], ms[p], p)
	}
	return nil
}
