# The two commands a new user needs: `make demo` and `make test`. Each creates .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip
SRC := pyproject.toml
LINT_PATHS := portfolio_builder tests $(wildcard benchmarks scripts)

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
	@echo "The demo portfolio is in output/. To look at it:"
	@echo "  $(BIN)/python -m http.server -d output 8000   # then open http://localhost:8000/"

demo-content: $(STAMP)
	$(BIN)/python scripts/make_demo_badges.py content/badges

lint: $(TEST_STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy --strict portfolio_builder

unit: $(TEST_STAMP)
	$(BIN)/pytest -n auto -q

test: lint unit

golden: $(TEST_STAMP)
	$(BIN)/python scripts/update_golden.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -p no:xdist tests/fuzz

clean:
	rm -rf $(VENV) output .portfolio-cache
