# The two commands a new user needs: `make demo` and `make test`. Each creates .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip
SRC := pyproject.toml
CHROMIUM := /usr/bin/chromium
LINT_PATHS = $(wildcard portfolio_builder tests benchmarks scripts)

.PHONY: demo test lint unit bench fuzz golden serve clean demo-content system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): $(BIN)/python $(SRC)
	$(PIP) install --quiet -e .
	touch $@

$(TEST_STAMP): $(BIN)/python $(SRC)
	$(PIP) install --quiet -e '.[test]'
	touch $@

demo: $(STAMP)
	$(BIN)/portfolio-builder build --offline -o output
	@echo
	@echo "The demo portfolio is in output/. To look at it as it will be published (under its"
	@echo "own path, rebuilt as you edit content/):"
	@echo "  $(BIN)/portfolio-builder serve --offline       # then open http://127.0.0.1:8000/portfolio/"
	@echo "Any static server shows it too (its links are relative), e.g."
	@echo "  $(BIN)/python -m http.server -d output 8000   # then open http://localhost:8000/"

demo-content: $(STAMP)
	$(BIN)/python scripts/make_demo_badges.py content/badges issuer-snapshot.json

lint: $(TEST_STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy --strict portfolio_builder

# The browser tests drive the system's Chromium (never a browser downloaded by Playwright).
system-deps:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
		echo "$(CHROMIUM) is missing and the browser tests need it." >&2; \
		echo "Install it as root: sudo apt-get update && sudo apt-get install -y chromium" >&2; \
		exit 1; \
	fi

unit: system-deps $(TEST_STAMP)
	$(BIN)/pytest -n auto --dist loadgroup -q

test: lint unit

golden: $(TEST_STAMP)
	$(BIN)/python scripts/update_golden.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# About ten minutes: hypothesis's long profile and FUZZ_SECONDS of atheris (when installed).
FUZZ_SECONDS ?= 180
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/pytest -q -p no:xdist tests/fuzz

clean:
	rm -rf $(VENV) output .portfolio-cache
