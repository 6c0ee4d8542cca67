//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/pkcelogs/pkcelogs/dev/internal/headless"

	"github.com/chromedp/chromedp"
)

// browserCtx is the one Chromium process the whole suite shares. Each test
// gets its own browser context inside it (isolated storage, cookies, cache and
// service workers, like a separate profile), and tabs within that.
var browserCtx context.Context

func TestMain(m *testing.M) {
	os.Exit(runSuite(m))
}

func runSuite(m *testing.M) int {
	chrome, err := headless.Find("")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	profile, err := os.MkdirTemp("", "pkcelogs-e2e-profile-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(profile)

	opts := headless.Options(chrome, profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		fmt.Fprintf(os.Stderr, "e2e: starting %s: %v\n", chrome, err)
		return 1
	}
	browserCtx = ctx
	return m.Run()
}
