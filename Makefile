# Embedding Lab. `make run` and `make test` install what is missing on
# Debian or Ubuntu first (scripts/install-deps.sh).

GO ?= go
BIN := embedlab
# Fyne logs a warning for the locale "C" that minimal systems use; English
# is the fallback either way.
export LANGUAGE ?= en

.PHONY: all deps test-deps package-deps build run test vet fuzz bench package clean

all: build

deps:
	@sh scripts/install-deps.sh

test-deps:
	@sh scripts/install-deps.sh --test

package-deps:
	@sh scripts/install-deps.sh --package

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

vet:
	$(GO) vet ./...

# A short fuzzing run of every reader, then every test with the race
# detector, so that go test's summary closes the output. The GUI smoke test
# starts its own Xvfb when no display is set.
test: test-deps vet
	$(MAKE) --no-print-directory fuzz
	$(GO) test -race -timeout 20m ./...

# Each fuzz target runs FUZZTIME inputs on top of its seed inputs, which the
# plain test run already covers.
FUZZTIME ?= 5000x
fuzz:
	@set -e; for pkg in ./corpus ./model ./model/wordvec; do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$target"; \
			out=$$($(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg 2>&1) || { echo "$$out"; exit 1; }; \
		done; \
	done

bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./model/... ./corpus/... ./viz/...

# Release files in dist/: a Linux .tar.xz from Fyne's packaging tool and a
# Windows .exe built with mingw-w64. macOS builds need a Mac (README.md).
package: package-deps
	sh scripts/package.sh

clean:
	rm -f $(BIN)
	rm -rf dist .tools
