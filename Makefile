# Dateline: the two commands a newcomer needs are `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
DATA_DIR ?= data
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build run test unit integration e2e bench screenshots format clean

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

bench: deps
	@echo "The benchmark suite arrives with the performance issue."

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp')

clean:
	rm -rf $(BUILD_DIR)
