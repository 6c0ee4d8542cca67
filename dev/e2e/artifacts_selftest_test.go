//go:build e2e

package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHarnessSavesArtifacts checks the failure evidence itself: a tab's
// screenshot, HTML and console log (including what the page logged and threw)
// land in artifacts/<TestName>/.
func TestHarnessSavesArtifacts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<!doctype html><p data-testid="greeting">hello harness</p>
<script>console.log("logged-by-page"); setTimeout(() => { throw new Error("thrown-by-page") }, 0)</script>`))
	}))
	defer srv.Close()

	tb := newBrowser(t, "main")
	tb.open(srv.URL)
	if got := tb.waitText("greeting", "hello"); got != "hello harness" {
		t.Fatalf("greeting = %q", got)
	}
	tb.pollJS("the page to log", `"ok"`)
	os.RemoveAll(artifactDir(t))
	tb.saveArtifacts()

	for _, file := range []string{"main.png", "main.html", "main.console.log"} {
		data, err := os.ReadFile(filepath.Join(artifactDir(t), file))
		if err != nil {
			t.Fatal(err)
		}
		if len(data) == 0 {
			t.Errorf("%s is empty", file)
		}
	}
	png, _ := os.ReadFile(filepath.Join(artifactDir(t), "main.png"))
	if !strings.HasPrefix(string(png), "\x89PNG") {
		t.Errorf("main.png is not a PNG")
	}
	html, _ := os.ReadFile(filepath.Join(artifactDir(t), "main.html"))
	if !strings.Contains(string(html), "hello harness") {
		t.Errorf("main.html lacks the page: %.200s", html)
	}
	log, _ := os.ReadFile(filepath.Join(artifactDir(t), "main.console.log"))
	for _, want := range []string{"logged-by-page", "thrown-by-page"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("console log lacks %q:\n%s", want, log)
		}
	}
	os.RemoveAll(artifactDir(t))
}
