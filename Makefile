# Every target installs what it needs into .venv first (a fresh machine needs only python3).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed

.PHONY: install installed spec generate check-drift checks test lint audit docs docs-serve demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# Prism (npm) for the contract tests; without npm they are skipped, loudly (CI fails instead).
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "WARNING: npm not found: the Prism contract tests will be skipped." >&2; \
	fi

# Headless Chromium for the report's browser tests (Debian's package; as root on a fresh
# Debian machine, as CI runs). Elsewhere those tests are skipped, loudly (CI fails instead).
CHROMIUM_STAMP := $(VENV)/.chromium-installed
$(CHROMIUM_STAMP): $(STAMP)
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "WARNING: no chromium (apt-get install chromium): the browser tests will be skipped." >&2; \
	fi
	@if command -v chromium >/dev/null 2>&1; then touch $@; fi

install: $(STAMP)

spec: $(STAMP)  ## apply spec/overlay.yaml to the vendored spec -> spec/openapi.yaml
	$(BIN)/python scripts/generate.py --spec-only

generate: $(STAMP)  ## spec + generate + format -> generated/; spec/error-codes/ -> _error_codes.py
	$(BIN)/python scripts/generate.py
	$(BIN)/python scripts/generate_error_codes.py

check-drift: $(STAMP)  ## regenerate into a temp dir and diff against the committed output
	$(BIN)/python scripts/check_drift.py

lint: $(STAMP)
	$(BIN)/ruff check facade scripts tests examples
	$(BIN)/ruff format --check facade scripts tests examples
	$(BIN)/mypy

audit: $(STAMP)  ## known vulnerabilities in the installed dependencies (pip-audit)
	$(BIN)/python scripts/audit.py

# The documentation site's tools (the `docs` extra), installed for `make docs` and `make test`.
DOCS_STAMP := $(VENV)/.docs-installed
$(DOCS_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,docs]'
	touch $(DOCS_STAMP)

# Strict: a broken link, a missing page or a docstring mkdocstrings cannot render fails it.
# Offline: no fonts, plugins or inventories are fetched (see mkdocs.yml).
docs: $(DOCS_STAMP)  ## the documentation site -> site/ (open site/index.html)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

docs-serve: $(DOCS_STAMP)  ## the site on http://127.0.0.1:8000, rebuilt as its sources change
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# What the tests need installed: pip's (.venv) and npm's (node_modules) side by side.
installed:
	$(MAKE) --no-print-directory -j2 $(DOCS_STAMP) $(NODE_STAMP) $(CHROMIUM_STAMP)

# The checks only read what the installs wrote, and write nothing another reads: two at once.
checks: $(STAMP) $(DOCS_STAMP)
	$(MAKE) --no-print-directory -j2 check-drift lint audit docs

# The site tests read the site `docs` has just built (DOCS_SITE) instead of building it again.
test: installed $(STAMP) $(NODE_STAMP) $(DOCS_STAMP) $(CHROMIUM_STAMP) checks
	DOCS_SITE=site $(BIN)/python -m pytest -n 2

demo: $(STAMP)
	$(BIN)/python scripts/demo.py

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)  ## speed, concurrency and memory against the fake server (several minutes)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) node_modules .mypy_cache .pytest_cache .ruff_cache demo-output site
