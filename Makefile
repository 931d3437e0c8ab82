# One task runner: CI calls these targets as they are.
PYTHON ?= python3.11
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed

.PHONY: install demo test check lint typecheck docs test-postgres ci clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Set up and run the demo on a fresh SQLite database.
demo: $(STAMP)
	$(BIN)/overhorizon demo

## Set up and run the checks and the test suite (SQLite).
test: $(STAMP) check
	$(BIN)/pytest -q

check: lint typecheck

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

## Regenerate the files derived from the ontology (CI fails when they drift).
docs: $(STAMP)
	$(BIN)/python scripts/generate_docs.py

## The store suite against PostgreSQL (needs a server; see OVERHORIZON_TEST_POSTGRES).
test-postgres: $(STAMP)
	OVERHORIZON_DATABASE_URL=$${OVERHORIZON_TEST_POSTGRES:-postgresql://postgres@127.0.0.1:5432/postgres} \
		$(BIN)/pytest -q -m store

ci: test test-postgres

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
