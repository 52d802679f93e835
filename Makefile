# newssift — set-up and checks. `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit bench train registry schema browser screenshot serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## analyse the example pages that ship in examples/, corroborating the first against the example corpus
demo: install
	rm -rf $(VENV)/demo-corpus
	$(BIN)/newssift corpus add $(VENV)/demo-corpus examples/corpus
	$(BIN)/newssift analyze examples/harbour-bridge-closure.html --corpus $(VENV)/demo-corpus --format text
	$(BIN)/newssift analyze examples/school-meals-vote.txt --format md

## lint, type-check and run the test suite
test: lint typecheck unit

lint: install
	$(BIN)/ruff check newssift evaluation tests bench scripts train
	$(BIN)/ruff format --check newssift evaluation tests bench scripts train

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

## Debian's Chromium for the browser tests (tests/test_web.py skip without it; CI installs it and requires it)
browser:
	@test -x /usr/bin/chromium || (apt-get install -y chromium || sudo apt-get install -y chromium)

## the reviewer's desk on http://127.0.0.1:8080/
serve: install
	$(BIN)/newssift serve

## re-take docs/reviewer-report.png (the README's screenshot) with the browser test
screenshot: install browser
	NEWSSIFT_SCREENSHOT_DIR=docs $(BIN)/pytest -q tests/test_web.py -k review_flow

## benchmarks on ../shared/data (prints figures; writes bench/results/*.json)
bench: install
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/dragnet.py
	$(BIN)/python bench/moderation.py
	$(BIN)/python bench/moderation_encoder.py
	$(BIN)/python bench/moderation_target.py
	$(BIN)/python bench/checkworthy.py
	$(BIN)/python bench/polnear.py
	$(BIN)/python bench/syndication.py
	$(BIN)/python bench/stance.py
	$(BIN)/python bench/retrieval.py
	$(BIN)/python bench/techniques.py
	$(BIN)/python bench/serve_load.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/pipeline_cost.py
	$(BIN)/python scripts/figures.py --write

## retrain the shipped models from ../shared/data (not run in CI; hours on 2 cores: the stance cross-encoder's five folds alone take about 1.5)
train: install
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e ".[dev,train]"
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m train.distill
	$(BIN)/python -m train.moderation
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m train.moderation_encoder
	$(BIN)/python -m train.moderation_target
	$(BIN)/python -m train.checkworthy
	$(BIN)/python -m train.attribution
	$(BIN)/python -m train.attribution_encoder
	$(BIN)/python -m train.stance
	for k in 0 1 2 3 4; do HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m train.stance_encoder --fold $$k || exit 1; done
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m train.stance_encoder --fold 0 --ship --out newssift/data/stance
	$(BIN)/python -m train.techniques

## rebuild the source registry from ../shared/data (ratings: Lin et al. 2023, Baly et al. 2018/2020)
registry: install
	$(BIN)/python scripts/build_registry.py

## regenerate the published JSON Schema of the report
schema: install
	$(BIN)/python scripts/write_schema.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
