# cjm: build and serve the example portal, run every test, measure.
GO      ?= go
BIN     := bin/cjm
PORT    ?= 1313
SHELL   := bash

# RACE=1 runs the Go tests under the race detector, about twice as slow;
# it is on wherever CI is set, as on CI servers, and off otherwise.
RACE    ?= $(if $(CI),1,)
# GOTESTFLAGS go to go test: -count=1 to ignore its cache of passed
# tests, -run, -short ...
GOTESTFLAGS ?=

.PHONY: all build serve test vet-test-go test-go test-browser screenshots bench fuzz vet fmt clean

all: build

$(BIN): $(shell find cmd internal -name '*.go' -o -name '*.woff2') $(shell find themes -type f) go.mod go.sum embed.go
	$(GO) build -o $(BIN) ./cmd/cjm

## build: build the example portal in content/ into public/
build: $(BIN)
	./$(BIN) build

## serve: build the example portal, watch it, and serve it on http://127.0.0.1:$(PORT)/ with live reload
serve: $(BIN)
	./$(BIN) serve -port $(PORT)

## test: every test: gofmt, go vet and then the Go tests on one side, the
## browser tests on the other, each printing a line as a package or a test
## ends. The browser tests need only bin/cjm, so they start at once rather
## than after go vet, which compiles every package (minutes where the build
## cache is empty) and leaves the go tests less to compile.
test:
	@start=$$(date +%s); \
	  $(MAKE) --no-print-directory -j2 vet-test-go test-browser || { echo "make test: FAILED after $$(( $$(date +%s) - start ))s"; exit 1; }; \
	  echo "make test: all passed in $$(( $$(date +%s) - start ))s (race detector $(if $(RACE),on,off))"

# It waits for bin/cjm, which the browser tests need first: from an empty
# build cache, compiling it beside go vet took twice as long, and held the
# browser tests back by as much; go vet then finds its packages compiled.
vet-test-go: $(BIN)
	@$(MAKE) --no-print-directory vet
	@$(MAKE) --no-print-directory test-go

vet:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## test-go: the Go tests, a line per package as it ends (internal/testfmt).
## Their temporary folders go to memory (/dev/shm) where there is one:
## publishing syncs the whole file system, and on a disk other programs
## write to, each sync waits for their writes too (publish tests 2× slower).
## The folder keeps its name from run to run, or go test's cache would
## never hold: the tests read TMPDIR.
test-go: bin/testfmt
	@echo "go test: race detector $(if $(RACE),on,off: set RACE=1 to turn it on, as CI does); a package unchanged since it passed says cached (GOTESTFLAGS=-count=1 runs it again)"
	@set -o pipefail; tmp=/dev/shm/cjm-test-$$(id -u); if [ -z "$${TMPDIR-}" ] && mkdir -p "$$tmp" 2>/dev/null; then export TMPDIR=$$tmp; fi; \
	  $(GO) test $(if $(RACE),-race) $(GOTESTFLAGS) -json ./... | ./bin/testfmt

bin/testfmt: internal/testfmt/main.go
	$(GO) build -o $@ ./internal/testfmt

## test-browser: browser tests in Chromium, where Chromium is installed
test-browser: $(BIN)
	@bash tests/browser/run.sh

## screenshots: pictures of the home, journey and touchpoint pages (desktop
## and phone, light and dark) and of two maps, in tests/browser/output/screenshots/
screenshots: $(BIN)
	@CJM_SCREENSHOTS=1 CJM_BROWSER_TESTS=./screens.test.mjs bash tests/browser/run.sh

## bench: time clean builds (minified and not), builds over unchanged output
## and one-touchpoint rebuilds of generated portals (150, 4,000 and 45,000
## touchpoints), beside Hugo where it is installed: Hugo rendering the same
## portal ($(HUGO_PORTAL)) and Hugo's minimal templates (tests/bench/hugo),
## then the Go benchmarks of the hot paths (BENCH_SIZES=150,4000 for a
## quicker run, BENCH_RUNS=3 for fewer runs); the Go benchmarks include
## BenchmarkHistory: what reading 1,000 commits of history adds to a build
BENCH_SIZES ?= 150,4000,45000
BENCH_RUNS  ?= 5
HUGO_PORTAL ?= ../shared/bench/hugo-portal
bench: $(BIN)
	$(GO) build -o bin/cjmbench ./cmd/cjmbench
	./bin/cjmbench -sizes $(BENCH_SIZES) -runs $(BENCH_RUNS) -hugo-portal $(HUGO_PORTAL)
	$(GO) test -run '^$$' -bench . -benchtime 10x ./internal/build ./internal/content ./internal/render ./internal/swimlane
	$(GO) test -run '^$$' -bench ServeEdit -benchtime 20x ./cmd/cjm

## fuzz: run every fuzz target for FUZZTIME each (make test runs their seeds)
FUZZTIME ?= 1m
fuzz:
	@for pkg in $$(grep -rl --include='*_test.go' '^func Fuzz' internal cmd | xargs -n1 dirname | sort -u); do \
	  for target in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$pkg/*_test.go | cut -c6-); do \
	    echo "== $$pkg $$target"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) ./$$pkg || exit 1; \
	  done; \
	done

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin public _bench bench-out
