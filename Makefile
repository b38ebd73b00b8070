# PS-COPE toolkit site. `make serve` and `make test` set everything up on a fresh machine.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

help: ## Show the available commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e . --group test
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the site and test dependencies

serve: $(STAMP) ## Serve the site at http://127.0.0.1:8000 with live reload
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST)

build: $(STAMP) ## Build the site into site/ (strict: any warning fails)
	$(VENV)/bin/mkdocs build --strict

pdf: $(STAMP) ## Write the 13 fillable PDFs to pdf/ without building the site
	$(PY) scripts/build_pdfs.py pdf

system-deps: ## Make sure Chromium, qpdf and poppler are available for the tests
	bash scripts/ensure-test-deps.sh

test: $(STAMP) system-deps ## Run the whole test suite (unit, PDF, built site, browser)
	$(PY) -m pytest

bench: $(STAMP) system-deps ## Run the benchmarks and write benchmarks/results.md
	$(PY) scripts/bench.py

clean: ## Remove build output and caches (keeps .venv)
	rm -rf site pdf .cache .pytest_cache

.PHONY: help install serve build pdf system-deps test bench clean
