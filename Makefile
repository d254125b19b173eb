# Leergang: `make run` runs the product with demo data, `make test` runs every test. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GO       ?= go
BIN      := bin/leergang
NPM_STAMP := frontend/node_modules/.npm-ci-stamp
GO_FILES := $(shell find . -name '*.go' -not -path './frontend/node_modules/*')
WEB_FILES := $(shell find frontend/src frontend/public frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

.PHONY: run
run: build ## build everything and run Leergang on http://localhost:8080 with demo data
	LEERGANG_DEMO=true ./$(BIN) serve

.PHONY: build
build: $(BIN) ## build the SPA and the binary (which embeds it)

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend/dist/index.html: $(NPM_STAMP) $(WEB_FILES) api/openapi.yaml
	cd frontend && npm run build

# No -trimpath here: it would compile everything again instead of reusing what go vet and go test built (~50 s
# in CI). The release image (deploy/Dockerfile) builds with -trimpath.
$(BIN): frontend/dist/index.html $(GO_FILES) go.mod go.sum api/openapi.yaml $(wildcard migrations/*.sql)
	$(GO) build -o $(BIN) ./cmd/leergang

.PHONY: test
test: test-go test-fuzz test-web test-e2e ## run all tests: Go (real PostgreSQL), fuzzing, frontend unit, end-to-end (Chromium)

.PHONY: test-go
test-go: ## Go tests; without TEST_DATABASE_URL they start a throwaway PostgreSQL
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) test -count=1 ./...

FUZZTIME ?= 10s

.PHONY: test-fuzz
test-fuzz: ## fuzz the request decoder and the Markdown renderer for a bounded time (FUZZTIME)
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeJSON$$' -fuzztime $(FUZZTIME) ./internal/httpio/
	$(GO) test -run '^$$' -fuzz '^FuzzRender$$' -fuzztime $(FUZZTIME) ./internal/markdown/

.PHONY: reliability
reliability: ## issue 8: database outage, SIGTERM under load, three replicas behind a proxy; prints the counts
	$(GO) test -count=1 -v -run 'Outage|Shutdown|Replica' ./cmd/leergang/

.PHONY: test-web
test-web: $(NPM_STAMP) ## frontend type check, API types fresh, unit tests
	cd frontend && npm run check:api && npm run typecheck && npm test

.PHONY: test-e2e
test-e2e: $(BIN) $(NPM_STAMP) ## end-to-end tests in headless Chromium against the real binary
	cd frontend && npm run check:size
	cd frontend && LEERGANG_BIN=../$(BIN) npm run test:e2e

.PHONY: audit
audit: $(NPM_STAMP) ## known vulnerabilities in Go modules and production npm packages (needs their online databases)
	$(GO) run golang.org/x/vuln/cmd/govulncheck@v1.9.0 ./...
	cd frontend && npm audit --omit=dev

BENCH_SCALE ?= national
LIGHTHOUSE_STAMP := bench/lighthouse/node_modules/.npm-ci-stamp

$(LIGHTHOUSE_STAMP): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund
	touch $@

.PHONY: bench
bench: $(BIN) $(LIGHTHOUSE_STAMP) ## issue 7's benchmark at BENCH_SCALE (national, regional, tiny); report in bench/results/
	$(GO) run ./cmd/leergang-bench run -scale $(BENCH_SCALE) -lighthouse

SOAK_SCALE ?= national
SOAK_DURATION ?= 10m
.PHONY: soak
soak: $(BIN) ## issue 8's soak: 64 users for SOAK_DURATION at SOAK_SCALE; fails when memory or goroutines grow
	$(GO) run ./cmd/leergang-bench soak -scale $(SOAK_SCALE) -duration $(SOAK_DURATION)

.PHONY: bench-go
bench-go: ## Go micro-benchmarks (cluster start, login, password check, authenticated read); prints their figures
	$(GO) test -run '^$$' -bench . -benchtime 3x ./internal/database/
	$(GO) test -run '^$$' -bench . -benchtime 2s ./internal/httpapi/
	$(GO) test -run '^$$' -bench CheckPassword ./internal/identity/

.PHONY: clean
clean: ## remove build output (not the local database in .leergang/)
	rm -rf bin frontend/node_modules
	find frontend/dist -mindepth 1 -not -name .placeholder -delete 2>/dev/null || true
