# newssift — set-up and checks. `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## analyse the example pages that ship in examples/
demo: install
	$(BIN)/newssift analyze examples/harbour-bridge-closure.html --format text
	$(BIN)/newssift analyze examples/school-meals-vote.txt --format md

## lint, type-check and run the test suite
test: lint typecheck unit

lint: install
	$(BIN)/ruff check newssift tests bench scripts
	$(BIN)/ruff format --check newssift tests bench scripts

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

## benchmarks on ../shared/data (prints figures; writes bench/results/*.json)
bench: install
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/dragnet.py

## regenerate the published JSON Schema of the report
schema: install
	$(BIN)/python scripts/write_schema.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
