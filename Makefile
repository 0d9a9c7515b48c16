# Thin wrappers around the real commands; see README.md.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/homecoming
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres check bench setup setup-test browser postgres clean name-index

## make run: set up, migrate SQLite, load the demo scenario, serve at http://$(HOST):$(PORT)/
run: setup
	$(BIN)/homecoming demo --serve --host $(HOST) --port $(PORT)

## make test: set up and run the whole suite on SQLite, then on PostgreSQL
test: setup-test browser postgres test-sqlite test-postgres

test-sqlite:
	DATABASE_URL= $(BIN)/pytest -p no:cacheprovider

test-postgres:
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -p no:cacheprovider tests/apps tests/commands

## make check: lint, types and the import contracts of DESIGN.md
check: setup-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## make bench: every benchmark, results appended to bench/out/ (see bench/README.md)
bench: setup-test
	$(BIN)/python -m bench

## make name-index: rebuild the shipped given-name index after editing given_names.tsv
name-index: setup
	$(BIN)/python -c "from homecoming.engines.names.table import write_index; print(write_index())"

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

# Debian's chromium for the browser tests (Playwright's own download cannot work offline).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install -y chromium'" >&2; exit 1; fi; }

# PostgreSQL on 127.0.0.1:5432 with trust auth (started if it is down).
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
	@pg_isready -h 127.0.0.1 -p 5432

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
