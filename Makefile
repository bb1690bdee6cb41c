# Vejviser: `make run` serves the demo municipality; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(min(2 * (os.cpu_count() or 1) + 1, 9))')
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed
CATALOGUE := web/translations/en/LC_MESSAGES/messages

.PHONY: run test setup setup-test browser-deps bench audit clean vendor translations readme-screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The English catalogue is compiled from its .po (the .mo is not kept in git).
$(CATALOGUE).mo: $(CATALOGUE).po $(STAMP)
	$(BIN)/pybabel compile --statistics -d web/translations -D messages

setup: $(STAMP) $(CATALOGUE).mo
	mkdir -p instance
	$(FLASK) init-db
	$(FLASK) seed
	$(FLASK) ensure-model

run: setup
	exec $(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers $(WORKERS) wsgi:app

browser-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }
	@test -f tests/browser/node_modules/axe-core/axe.min.js || (cd tests/browser && npm ci --no-audit --no-fund)

test: $(STAMP) $(CATALOGUE).mo browser-deps
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# Measure on this machine (about 5 minutes); prints one table and writes bench/results.md.
bench: $(STAMP)
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python -m bench $(BENCH_ARGS)

# Needs the advisory service (pypi.org's JSON API, or `-s osv` for osv.dev); --strict makes a dependency
# it could not check fail the audit instead of passing silently (see README, Security and privacy).
audit: $(STAMP)
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

# Refresh the design system and chart library served from web/static/vendor (versions pinned in
# web/assets/package.json and its lock file); `make run` itself never needs npm.
vendor: $(STAMP)
	cd web/assets && npm ci --no-audit --no-fund
	$(BIN)/python web/assets/vendor.py

# Retake the README's screenshots from the running app (through the browser tests).
readme-screenshots: $(STAMP) $(CATALOGUE).mo browser-deps
	VEJVISER_README_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser

# Collect new user-facing strings into the English catalogue; translate the empty ones, then commit.
translations: $(STAMP)
	$(BIN)/pybabel --quiet extract -F web/translations/babel.cfg -k _l -o web/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i web/translations/messages.pot -d web/translations -D messages

clean:
	rm -rf $(VENV) instance node_modules
