# The two commands a new user needs: `make demo` and `make test`. Each creates .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip
SRC := pyproject.toml
LINT_DIRS := $(wildcard portfolio_builder tests benchmarks scripts)

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
	$(BIN)/portfolio-builder inspect content/badges
	@echo
	@echo "Demo badges read from content/badges/ (above)."

demo-content: $(STAMP)
	$(BIN)/python scripts/make_demo_badges.py content/badges

lint: $(TEST_STAMP)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)
	$(BIN)/mypy --strict portfolio_builder

unit: $(TEST_STAMP)
	$(BIN)/pytest -n auto -q

test: lint unit

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -p no:xdist tests/fuzz

clean:
	rm -rf $(VENV) output .portfolio-cache
