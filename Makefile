# byzsim — thin wrapper over CMake. On a fresh Debian 12 machine (as root):
#   make run    install what is missing, build Release, run the default scenarios into out/
#   make test   install what is missing, build, run the whole test suite (ctest)
# Other targets: make build, make bench, make deps, make format, make clean.

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
# Debian packages the build and tests need (python3-matplotlib draws the plots).
DEB_PACKAGES := g++ cmake ninja-build make libboost-program-options-dev libeigen3-dev \
                nlohmann-json3-dev catch2 python3-matplotlib
PY := /usr/bin/python3
DEFAULT_SCENARIOS := $(wildcard scenarios/seed/*.json)

.PHONY: all deps build run test bench format clean

all: build

# Install only the packages dpkg does not know as installed; never touches anything else.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@mkdir -p out
	$(BUILD_DIR)/byzsim run $(DEFAULT_SCENARIOS) -o out/results.csv
	@echo "wrote out/results.csv"
	@if $(PY) -c "import matplotlib" 2>/dev/null && [ -f analysis/plot_outcomes.py ]; then \
	  $(PY) analysis/plot_outcomes.py out/results.csv -o out/outcomes.png && echo "wrote out/outcomes.png"; \
	fi

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD_DIR)/byzsim bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR) out
