# cjm: build and serve the example portal, run every test, measure.
GO      ?= go
BIN     := bin/cjm
PORT    ?= 1313

.PHONY: all build serve test test-go test-browser bench vet fmt clean

all: build

$(BIN): $(shell find cmd internal -name '*.go') $(shell find themes -type f) go.mod go.sum embed.go
	$(GO) build -o $(BIN) ./cmd/cjm

## build: build the example portal in content/ into public/
build: $(BIN)
	./$(BIN) build

## serve: build the example portal, watch it, and serve it on http://127.0.0.1:$(PORT)/ with live reload
serve: $(BIN)
	./$(BIN) serve -port $(PORT)

## test: every test: gofmt, go vet, go test with the race detector, browser tests
test: vet test-go test-browser

vet:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test-go:
	$(GO) test -race -count=1 ./...

## test-browser: browser tests in Chromium, where Chromium is installed
test-browser: $(BIN)
	@bash tests/browser/run.sh

## bench: generate portals of about 150 and 4,000 touchpoints and time their builds,
## a rebuild after one edit, and a save in the dev server until the page is served
bench: $(BIN)
	$(GO) test -run '^$$' -bench . -benchtime 20x ./internal/build ./internal/swimlane
	$(GO) test -run '^$$' -bench ServeEdit -benchtime 20x ./cmd/cjm
	@bash tests/bench/run.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin public bench-out
