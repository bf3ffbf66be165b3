# byzsim — thin wrapper over CMake. On a fresh Debian 12 machine (as root):
#   make run    install what is missing, build Release, run the default scenarios into out/
#   make test   install what is missing, build (with the MPI variant), run the whole suite,
#               then build with ASan + UBSan (build-san) and run the suite again there
#   make fuzz   install clang if missing, build the libFuzzer targets (build-fuzz), run each
#               for FUZZ_SECONDS (default 300)
# Other targets: make build, make bench, make deps, make format, make clean.

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
# Debian packages the build and tests need: compilers and CMake, the four libraries of the
# contract, OpenMPI (distributed runs and their test), matplotlib for the plots.
DEB_PACKAGES := g++ cmake ninja-build make libboost-program-options-dev libeigen3-dev \
                nlohmann-json3-dev catch2 libopenmpi-dev openmpi-bin python3-matplotlib
# Only for make fuzz: clang with libFuzzer and the sanitizer runtimes.
FUZZ_PACKAGES := clang libclang-rt-14-dev
PY := /usr/bin/python3
DEFAULT_SCENARIOS := $(wildcard scenarios/seed/*.json)
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Release -DBYZSIM_MPI_VARIANT=ON

.PHONY: all deps fuzz-deps configure build run test test-san fuzz bench format clean

all: build

# Installs only the packages dpkg does not report as installed; touches nothing else.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(FUZZ_PACKAGES)"

configure: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) >/dev/null

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# pbft: the 3f+1 line, b = 0..n Byzantine agents for n = 4, 7, 10, 13 (README, docs/pbft.md).
PBFT_SWEEPS := scenarios/pbft/sweep-b-4.json scenarios/pbft/sweep-b-7.json \
               scenarios/pbft/sweep-b-10.json scenarios/pbft/sweep-b-13.json

run: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target byzsim
	@mkdir -p out
	$(BUILD_DIR)/byzsim run $(DEFAULT_SCENARIOS) -o out/results.csv
	$(BUILD_DIR)/byzsim run scenarios/sweeps/sweep-faults.json -o out/sweep-faults.csv
	$(BUILD_DIR)/byzsim run $(PBFT_SWEEPS) -o out/pbft-sweep-b.csv
	@echo "wrote out/results.csv, out/sweep-faults.csv and out/pbft-sweep-b.csv"
	@if $(PY) -c "import matplotlib" 2>/dev/null; then \
	  $(PY) analysis/plot_outcomes.py out/results.csv -o out/outcomes.png && \
	  $(PY) analysis/plot_phase.py out/sweep-faults.csv --x /corruption/count -o out/phase.png && \
	  $(PY) analysis/plot_phase.py out/pbft-sweep-b.csv --x /corruption/count \
	    --rate p_disagreement --panel /corruption/strategy -o out/pbft-tightness.png && \
	  echo "wrote out/outcomes.png, out/phase.png and out/pbft-tightness.png"; \
	else echo "matplotlib is not installed for $(PY): no plots (apt-get install python3-matplotlib)"; fi

# The sanitizer build (ASan + UBSan, Debug with asserts, see cmake/sanitizers.cmake) runs the
# suite again, without the MPI variant, the statistical tests (ctest label "statistical") and
# the plotting scripts' test (label "python"): those run in Release only; under the sanitizers
# they would take most of the time and check no code the rest of the suite does not.
SAN_BUILD_DIR ?= build-san
SAN_CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBYZSIM_SANITIZE=ON
# Any sanitizer report fails the test that triggered it, with a stack.
SAN_ENV := ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-san

test-san: deps
	cmake -S . -B $(SAN_BUILD_DIR) $(SAN_CMAKE_FLAGS) >/dev/null
	cmake --build $(SAN_BUILD_DIR) -j $(JOBS)
	cd $(SAN_BUILD_DIR) && $(SAN_ENV) ctest --output-on-failure -j $(JOBS) -LE "statistical|python"

# libFuzzer targets (tests/fuzz/): a clang build of their own, each run for FUZZ_SECONDS from
# the seed corpora; the growing corpus stays in build-fuzz/fuzz-corpus/ between runs.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBYZSIM_FUZZ=ON \
                    -DCMAKE_CXX_COMPILER=clang++

fuzz: fuzz-deps deps
	cmake -S . -B $(FUZZ_BUILD_DIR) $(FUZZ_CMAKE_FLAGS) >/dev/null
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target fuzz_scenario fuzz_csv
	tests/fuzz/run_fuzzers.sh $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS) $(CURDIR)

bench: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target byzsim
	$(BUILD_DIR)/byzsim bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR) $(SAN_BUILD_DIR) $(FUZZ_BUILD_DIR) out
