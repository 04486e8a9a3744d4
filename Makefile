# kzgraph developer tasks. `make help` lists them.
PYTHON ?= .venv/bin/python
VENV   ?= .venv

.PHONY: help setup build test lint bench scale loadtest clean

help:  ## List the tasks
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

setup:  ## Create .venv and install kzgraph with its test and dev tools
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[dev]'

build: ## Build the graph, exports, report and explorer into build/
	$(VENV)/bin/kzgraph build --out build

test:  ## Run the test suite (builds the graph first, so tests never see stale output)
	$(VENV)/bin/kzgraph build --out build
	$(PYTHON) -m pytest -n auto --dist loadfile

lint:  ## ruff and mypy
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

bench: ## Build stages, named queries, exports and explorer (medians of several runs)
	$(PYTHON) benchmarks/bench_build.py
	$(PYTHON) benchmarks/bench_queries.py
	$(PYTHON) benchmarks/bench_export.py
	$(PYTHON) benchmarks/bench_viz.py

scale: ## Seed and synthetic graphs (100k, 1M triples) against the 1M targets; slow (about 5 minutes)
	$(PYTHON) benchmarks/bench_scale.py --sizes seed,100000,1000000

loadtest: ## The endpoint under 20 concurrent clients
	$(PYTHON) benchmarks/bench_load.py

clean: ## Remove built files
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
