# Embedding Lab. `make run` and `make test` install what is missing on
# Debian or Ubuntu first (scripts/install-deps.sh).

GO ?= go
BIN := embedlab
# Fyne logs a warning for the locale "C" that minimal systems use; English
# is the fallback either way.
export LANGUAGE ?= en

.PHONY: all deps test-deps build run test vet bench clean

all: build

deps:
	@sh scripts/install-deps.sh

test-deps:
	@sh scripts/install-deps.sh --test

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

vet:
	$(GO) vet ./...

# Every test, with the race detector. The GUI smoke test starts its own Xvfb
# when no display is set.
test: test-deps vet
	$(GO) test -race -timeout 20m ./...

bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./model/... ./corpus/... ./viz/...

clean:
	rm -f $(BIN)
