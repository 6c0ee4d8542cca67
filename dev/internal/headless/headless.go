//go:build !js

// Package headless finds Chromium and starts it the way the browser tests and
// the benchmark need it: headless, with a fresh profile, and with none of the
// background traffic a closed network refuses.
package headless

import (
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Find returns the browser to drive: choice when given (a name or a path),
// else $CHROME, else Debian's chromium, else the usual names on PATH.
// scripts/ensure-chromium.sh (make chromium) installs it.
func Find(choice string) (string, error) {
	if choice == "" {
		choice = os.Getenv("CHROME")
	}
	if c := choice; c != "" {
		p, err := exec.LookPath(c)
		if err != nil {
			return "", fmt.Errorf("%s is not an executable Chromium: point CHROME (or -chrome) at chromium, or unset it", c)
		}
		return p, nil
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found: run `make chromium` (installs Debian's chromium as root) or set CHROME=/path/to/chromium")
}

// Options are chromedp's defaults plus what Chromium needs here: no sandbox
// (root in a container), no GPU, and no QUIC, sync, component updates or other
// background connections, which a machine without internet access refuses by
// the dozen. profile must be a fresh directory.
func Options(chrome, profile string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
}
