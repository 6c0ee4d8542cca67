//go:build !js

package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
)

// floorBuild is one build of dev/bench/floor whose start-up is measured beside
// the app's: what go-app alone costs, and what net/http's client adds to it.
type floorBuild struct {
	Name string // in the report
	Tags string // build tags besides the shipped ones
	Slow bool   // also timed on the slow link
}

// floorBuilds are, in this order (results.compare reads them by index):
// go-app alone; go-app with net/http's client; and the app's own sign-in
// button alone, built like the signed-out build (dev/bench/floor/signin.go),
// the least the signed-out home page can start.
var floorBuilds = []floorBuild{
	{Name: "go-app floor (one button)", Tags: "nethttpomithttp2", Slow: true},
	{Name: "go-app floor + an *http.Client request", Tags: "nethttpomithttp2,floorhttp"},
	{Name: "the app's sign-in button alone (go-app + its session and sign-in)", Tags: "nethttpomithttp2,pkcelogs_lite,floorsignin", Slow: true},
}

// floorFigures are one floor build's start-up figures.
type floorFigures struct {
	Name       string  `json:"name"`
	BrotliSize int64   `json:"brotli_bytes"`
	ColdMs     figure  `json:"cold_start_ms"`
	WarmMs     figure  `json:"warm_start_ms"`
	FirstLoad  figure  `json:"first_load_bytes"`           // as the app's: until 1 s after the button is usable
	SlowColdMs figure  `json:"slow_network_cold_start_ms"` // the floors built with Slow
	ColdRatio  float64 `json:"cold_start_ratio"`           // to the reference page
	WarmRatio  float64 `json:"warm_start_ratio"`
}

// addFloors builds each floor with make build's size flags (-trimpath, -s -w,
// nethttpomithttp2) but not its inlining flags, so the floors stay go-app as
// the issue measured it; the variants table shows the floor built with them
// too. It exports each floor with the app's configuration as `make static`
// would (same loader, same service worker) and serves it on its own
// 127.0.0.1 origin. The floor's button is the page's sign-in button, marked
// ready when go-app mounts it.
func (s *stack) addFloors(outDir string) ([]*target, []int64, error) {
	// The toolchain's loader, as make build copied it for the app.
	wasmExec, err := os.ReadFile(filepath.Join(s.cfg.WebDir, "wasm_exec.js"))
	if err != nil {
		return nil, nil, err
	}
	var targets []*target
	var sizes []int64
	for i, fb := range floorBuilds {
		dir := filepath.Join(outDir, fmt.Sprintf("floor-%d", i))
		web := filepath.Join(dir, "web")
		if err := os.MkdirAll(web, 0o755); err != nil {
			return nil, nil, err
		}
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-tags", fb.Tags, "-o", filepath.Join(web, "app.wasm"), "./dev/bench/floor")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, nil, fmt.Errorf("building %s: %v\n%s", fb.Name, err, b)
		}
		if err := os.WriteFile(filepath.Join(web, "wasm_exec.js"), wasmExec, 0o644); err != nil {
			return nil, nil, err
		}
		cfg := s.cfg
		cfg.WebDir = web
		site := filepath.Join(dir, "site")
		if err := webapp.Export(cfg, site); err != nil {
			return nil, nil, fmt.Errorf("exporting %s: %w", fb.Name, err)
		}
		fi, err := os.Stat(filepath.Join(site, "web", "app.wasm.br"))
		if err != nil {
			return nil, nil, err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, nil, err
		}
		t := &target{name: fb.Name, origin: "http://" + ln.Addr().String()}
		t.cb = &callbackCatcher{next: webapp.StaticSite(site, "/")}
		s.serve(ln, t.cb)
		targets = append(targets, t)
		sizes = append(sizes, fi.Size())
	}
	return targets, sizes, nil
}

// measureStarts is a cold start of t in a fresh browser and, once its
// service worker is active, a warm one.
func measureStarts(ctx context.Context, chrome string, t *target) (r run, err error) {
	b, err := newBrowser(ctx, chrome, nil)
	if err != nil {
		return r, err
	}
	defer b.close()
	err = startTwice(b, t, &r)
	return r, err
}
