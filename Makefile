# PS-COPE toolkit site. `make serve` and `make test` set everything up on a fresh machine.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
# pytest workers (pytest-xdist): one per CPU; tests that share a module's build stay together.
WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(WORKERS) --dist loadgroup

help: ## Show the available commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

LOCK   := requirements.lock

$(STAMP): pyproject.toml $(LOCK)
	python3 -c "import sys; sys.exit(sys.version_info < (3, 11))" || { echo "error: Python 3.11 or newer is needed (mkdocs-material 9.8 requires it)" >&2; exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -c $(LOCK) pip
	$(PY) -m pip install --quiet -c $(LOCK) -e . --group test --group lint
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked site, test and lint dependencies

lock: ## Re-resolve the dependencies to the newest versions pyproject.toml allows; writes requirements.lock
	rm -rf .venv-lock
	python3 -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e . --group test --group lint
	{ echo "# Exact versions \`make install\` uses (pip constraints). Written by \`make lock\`; edit pyproject.toml, not this."; \
	  .venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -v '^setuptools==\|^wheel=='; } > $(LOCK)
	rm -rf .venv-lock

serve: $(STAMP) ## Serve the site at http://127.0.0.1:8000 with live reload
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST)

build: $(STAMP) ## Build the site into site/ (strict: any warning fails)
	$(VENV)/bin/mkdocs build --strict

pdf: $(STAMP) ## Write the 13 fillable PDFs to pdf/ without building the site
	$(PY) scripts/build_pdfs.py pdf

system-deps: ## Make sure Node, Chromium, qpdf and poppler are available for the tests
	bash scripts/ensure-test-deps.sh

test-js: $(STAMP) system-deps ## Unit-test the browser's pure modules with Node (seconds)
	node --test tests/js/

engine-deps: ## Make sure Firefox ESR, WebKitGTK's WebDriver, Xvfb and puppeteer-core are there
	bash scripts/ensure-engine-deps.sh

test-engines: $(STAMP) system-deps engine-deps ## Smoke-test a tool form in Chromium, Firefox ESR and WebKit (~30 s; CI runs it too)
	$(PY) -m pytest tests/engines

lint: $(STAMP) ## Lint, format-check and type-check the Python (ruff, mypy); `ruff format` fixes the format
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check
	$(VENV)/bin/mypy

test-fast: $(STAMP) system-deps test-js ## Everything but the browsers: JS units, unit, PDF and built-site tests (the edit loop)
	$(PYTEST) -m "not e2e and not engines"

test: $(STAMP) system-deps test-js ## Run the test suite (JS units, then unit, PDF, built site, Chromium; engines: test-engines)
	$(PYTEST) --ignore=tests/engines

bench: $(STAMP) system-deps ## Run the benchmarks and write benchmarks/results.md
	$(PY) -m benchmarks

vendor: $(STAMP) ## Re-fetch the vendored PDF library from the npm registry and check its sha256
	$(PY) scripts/vendor_js.py

vendor-check: ## Check the vendored PDF library against its record (offline; `make test` does too)
	python3 scripts/vendor_js.py --check

clean: ## Remove build output and caches (keeps .venv)
	rm -rf site pdf .cache .pytest_cache

.PHONY: help install lock lint serve build pdf system-deps engine-deps test-js test-engines test-fast test bench vendor vendor-check clean
