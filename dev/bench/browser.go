//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pkcelogs/pkcelogs/dev/internal/headless"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// waitLimit bounds every wait in the browser: a page that never becomes ready
// fails the run instead of hanging the benchmark.
const waitLimit = 60 * time.Second

// instrument runs in every document before the page's own scripts. It records
// performance.now() (milliseconds since the navigation started) when the
// sign-in button is usable, when the profile shows a name and when the query
// console has its site's schema (the app only), and keeps the
// exports of every WebAssembly instance so Go's linear memory can be read.
const instrument = `(() => {
  const marks = {};
  window.__bench = marks;
  const check = () => {
    const now = performance.now();
    if (!marks.ready && document.querySelector('[data-testid="signin-button"][data-ready="true"]')) marks.ready = now;
    if (!marks.profile) {
      const el = document.querySelector('[data-testid="profile-name"]');
      if (el && el.textContent.trim() !== "") marks.profile = now;
    }
    if (!marks.console) {
      const el = document.querySelector('[data-testid="console-schema"]');
      if (el && el.textContent.startsWith("Checked against")) marks.console = now;
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const exportsSeen = [];
  window.__benchWasm = exportsSeen;
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = async function (...args) {
      const result = await orig.apply(this, args);
      if (!marks.instantiated) marks.instantiated = performance.now();
      const instance = result && (result.instance || result);
      if (instance && instance.exports) exportsSeen.push(instance.exports);
      return result;
    };
  }
})();`

// browser is one fresh Chromium with its own profile directory and one tab.
type browser struct {
	ctx     context.Context
	cancel  func()
	profile string

	mu    sync.Mutex
	bytes map[network.RequestID]float64 // encoded bytes of finished requests since resetBytes
	urls  map[network.RequestID]string  // what each request fetched
}

// newBrowser starts Chromium headless with a fresh profile. network, when
// non-nil, throttles every request from the first navigation on.
func newBrowser(parent context.Context, chrome string, conditions *network.Conditions) (*browser, error) {
	profile, err := os.MkdirTemp("", "pkcelogs-bench-profile-")
	if err != nil {
		return nil, err
	}
	opts := headless.Options(chrome, profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &browser{ctx: ctx, profile: profile, bytes: map[network.RequestID]float64{}, urls: map[network.RequestID]string{}}
	b.cancel = func() {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
	}
	startCtx, cancelStart := context.WithTimeout(ctx, waitLimit)
	defer cancelStart()
	// The first Do starts the browser; its life is bound to ctx, so it runs
	// there, with the timeout watched separately.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err = <-done:
	case <-startCtx.Done():
		err = errors.New("Chromium did not start within " + waitLimit.String())
	}
	if err != nil {
		b.cancel()
		return nil, fmt.Errorf("starting %s: %w", chrome, err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			b.mu.Lock()
			b.urls[ev.RequestID] = ev.Request.URL
			b.mu.Unlock()
		case *network.EventLoadingFinished:
			b.mu.Lock()
			b.bytes[ev.RequestID] = ev.EncodedDataLength
			b.mu.Unlock()
		}
	}); err != nil {
		b.cancel()
		return nil, err
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		b.cancel()
		return nil, err
	}
	if conditions != nil {
		if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule,
			network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{conditions}}); err != nil {
			b.cancel()
			return nil, fmt.Errorf("emulating a slow network: %w", err)
		}
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: instrument}); err != nil {
		b.cancel()
		return nil, err
	}
	return b, nil
}

func (b *browser) close() { b.cancel() }

func (b *browser) resetBytes() {
	b.mu.Lock()
	b.bytes = map[network.RequestID]float64{}
	b.mu.Unlock()
}

func (b *browser) transferred() float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	var sum float64
	for _, n := range b.bytes {
		sum += n
	}
	return sum
}

// transferredBy lists the bytes of transferred(), largest first, by path.
func (b *browser) transferredBy() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	type item struct {
		path  string
		bytes float64
	}
	var items []item
	for id, n := range b.bytes {
		path := b.urls[id]
		if u, err := url.Parse(path); err == nil {
			path = u.Path
		}
		items = append(items, item{path, n})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].bytes > items[j].bytes })
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = fmt.Sprintf("%.1f kB %s", it.bytes/1e3, it.path)
	}
	return strings.Join(parts, ", ")
}

// navigate starts a navigation; the marks are read from the page afterwards,
// so it does not matter whether it returns before or after they are set.
func (b *browser) navigate(url string) error {
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("opening %s: %w", withoutQuery(url), err)
	}
	return nil
}

// waitMark polls the page until the instrument recorded mark ("ready" or
// "profile") and returns it in milliseconds since the navigation started.
func (b *browser) waitMark(mark string) (float64, error) {
	deadline := time.Now().Add(waitLimit)
	expr := "(window.__bench && window.__bench." + mark + ") || 0"
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr))
		cancel()
		if err == nil && v > 0 {
			return v, nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	text, _ := b.eval(`document.body ? document.body.innerText.slice(0, 300) : ""`)
	return 0, fmt.Errorf("the page never reached %q within %v; it shows: %q", mark, waitLimit, text)
}

func (b *browser) eval(expr string) (string, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[string](expr))
}

// evalNumber evaluates expr, awaiting it when it is a promise.
func (b *browser) evalNumber(expr string) (float64, error) {
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[float64](expr, chromedp.EvalAwaitPromise))
}

// waitFor polls a JavaScript condition until it is true.
func (b *browser) waitFor(what, cond string) error {
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		cancel()
		if err == nil && ok {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("waited %v for %s", waitLimit, what)
}

// memory is what the page holds once it shows 100 reports.
type memory struct {
	WasmBytes   float64 // WebAssembly linear memory (Go's heap and stacks)
	JSHeapBytes float64 // V8 heap in use, after a garbage collection
	RSSBytes    float64 // resident set of the largest renderer process
}

func (b *browser) memory() (memory, error) {
	var m memory
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	if _, err := chromedp.Call(ctx, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
		return m, err
	}
	heap, err := chromedp.Call(ctx, runtime.GetHeapUsage, cdp.Empty{})
	if err != nil {
		return m, err
	}
	m.JSHeapBytes = heap.UsedSize
	m.WasmBytes, err = b.evalNumber(`(window.__benchWasm || []).reduce((n, e) => n + (e.mem ? e.mem.buffer.byteLength : 0), 0)`)
	if err != nil {
		return m, err
	}
	if c := chromedp.FromContext(b.ctx); c != nil && c.Browser != nil && c.Browser.Process() != nil {
		m.RSSBytes = largestRendererRSS(c.Browser.Process().Pid)
	}
	return m, nil
}

// largestRendererRSS walks /proc for the browser's descendants and returns the
// largest resident set among its renderer processes (the tab's; the others
// are spare or blank ones).
func largestRendererRSS(browserPid int) float64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	parent := map[int]int{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so split after ')'.
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
		fields := strings.Fields(rest)
		if len(fields) > 1 {
			parent[pid], _ = strconv.Atoi(fields[1])
		}
	}
	descends := func(pid int) bool {
		for i := 0; i < 64 && pid > 1; i++ {
			pid = parent[pid]
			if pid == browserPid {
				return true
			}
		}
		return false
	}
	var largest float64
	for pid := range parent {
		if !descends(pid) {
			continue
		}
		cmd, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
		if !strings.Contains(string(cmd), "--type=renderer") {
			continue
		}
		status, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
				largest = max(largest, kb*1024)
			}
		}
	}
	return largest
}

// withoutQuery keeps authorization codes and state out of error messages.
func withoutQuery(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i] + "?…"
	}
	return u
}
