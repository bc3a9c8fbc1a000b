# PhoiHop — the two commands a newcomer needs: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: deps build test demo bench format clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Builds the daemons first: the integration tests start them as real processes.
test: deps
	$(SWIFT) build
	$(SWIFT) test

demo: build
	@scripts/demo.sh

# Benchmarks live in their own package so `swift test` never builds them. The catch-up run records
# CATCHUP acts with the hub down, then times the hub applying them (CATCHUP=1000000 for the 1 M figure).
CATCHUP ?= 50000
bench: deps
	$(SWIFT) build -c release
	cd Benchmarks && PHOIHOP_BIN_DIR=$(CURDIR)/.build/release $(SWIFT) run -c release phoihop-bench
	cd Benchmarks && PHOIHOP_BIN_DIR=$(CURDIR)/.build/release $(SWIFT) run -c release phoihop-bench catchup --acts $(CATCHUP)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Benchmarks/Sources

clean:
	rm -rf .build Benchmarks/.build run
