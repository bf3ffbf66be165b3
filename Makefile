# byzsim — thin wrapper over CMake. On a fresh Debian 12 machine (as root):
#   make run    install what is missing (no MPI), build Release, run the default scenarios into out/
#   make test   install what is missing (with OpenMPI and MkDocs), build with the MPI variant and
#               -Werror (BYZSIM_WERROR), run the Release suite: the everyday check
#   make check  what CI runs: make test, then build with ASan + UBSan (build-san) and run the
#               suite again there (make test-san), then each fuzz target for 30 s
#   make fuzz   install clang if missing, build the libFuzzer targets (build-fuzz), run each
#               for FUZZ_SECONDS (default 300)
#   make docs   install MkDocs if missing, build the manual (docs/, mkdocs.yml) into build/site/
# Other targets: make build, make bench, make deps, make deps-mpi, make test-san,
# make docs-images, make format, make clean.
#
# MPI: only the MPI variant (build/byzsim-mpi) and its test need OpenMPI. The variant is the
# CMake cache option BYZSIM_MPI_VARIANT of the one build folder: `make test` turns it on
# (installing OpenMPI first); `make run`, `make build` and `make bench` never pass it, so a
# fresh clone builds without MPI and a folder `make test` configured keeps its variant (no
# reconfiguring back and forth; `run` builds only the byzsim target either way). The same holds
# for BYZSIM_WERROR (warnings are errors): `make test` turns it on in that folder, the sanitizer
# build and the fuzz build always have it; a fresh `make run` or `make build` leaves it off.

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
# Debian packages the build and tests need: compilers and CMake, the four libraries of the
# contract, matplotlib for the plots. DEB_PACKAGES_MPI: OpenMPI, for the MPI variant and its
# test only (make test, make deps-mpi).
DEB_PACKAGES := g++ cmake ninja-build make libboost-program-options-dev libeigen3-dev \
                nlohmann-json3-dev libmuparser-dev pkg-config catch2 python3-matplotlib
DEB_PACKAGES_MPI := libopenmpi-dev openmpi-bin
# Only for make docs and the test suite: the manual's site generator and its theme.
DOCS_PACKAGES := mkdocs mkdocs-material
# Only the test suite: pandas runs the manual's pandas example (tests/cli/readme_commands.sh),
# which users are shown reading byzsim's CSV; MkDocs builds the manual (tests/cli/docs_site.sh).
DEB_PACKAGES_TEST := python3-pandas $(DOCS_PACKAGES)
# Only for make fuzz: clang with libFuzzer and the sanitizer runtimes.
FUZZ_PACKAGES := clang libclang-rt-14-dev
PY := /usr/bin/python3
DEFAULT_SCENARIOS := $(wildcard scenarios/seed/*.json)
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps deps-mpi docs-deps fuzz-deps configure configure-mpi build run test check \
        test-san fuzz docs bench docs-images format clean

all: build

# $(call install_missing,PACKAGES): installs only the packages dpkg does not report as
# installed; touches nothing else.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEB_PACKAGES))

deps-mpi:
	$(call install_missing,$(DEB_PACKAGES) $(DEB_PACKAGES_MPI) $(DEB_PACKAGES_TEST))

docs-deps:
	$(call install_missing,$(DOCS_PACKAGES))

fuzz-deps:
	$(call install_missing,$(DEB_PACKAGES) $(FUZZ_PACKAGES))

# Leaves BYZSIM_MPI_VARIANT as the cache has it (OFF in a new folder).
configure: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) >/dev/null

configure-mpi: deps-mpi
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DBYZSIM_MPI_VARIANT=ON -DBYZSIM_WERROR=ON >/dev/null

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# pbft: the 3f+1 line, b = 0..n Byzantine agents for n = 4, 7, 10, 13 (docs/pbft.md).
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
	  $(PY) analysis/plot_phase.py out/sweep-faults.csv -o out/phase.png && \
	  $(PY) analysis/plot_phase.py out/pbft-sweep-b.csv -o out/pbft-tightness.png && \
	  echo "wrote out/outcomes.png, out/phase.png and out/pbft-tightness.png"; \
	else echo "matplotlib is not installed for $(PY): no plots (apt-get install python3-matplotlib)"; fi

# The sanitizer build (ASan + UBSan, Debug with asserts, see cmake/sanitizers.cmake) runs the
# suite again, without the MPI variant, the statistical tests (ctest label "statistical") and
# the plotting scripts' test (label "python"): those run in Release only; under the sanitizers
# they would take most of the time and check no code the rest of the suite does not.
SAN_BUILD_DIR ?= build-san
SAN_CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBYZSIM_SANITIZE=ON -DBYZSIM_WERROR=ON
# Any sanitizer report fails the test that triggered it, with a stack.
SAN_ENV := ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

# The everyday check: the Release suite only (statistical and plotting tests included).
test: configure-mpi
	cmake --build $(BUILD_DIR) -j $(JOBS)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# What CI runs (.ci/run): the Release suite, the sanitizer suite, then a short fuzz run.
CHECK_FUZZ_SECONDS ?= 30
check: test
	$(MAKE) --no-print-directory test-san
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS)

test-san: deps
	cmake -S . -B $(SAN_BUILD_DIR) $(SAN_CMAKE_FLAGS) >/dev/null
	cmake --build $(SAN_BUILD_DIR) -j $(JOBS)
	cd $(SAN_BUILD_DIR) && $(SAN_ENV) ctest --output-on-failure -j $(JOBS) -LE "statistical|python"

# libFuzzer targets (tests/fuzz/): a clang build of their own, each run for FUZZ_SECONDS from
# the seed corpora; the growing corpus stays in build-fuzz/fuzz-corpus/ between runs.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBYZSIM_FUZZ=ON -DBYZSIM_WERROR=ON \
                    -DCMAKE_CXX_COMPILER=clang++

fuzz: fuzz-deps
	cmake -S . -B $(FUZZ_BUILD_DIR) $(FUZZ_CMAKE_FLAGS) >/dev/null
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target fuzz_scenario fuzz_csv fuzz_merge
	tests/fuzz/run_fuzzers.sh $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS) $(CURDIR)

# For maintainers: the figures shown in README.md and the manual (docs/*.png), from the shipped sweeps and
# the exact analysis. The only command that writes into docs/.
docs-images: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target byzsim
	@mkdir -p out/docs-images
	$(BUILD_DIR)/byzsim run scenarios/sweeps/sweep-faults-7.json --quiet -o out/docs-images/sf7.csv
	$(BUILD_DIR)/byzsim exact scenarios/sweeps/sweep-faults-7.json | tail -n +2 >> out/docs-images/sf7.csv
	$(PY) analysis/plot_outcomes.py out/docs-images/sf7.csv -o docs/outcomes-sweep-faults-7.png
	$(BUILD_DIR)/byzsim run scenarios/sweeps/sweep-faults.json --quiet -o out/docs-images/sf.csv
	$(PY) analysis/plot_phase.py out/docs-images/sf.csv -o docs/phase-sweep-faults.png
	$(BUILD_DIR)/byzsim run $(PBFT_SWEEPS) --quiet -o out/docs-images/pbft-sweep-b.csv
	$(PY) analysis/plot_phase.py out/docs-images/pbft-sweep-b.csv -o docs/pbft-tightness.png
	@if [ -f scenarios/sweeps/k-equals-f.json ]; then \
	  $(BUILD_DIR)/byzsim run scenarios/sweeps/k-equals-f.json --quiet -o out/docs-images/k-equals-f.csv && \
	  $(PY) analysis/plot_outcomes.py out/docs-images/k-equals-f.csv --x n -o docs/k-equals-f.png; fi
	$(BUILD_DIR)/byzsim plan scenarios/plans/question-0.9.json -o out/docs-images/plan-question-0.9.csv
	$(PY) analysis/plot_plan.py out/docs-images/plan-question-0.9.csv -o docs/plan-question-0.9.png
	$(BUILD_DIR)/byzsim run scenarios/sweeps/k-equals-f.json --vary /protocol/type=coordinator-vote,pbft \
	  --where 'agents % 3 == 1' --set '/network={"latency":{"dist":"uniform","min":"5ms","max":"50ms"}}' \
	  --trials 2000 --quiet -o out/docs-images/compare.csv
	$(PY) analysis/compare_protocols.py out/docs-images/compare.csv -o docs/compare-protocols.png >/dev/null
	$(BUILD_DIR)/byzsim run scenarios/compare/cost-vs-n.json --quiet -o out/docs-images/compare-cost.csv
	$(PY) analysis/compare_protocols.py out/docs-images/compare-cost.csv -o docs/compare-deployed.png >/dev/null

# The manual as a site, into build/site/ (mkdocs.yml says where); --strict makes a link to a
# missing page fail the build.
docs: docs-deps
	mkdocs build --strict

bench: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target byzsim
	$(BUILD_DIR)/byzsim bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR) $(SAN_BUILD_DIR) $(FUZZ_BUILD_DIR) out
