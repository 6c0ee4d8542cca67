//go:build !js

// Command screenshots takes the README's screenshots: it starts the app (the
// built web/ directory, served as make run serves it) and the local provider
// on free loopback ports, signs in as alice in headless Chromium, and writes
// one PNG per page, screen size and colour scheme to docs/screenshots/:
// NAME-desktop-light.png, NAME-phone-dark.png and so on.
//
//	make screenshots                      # build, then all of them
//	go run ./dev/cmd/screenshots -only dashboard
//
// A new page is one more line in the shots table below: its name, its
// address, whether it needs the person signed in, the element that says it
// is ready, and any clicks before the picture.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pkcelogs/pkcelogs/dev/internal/headless"
	"github.com/pkcelogs/pkcelogs/dev/internal/provider"
	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
	"github.com/pkcelogs/pkcelogs/sites"
)

// shot is one page to photograph.
type shot struct {
	name     string // file name prefix
	path     string // the page's address
	signedIn bool   // sign in as alice first
	ready    string // data-testid of an element shown once the page has its data
	clicks   []step // what to do before the picture, in order
	scrollTo string // data-testid of an element to bring to the top first ("" = the page's top)
}

// step clicks the element with data-testid click (if set), then waits until
// the one with data-testid wait (if set) is visible.
type step struct{ click, wait string }

// shots are the README's pictures. Add a page here.
var shots = []shot{
	{name: "home", path: "/", ready: "signin-button"},
	{name: "dashboard", path: "/", signedIn: true, ready: "report"},
	{name: "console", path: "/console", signedIn: true, ready: "console-query",
		clicks: []step{{click: "console-run", wait: "console-result"}}},
	{name: "settings", path: "/settings", signedIn: true, ready: "settings-client-id"},
	{name: "calendar", path: "/", signedIn: true, ready: "calendar-grid", scrollTo: "explorer"},
	{name: "report", path: "/report/" + reportToken, signedIn: true, ready: "report-fights"},
}

// reportToken in a shot's path stands for the code of alice's newest report
// with boss fights in the provider's fixtures.
const reportToken = "{report}"

// aliceReport is the code reportToken stands for.
func aliceReport() (string, error) {
	for _, r := range provider.FixtureReports(provider.GameWarcraft) {
		if r.Owner == provider.UserAlice && len(r.Fights) > 0 {
			return r.Code, nil
		}
	}
	return "", errors.New("the fixtures have no report of alice's with fights")
}

// screen is a window size, as a desktop or as a phone (mobile emulation).
type screen struct {
	name          string
	width, height int64
	phone         bool
}

var (
	screens = []screen{{"desktop", 1280, 800, false}, {"phone", 390, 844, true}}
	schemes = []string{"light", "dark"}
)

// wait bounds every wait on the page.
const wait = 45 * time.Second

func main() {
	out := flag.String("out", "docs/screenshots", "directory the PNGs are written to")
	web := flag.String("web", "web", "the built app (make build)")
	only := flag.String("only", "", "take only the shots with these names (comma-separated)")
	chrome := flag.String("chrome", os.Getenv("CHROME"), "Chromium or Chrome to use (default: found on PATH)")
	flag.Parse()
	if err := run(*out, *web, *only, *chrome); err != nil {
		log.Fatal("screenshots: ", err)
	}
}

func run(out, web, only, chromeChoice string) error {
	if _, err := os.Stat(filepath.Join(web, "app.wasm")); err != nil {
		return fmt.Errorf("%s/app.wasm is missing: run `make build` first (or `make screenshots`)", web)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	origin, stop, err := startApp(web)
	if err != nil {
		return err
	}
	defer stop()

	chrome, err := headless.Find(chromeChoice)
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "pkcelogs-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), headless.Options(chrome, profile)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		return fmt.Errorf("starting %s: %w", chrome, err)
	}

	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	report, err := aliceReport()
	if err != nil {
		return err
	}
	signedIn := false
	for _, sh := range shots {
		sh.path = strings.ReplaceAll(sh.path, reportToken, report)
		if len(want) > 0 && !want[sh.name] {
			continue
		}
		if sh.signedIn && !signedIn {
			if err := signIn(ctx, origin); err != nil {
				return fmt.Errorf("signing in: %w", err)
			}
			signedIn = true
		}
		if !sh.signedIn && signedIn {
			return fmt.Errorf("shot %s is signed out but comes after a signed-in one: put it earlier in the table", sh.name)
		}
		for _, sc := range screens {
			for _, scheme := range schemes {
				file := filepath.Join(out, fmt.Sprintf("%s-%s-%s.png", sh.name, sc.name, scheme))
				if err := take(ctx, origin, sh, sc, scheme, file); err != nil {
					return fmt.Errorf("%s: %w", file, err)
				}
				log.Printf("wrote %s", file)
			}
		}
	}
	return nil
}

// startApp serves the app and the local provider (auto-approving alice) on
// free loopback ports, as make run does, and returns the app's origin.
func startApp(web string) (origin string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	origin = "http://" + ln.Addr().String()
	prov, err := provider.Start(provider.Options{
		AppOrigins:  []string{origin},
		Clients:     []provider.Client{provider.LocalClient(origin)},
		AutoApprove: provider.UserAlice,
	})
	if err != nil {
		ln.Close()
		return "", nil, err
	}
	site, err := sites.Custom{ID: "local", Name: "Local provider", Game: sites.GameWarcraft,
		AuthorizeURL: prov.AuthorizeURL(), TokenURL: prov.TokenURL(), RevokeURL: prov.RevokeURL(), APIURL: prov.APIURL(),
		Issuer: prov.Issuer(), SendsIssuer: true, Scopes: provider.AllScopes}.Site()
	if err != nil {
		prov.Close()
		ln.Close()
		return "", nil, err
	}
	cfg := webapp.Config{Site: site, FixedSite: true, ClientID: provider.DefaultClientID, Version: "screenshots"}
	srv := &http.Server{Handler: webapp.Serve(cfg, web), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Printf("app server: %v", err)
		}
	}()
	return origin, func() { srv.Close(); prov.Close() }, nil
}

// signIn signs in as alice from the home page (the provider approves by
// itself) and waits for her dashboard.
func signIn(ctx context.Context, origin string) error {
	c, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(origin+"/")); err != nil {
		return err
	}
	if err := poll(c, `document.querySelector('[data-testid="signin-button"][data-ready="true"]:not([disabled])') ? "ready" : ""`); err != nil {
		return fmt.Errorf("the sign-in button never became ready: %w", err)
	}
	if err := chromedp.Do(c, chromedp.Click(testID("signin-button"), chromedp.NodeVisible)); err != nil {
		return err
	}
	return poll(c, visible("profile-name"))
}

// take opens the shot's page at the screen size and colour scheme, does its
// steps and writes what the window shows.
func take(ctx context.Context, origin string, sh shot, sc screen, scheme, file string) error {
	c, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	var opts []chromedp.EmulateViewportOption
	if sc.phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	err := chromedp.Do(c,
		chromedp.EmulateViewport(sc.width, sc.height, opts...),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}),
		chromedp.Navigate(origin+sh.path))
	if err != nil {
		return err
	}
	if err := poll(c, visible(sh.ready)); err != nil {
		return fmt.Errorf("waiting for %s: %w", sh.ready, err)
	}
	for _, st := range sh.clicks {
		if st.click != "" {
			if err := chromedp.Do(c, chromedp.Click(testID(st.click), chromedp.NodeVisible)); err != nil {
				return fmt.Errorf("clicking %s: %w", st.click, err)
			}
		}
		if st.wait != "" {
			if err := poll(c, visible(st.wait)); err != nil {
				return fmt.Errorf("waiting for %s: %w", st.wait, err)
			}
		}
	}
	// Images loaded, focus nowhere, two frames painted.
	if err := poll(c, `[...document.images].every(i => i.complete) ? "loaded" : ""`); err != nil {
		return err
	}
	if _, err := chromedp.Run(c, chromedp.Evaluate[bool](`document.activeElement && document.activeElement.blur && document.activeElement.blur(), window.scrollTo(0, 0), true`)); err != nil {
		return err
	}
	if sh.scrollTo != "" {
		if _, err := chromedp.Run(c, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector('[data-testid=%q]').scrollIntoView({block: "start"}), true`, sh.scrollTo))); err != nil {
			return fmt.Errorf("scrolling to %s: %w", sh.scrollTo, err)
		}
	}
	if _, err := chromedp.Run(c, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise)); err != nil {
		return err
	}
	png, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	return os.WriteFile(file, png, 0o644)
}

func testID(id string) chromedp.CSS { return chromedp.CSS(fmt.Sprintf("[data-testid=%q]", id)) }

// visible is a JavaScript expression: "yes" once the element with the
// data-testid is shown.
func visible(id string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector('[data-testid=%q]'); return e && e.offsetParent !== null ? "yes" : ""; })()`, id)
}

// poll evaluates expr every 100 ms until it returns a non-empty string.
// Errors in between (a navigation replacing the page) count as "not yet".
func poll(ctx context.Context, expr string) error {
	var last error
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err == nil && v != "" {
			return nil
		}
		last = err
		select {
		case <-ctx.Done():
			if last == nil {
				last = ctx.Err()
			}
			return fmt.Errorf("%s never became true: %w", expr, last)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
