# Dateline: the two commands a newcomer needs are `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
DATA_DIR ?= data
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build run test unit integration e2e bench bench-scale screenshots format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DDATELINE_WERROR=ON $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Serves the demo site on http://127.0.0.1:8080 (seeded on first start).
run: build
	$(BUILD_DIR)/dateline serve --demo --data $(DATA_DIR) --listen $(LISTEN)

# Every test: unit, integration (real server, real SQLite file) and browser.
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

unit: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L unit

integration: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L integration

e2e: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L e2e

# The README's pictures, taken by the browser-test tooling.
screenshots: build
	DATELINE_BINARY=$(BUILD_DIR)/dateline node tests/e2e/screenshot.mjs

# The benchmark suite (bench/README.md): a Release build with LTO, the
# micro-benchmarks, then Dateline beside nginx under wrk. Not part of CI.
BENCH_DIR ?= build-release
BENCH_STORIES ?= 10000
BENCH_DURATION ?= 5
BENCH_IMPORT_POSTS ?= 100000
bench: deps
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON -DDATELINE_TESTS=OFF
	cmake --build $(BENCH_DIR) -j $(JOBS)
	rm -rf $(BENCH_DIR)/bench-data
	$(BENCH_DIR)/dateline demo --data $(BENCH_DIR)/bench-data --stories $(BENCH_STORIES)
	DATELINE_BENCH_DATA=$(BENCH_DIR)/bench-data taskset -c 0 $(BENCH_DIR)/bench/dateline_bench \
	  --benchmark_out=bench/results/micro-latest.json --benchmark_out_format=json
	python3 bench/run.py --binary $(BENCH_DIR)/dateline --data $(BENCH_DIR)/bench-data \
	  --stories $(BENCH_STORIES) --duration $(BENCH_DURATION)
	python3 bench/import.py --binary $(BENCH_DIR)/dateline --stories $(BENCH_IMPORT_POSTS) \
	  --dir $(BENCH_DIR)/import-bench

# libFuzzer on the content pipeline (clang): FUZZ_SECONDS long, corpus kept in build-fuzz/.
FUZZ_SECONDS ?= 300
.PHONY: fuzz
fuzz: deps
	for f in content media; do \
	  cmake -DSOURCE_DIR=$(CURDIR) -DBUILD_DIR=$(CURDIR)/build-fuzz-$$f -DFUZZ=$$f \
	    -DSECONDS=$(FUZZ_SECONDS) -P tests/fuzz/run_fuzz.cmake || exit 1; \
	done

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp')

clean:
	rm -rf $(BUILD_DIR)

# The scaling table at 10k, 100k and 1M stories (generated once, ~7 GB for
# 1M, kept in $(BENCH_DIR)/scale-N). Not part of CI.
BENCH_SIZES ?= 10000,100000,1000000
bench-scale: deps
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON -DDATELINE_TESTS=OFF
	cmake --build $(BENCH_DIR) -j $(JOBS)
	python3 bench/scale.py --binary $(BENCH_DIR)/dateline --bench $(BENCH_DIR)/bench/dateline_bench \
	  --sizes $(BENCH_SIZES) --dir $(BENCH_DIR)

# Dateline beside WordPress on one story page: Debian's wordpress, php-fpm,
# mariadb and nginx run from a private directory, uncached and behind
# nginx's fastcgi_cache (bench/README.md). Not part of CI; needs
# scripts/install-peer-deps.sh, which CI does not run.
.PHONY: bench-release bench-peers bench-import
bench-release: deps
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON -DDATELINE_TESTS=OFF
	cmake --build $(BENCH_DIR) -j $(JOBS)

bench-peers: bench-release
	scripts/install-peer-deps.sh
	python3 bench/peers.py --binary $(BENCH_DIR)/dateline --stories $(BENCH_STORIES) \
	  --duration $(BENCH_DURATION)

# The WordPress import of BENCH_IMPORT_POSTS generated posts beside
# `dateline demo` writing the same stories (bench/import.py).
bench-import: bench-release
	python3 bench/import.py --binary $(BENCH_DIR)/dateline --stories $(BENCH_IMPORT_POSTS) \
	  --dir $(BENCH_DIR)/import-bench
