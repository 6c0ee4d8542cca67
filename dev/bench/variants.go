//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
)

// variant is one way to build app.wasm, for the "what each option buys"
// table: the first ones each add one option to the one before; the last
// ones build the signed-out build and the floor the same ways.
type variant struct {
	Name    string   `json:"name"`
	Env     []string `json:"env,omitempty"`
	Flags   []string `json:"flags"`
	WasmOpt []string `json:"wasm_opt,omitempty"` // wasm-opt arguments applied after the build
	Package string   `json:"package,omitempty"`  // what is built; "" = ./cmd/wasm
	Raw     int64    `json:"raw_bytes"`
	Gzip    int64    `json:"gzip_bytes"`
	Brotli  int64    `json:"brotli_bytes"`
}

func buildVariants() ([]variant, error) {
	appGC, liteGC, err := makeGCFlags(".")
	if err != nil {
		return nil, err
	}
	base := []string{"-trimpath", "-ldflags=-s -w", "-tags", "nethttpomithttp2"}
	// As in the Makefile, a later -tags replaces the earlier one.
	liteBase := append(append([]string{}, base...), "-tags", "nethttpomithttp2,pkcelogs_lite")
	shipped := append(append([]string{}, base...), appGC...)
	lite := append(append([]string{}, liteBase...), liteGC...)
	return []variant{
		{Name: "go build, no flags", Flags: nil},
		{Name: "-trimpath -ldflags='-s -w'", Flags: []string{"-trimpath", "-ldflags=-s -w"}},
		{Name: "+ -tags nethttpomithttp2", Flags: base},
		{Name: "+ inlining only in runtime, syscall/js, go-app (shipped: make build)", Flags: shipped},
		{Name: "+ GOWASM=satconv,signext", Env: []string{"GOWASM=satconv,signext"}, Flags: shipped},
		{Name: "shipped + wasm-opt -Oz", Flags: shipped,
			WasmOpt: []string{"-Oz", "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int"}},
		{Name: "signed-out build (cmd/wasm-lite), without the inlining flags", Package: "./cmd/wasm-lite", Flags: liteBase},
		{Name: "signed-out build, shipped (make build)", Package: "./cmd/wasm-lite", Flags: lite},
		{Name: "floor: go-app with one component (bench/floor), as the floors are built", Flags: base, Package: "./dev/bench/floor"},
		{Name: "floor, with the signed-out build's inlining flags", Flags: lite, Package: "./dev/bench/floor"},
		{Name: "floor + one request through an *http.Client (-tags floorhttp)", Package: "./dev/bench/floor",
			Flags: []string{"-trimpath", "-ldflags=-s -w", "-tags", "nethttpomithttp2,floorhttp"}},
	}, nil
}

// makeGCFlags asks the Makefile in root (make print-gcflags) for the
// inlining flags make build gives app.wasm and app-lite.wasm, so the table
// builds what ships without a second copy of them here.
func makeGCFlags(root string) (app, lite []string, err error) {
	out, err := exec.Command("make", "-s", "--no-print-directory", "-C", root, "print-gcflags").Output()
	if err != nil {
		return nil, nil, fmt.Errorf("make print-gcflags: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return nil, nil, fmt.Errorf("make print-gcflags: want two lines, got %q", out)
	}
	return strings.Fields(lines[0]), strings.Fields(lines[1]), nil
}

// measureVariants builds ./cmd/wasm (or the variant's package) each way under dir and compresses each
// build exactly as the static export does (webapp.Precompress).
func measureVariants(dir string) ([]variant, error) {
	vs, err := buildVariants()
	if err != nil {
		return nil, err
	}
	out := vs[:0]
	for i, v := range vs {
		vdir := filepath.Join(dir, fmt.Sprintf("variant-%d", i))
		if err := os.MkdirAll(vdir, 0o755); err != nil {
			return nil, err
		}
		wasm := filepath.Join(vdir, "app.wasm")
		args := append([]string{"build"}, v.Flags...)
		pkg := v.Package
		if pkg == "" {
			pkg = "./cmd/wasm"
		}
		args = append(args, "-o", wasm, pkg)
		cmd := exec.Command("go", args...)
		cmd.Env = append(append(os.Environ(), "GOOS=js", "GOARCH=wasm"), v.Env...)
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("building %q: %v\n%s", v.Name, err, b)
		}
		if v.WasmOpt != nil {
			if _, err := exec.LookPath("wasm-opt"); err != nil {
				fmt.Println("bench: wasm-opt not found (Debian package binaryen): skipping", v.Name)
				continue
			}
			optArgs := append(append([]string{}, v.WasmOpt...), wasm, "-o", wasm)
			if b, err := exec.Command("wasm-opt", optArgs...).CombinedOutput(); err != nil {
				return nil, fmt.Errorf("wasm-opt: %v\n%s", err, b)
			}
		}
		if err := compressVariant(vdir); err != nil {
			return nil, err
		}
		sizes := make([]int64, 3)
		for j, suffix := range []string{"", ".gz", ".br"} {
			fi, err := os.Stat(wasm + suffix)
			if err != nil {
				return nil, err
			}
			sizes[j] = fi.Size()
		}
		v.Raw, v.Gzip, v.Brotli = sizes[0], sizes[1], sizes[2]
		fmt.Printf("bench: variant %q: raw %.2f MB, gzip %.2f MB, brotli %.2f MB\n", v.Name, mbf(v.Raw), mbf(v.Gzip), mbf(v.Brotli))
		out = append(out, v)
	}
	return out, nil
}

// compressVariant writes app.wasm.gz and app.wasm.br beside dir/app.wasm at
// the export's settings (gzip best, brotli quality 11, 16 MiB window). The
// brotli command does the same as webapp.Precompress several times faster;
// without it, Precompress itself runs.
func compressVariant(dir string) error {
	wasm := filepath.Join(dir, "app.wasm")
	if _, err := exec.LookPath("brotli"); err != nil {
		return webapp.Precompress(dir)
	}
	if b, err := exec.Command("brotli", "-f", "-q", "11", "--lgwin=24", "-o", wasm+".br", wasm).CombinedOutput(); err != nil {
		return fmt.Errorf("brotli: %v\n%s", err, b)
	}
	raw, err := os.ReadFile(wasm)
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(raw)
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(wasm+".gz", gz.Bytes(), 0o644)
}

func mbf(n int64) float64 { return float64(n) / 1e6 }

// variantsTable is the Markdown table of the build variants.
func variantsTable(vs []variant) string {
	var b strings.Builder
	b.WriteString("| build | raw | gzip | brotli |\n|---|---|---|---|\n")
	for _, v := range vs {
		fmt.Fprintf(&b, "| %s | %.2f MB | %.2f MB | %.2f MB |\n", v.Name, mbf(v.Raw), mbf(v.Gzip), mbf(v.Brotli))
	}
	return b.String()
}
