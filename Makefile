# Vejviser: `make run` serves the demo municipality; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(min(2 * (os.cpu_count() or 1) + 1, 9))')
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed

.PHONY: run test setup setup-test browser-deps bench audit clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)
	mkdir -p instance
	$(FLASK) init-db
	$(FLASK) seed

run: setup
	exec $(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --preload \
	  --graceful-timeout 5 --access-logfile - wsgi:app

browser-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }

test: $(STAMP) browser-deps
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m bench

audit: $(STAMP)
	$(BIN)/pip-audit --skip-editable --progress-spinner off

clean:
	rm -rf $(VENV) instance node_modules
