//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// artifactRoot is where failed tests leave their evidence, next to the test
// output (dev/e2e/artifacts/<TestName>/). make clean removes it; git ignores it.
const artifactRoot = "artifacts"

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// artifactDir is artifacts/<TestName>, subtests nested below their parent.
func artifactDir(t *testing.T) string {
	dir := artifactRoot
	for _, part := range strings.Split(t.Name(), "/") {
		dir = filepath.Join(dir, unsafeName.ReplaceAllString(part, "_"))
	}
	return dir
}

// writeArtifact writes one file into the test's artifact directory and names
// it in the test log.
func writeArtifact(t *testing.T, file string, data []byte) {
	dir := artifactDir(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("artifact %s not saved: %v", file, err)
		return
	}
	path := filepath.Join(dir, file)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Logf("artifact %s not saved: %v", path, err)
		return
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	t.Logf("artifact: %s", abs)
}

// saveArtifacts writes the tab's screenshot, HTML, address and console log.
// It runs from t.Cleanup when the test failed, before the tab closes.
func (tb *tab) saveArtifacts() {
	name := unsafeName.ReplaceAllString(tb.name, "_")
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		writeArtifact(tb.t, name+".png", png)
	} else {
		tb.t.Logf("%s: no screenshot: %v", tb.name, err)
	}
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement ? document.documentElement.outerHTML : ""`))
	if err != nil {
		html = "(unreadable: " + err.Error() + ")"
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	writeArtifact(tb.t, name+".html", []byte("<!-- "+loc+" -->\n"+html))
	writeArtifact(tb.t, name+".console.log", []byte(tb.console.String()))
}
