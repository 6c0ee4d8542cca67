// Command wasmcensus prints what a Go WebAssembly build is made of: code
// bytes by package (or, with -funcs, the largest functions). Build the
// module without -ldflags=-s so it keeps its names:
//
//	GOOS=js GOARCH=wasm go build -trimpath -tags nethttpomithttp2 -o /tmp/app.wasm ./cmd/wasm
//	go run ./dev/cmd/wasmcensus /tmp/app.wasm
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/pkcelogs/pkcelogs/dev/internal/wasmsym"
)

func main() {
	top := flag.Int("n", 40, "how many rows")
	funcs := flag.Bool("funcs", false, "list functions, not packages")
	match := flag.String("match", "", "only names containing this")
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
