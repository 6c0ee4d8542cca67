# pkcelogs: `make run` starts the app on the local provider, `make test` checks everything.
SHELL := /bin/bash
GO ?= go
GOROOT := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/wasm_exec.js
export PATH := $(GOROOT)/lib/wasm:$(PATH)

# What `make run` and `make static` serve. SITE=local means the built-in local provider;
# a preset (warcraftlogs, fflogs, esologs, ...) needs CLIENT_ID. STORAGE: local|session|memory.
# SITE=custom is any OAuth 2.0 server allowing PKCE for public clients: CLIENT_ID, AUTHORIZE_URL,
# TOKEN_URL and API_URL, optionally REVOKE_URL, REPORT_URL, ISSUER, SITE_NAME and SCOPES (see README).
SITE ?= local
CLIENT_ID ?=
BASE_PATH ?= /
ADDR ?= 127.0.0.1:8000
PROVIDER_ADDR ?= 127.0.0.1:8001
STORAGE ?= local
AUTO_APPROVE ?=
GAME ?=
REDIRECT_URI ?=
AUTHORIZE_URL ?=
TOKEN_URL ?=
REVOKE_URL ?=
API_URL ?=
REPORT_URL ?=
ISSUER ?=
SITE_NAME ?=
SCOPES ?=
SITE_FLAGS = -site $(SITE) -storage $(STORAGE) -addr $(ADDR) -provider-addr $(PROVIDER_ADDR) \
	$(if $(CLIENT_ID),-client-id $(CLIENT_ID)) $(if $(REDIRECT_URI),-redirect-uri $(REDIRECT_URI)) \
	$(if $(GAME),-game $(GAME)) \
	$(if $(AUTHORIZE_URL),-authorize-url '$(AUTHORIZE_URL)') $(if $(TOKEN_URL),-token-url '$(TOKEN_URL)') \
	$(if $(REVOKE_URL),-revoke-url '$(REVOKE_URL)') $(if $(API_URL),-api-url '$(API_URL)') \
	$(if $(REPORT_URL),-report-url '$(REPORT_URL)') \
	$(if $(ISSUER),-issuer '$(ISSUER)') $(if $(SITE_NAME),-site-name '$(SITE_NAME)') $(if $(SCOPES),-scopes '$(SCOPES)')
WASM_FLAGS ?= -trimpath -ldflags='-s -w' -tags nethttpomithttp2
# Inlining (-l) is off except in the runtime, syscall/js and go-app, which run at every
# start: the same code compresses far better without inlined copies (app.wasm 2.75 -> 2.45 MB
# brotli; dev/bench/notes.md, "sixth round"). The signed-out build keeps inlining in
# internal/... and net/... too: without it they link helpers inlining had folded away
# (+0.44 MB raw, +27 kB brotli). No quotes inside: `make -s print-gcflags` hands them to dev/bench.
WASM_GCFLAGS ?= -gcflags=all=-l -gcflags=runtime= -gcflags=syscall/js= -gcflags=github.com/maxence-charriere/go-app/v9/...=
LITE_GCFLAGS ?= $(WASM_GCFLAGS) -gcflags=internal/...= -gcflags=net= -gcflags=net/...=

# Two modules: the root one (what an embedder imports: pkce, logsapi, ui, cmd/wasm, ...) and
# dev/ (devserver, local provider, e2e, bench; see DEVELOPERS.md). go.work joins them for
# `go run ./dev/...` from here; the checks run each module on its own (GOWORK=off), so a
# requirement missing from either go.mod fails them.
ROOT_GO = GOWORK=off $(GO)
DEV_GO = cd dev && GOWORK=off $(GO)
DEV_NATIVE_PKGS = $$(GOWORK=off $(GO) list ./... | grep -v -e /e2e)
# The native tests run under the race detector where it can be built (cgo and
# a C compiler): the session core, the sync cache and the dev server are
# concurrent, and a race there once failed CI only by chance.
RACE ?= $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && command -v "$$($(GO) env CC)" >/dev/null && echo -race)

.PHONY: all build run static serve-static test check fmt tidy vet test-native test-wasm test-e2e \
	chromium axe bench print-gcflags screenshots fuzz deps clean

all: build

## build: compile the browser app to web/app.wasm, its signed-out build to web/app-lite.wasm
## (ui/lite.go: the loader picks it on the home page when nobody is signed in), and copy
## the toolchain's wasm_exec.js.
build:
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) $(WASM_GCFLAGS) -o web/app.wasm ./cmd/wasm
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) $(LITE_GCFLAGS) -tags nethttpomithttp2,pkcelogs_lite -o web/app-lite.wasm ./cmd/wasm-lite
	cp $(WASM_EXEC) web/wasm_exec.js

## run: build, then serve the app on $(ADDR) and the local provider on $(PROVIDER_ADDR).
run: build
	$(GO) run ./dev/cmd/devserver $(SITE_FLAGS) $(if $(AUTO_APPROVE),-auto-approve $(AUTO_APPROVE))

## static: write a complete static site to dist/ for any CDN, under $(BASE_PATH).
static: build
	$(GO) run ./dev/cmd/devserver -export dist -base-path $(BASE_PATH) $(SITE_FLAGS)

## serve-static: serve dist/ with a plain static file server under $(BASE_PATH), plus the local provider.
serve-static:
	$(GO) run ./dev/cmd/devserver -static dist -base-path $(BASE_PATH) $(SITE_FLAGS) $(if $(AUTO_APPROVE),-auto-approve $(AUTO_APPROVE))

## test: the fast tier (make check), then the browser tests (make test-e2e).
test: check
	@$(MAKE) --no-print-directory test-e2e

## check: gofmt, go.mod tidiness, vet (native with -tags e2e, and js/wasm) and the unit tests
## (native for both modules, js/wasm under node for the root module); no browser.
check: fmt tidy vet test-native test-wasm

fmt:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

tidy:
	$(ROOT_GO) mod tidy -diff
	$(DEV_GO) mod tidy -diff

vet:
	$(ROOT_GO) vet -tags e2e ./...
	GOOS=js GOARCH=wasm $(ROOT_GO) vet ./...
	$(DEV_GO) vet -tags e2e ./...
	cd dev && GOOS=js GOARCH=wasm GOWORK=off $(GO) vet ./...

test-native:
	$(ROOT_GO) test $(RACE) -count=1 ./...
	$(DEV_GO) test $(RACE) -count=1 $(DEV_NATIVE_PKGS)

## test-wasm: every root package's tests built for js/wasm and run under node (go_js_wasm_exec).
test-wasm:
	GOOS=js GOARCH=wasm $(ROOT_GO) test -count=1 ./...

chromium:
	@./scripts/ensure-chromium.sh

## axe: axe-core for the browser tests' accessibility checks, pinned in dev/e2e/package-lock.json
## (npm ci when dev/e2e/node_modules lacks that version).
axe:
	@./scripts/ensure-axe.sh

test-e2e: chromium axe build
	$(DEV_GO) test -count=1 -tags e2e -timeout 30m ./e2e/...

## bench: build the app as shipped, then measure payload, start-up, sign-in and memory
## against the plain-JS reference page; writes docs/benchmarks.md and dev/bench/results.json.
## Run from here (go.work): it reads web/ and builds ./cmd/wasm and ./dev/bench/floor.
bench: chromium build
	$(GO) run ./dev/bench

## print-gcflags: the inlining flags of app.wasm and app-lite.wasm, one line each (read by dev/bench).
print-gcflags:
	@echo $(WASM_GCFLAGS)
	@echo $(LITE_GCFLAGS)

## screenshots: build, then photograph the pages (table in dev/cmd/screenshots) at desktop and
## phone sizes, light and dark, signed in to the local provider: docs/screenshots/*.png.
screenshots: chromium build
	$(GO) run ./dev/cmd/screenshots

## fuzz: run every fuzz target in FUZZ_PKGS for FUZZTIME each (the seed corpora run in make test).
FUZZTIME ?= 1m
FUZZ_PKGS ?= ./pkce ./logsapi ./dev/internal/provider ./dev/internal/webapp
fuzz:
	@set -e; for pkg in $(FUZZ_PKGS); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz: $$pkg $$target for $(FUZZTIME)"; \
	    $(GO) test $$pkg -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME); \
	  done; \
	done

## deps: list the requirements of both go.mod files that have newer versions (go list -m -u);
## a module the proxy cannot list is named with the reason.
REQUIRES = $$(awk '/^require \(/{r=1;next} r&&/^\)/{r=0} r{print $$1} /^require [^(]/{print $$2}' go.mod)
DEPS_FORMAT = '{{if not .Replace}}{{if .Update}}  {{.Path}} {{.Version}} -> {{.Update.Version}}{{if .Indirect}} (indirect){{end}}{{end}}{{if .Error}}  {{.Path}}: {{.Error.Err}}{{end}}{{end}}'
deps:
	@echo "root module, go.mod:"
	@$(ROOT_GO) list -e -m -u -f $(DEPS_FORMAT) $(REQUIRES)
	@echo "dev module, dev/go.mod:"
	@$(DEV_GO) list -e -m -u -f $(DEPS_FORMAT) $(REQUIRES)

clean:
	rm -rf web/app.wasm web/app.wasm.* web/app-lite.wasm web/app-lite.wasm.* web/wasm_exec.js dist dev/e2e/artifacts dev/e2e/node_modules dev/bench/out
