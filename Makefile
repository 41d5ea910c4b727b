# The README's commands. `make serve` and `make test` do the whole set-up on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install build serve test test-fast lint eval bench bench-sparql conformance clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the project with its dev tools

build: $(STAMP)  ## build the store from data/ if it is missing or older than its inputs
	$(BIN)/ess-graph build --if-stale

serve: build  ## serve the SPARQL endpoint, REST API and pages on 127.0.0.1:8000
	$(BIN)/ess-graph serve

lint: $(STAMP)  ## ruff, mypy and the import contracts (pyproject's [tool.importlinter])
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy ess_core ess_graph ingest graph_service

test: lint  ## the whole test suite, slow real-server tests included
	$(BIN)/pytest -n 2 --dist loadfile

test-fast: $(STAMP)  ## the suite without the slow real-server tests
	$(BIN)/pytest -n 2 --dist loadfile -m "not slow"

eval: $(STAMP)  ## extraction scores: seeds (tests/gold) and ../shared/corpus train/held_out (docs/EVALUATION.md)
	$(BIN)/ess-graph eval

bench: $(STAMP)  ## time the store build and its stages (docs/BENCHMARKS.md)
	$(BIN)/python bench/build_bench.py

bench-sparql: $(STAMP)  ## our /sparql vs oxigraph serve vs in-process (docs/BENCHMARKS.md)
	$(BIN)/python bench/sparql_bench.py

conformance: $(STAMP)  ## play the W3C SPARQL test suites, write docs/CONFORMANCE.md
	$(BIN)/python -m tests.conformance.report

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
