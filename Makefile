# Two commands on a fresh machine: `make run` and `make test`. Each builds .venv from a lock file:
# `make run` from requirements.lock (only what runs), `make test`/`make lint`/`make train` from
# requirements-dev.lock (the same pins plus pytest, playwright, ruff, import-linter, scikit-learn).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
# uv resolves the locks (`make lock` only); pip installs them, so a machine needs nothing but Python.
UV_VERSION := 0.13.8

.PHONY: run test install install-dev lock lint bench bench-load train seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# One stamp per lock: after `make run`, `make test` adds the tools; a changed lock reinstalls.
$(VENV)/.runtime-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

# `make run` and `make seed` are for a developer's machine: they switch development mode on (the
# built-in LINE emulator and simulator, random credentials). Production never runs them and never
# has DEVELOPMENT set; `make run DEVELOPMENT=0` with both LINE credentials exported runs a real channel.
run seed: export DEVELOPMENT ?= 1

## Start the bot on 127.0.0.1: SQLite under instance/, the built-in LINE emulator and the simulator.
run: install
	$(BIN)/flask --app app db upgrade
	$(BIN)/gunicorn 'app:create_app()' --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers 1 --threads 8 --timeout 60 --access-logfile -

## The whole suite (SQLite; set TEST_DATABASE_URL for PostgreSQL).
test: install-dev
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## The component benchmarks (nlp, webhook, summary), each printing its own table.
bench: install-dev
	$(BIN)/python bench/run_all.py

## Issue 13's table: the Procfile's processes under a burst and sustained load, PostgreSQL and SQLite,
## on loopback; rewrites docs/benchmarks.md. Only the runtime lock: it measures what production runs.
bench-load: install
	$(BIN)/python bench/load.py --write docs/benchmarks.md

train: install-dev
	$(BIN)/python -m nlp train

seed: install
	$(BIN)/flask --app app db upgrade
	$(BIN)/flask --app app demo seed

## Re-pin both locks after editing requirements*.in. Pins already in a lock are kept; to move every
## package to its newest release allowed by the .in files: `make lock LOCK_FLAGS=--upgrade`.
## Only the package registry is contacted; nothing is installed but uv in a throwaway venv.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet uv==$(UV_VERSION)
	.venv-lock/bin/uv pip compile --quiet --python-version 3.11 --custom-compile-command "make lock" \
	  $(LOCK_FLAGS) requirements.in -o requirements.lock
	.venv-lock/bin/uv pip compile --quiet --python-version 3.11 --custom-compile-command "make lock" \
	  $(LOCK_FLAGS) requirements-dev.in -o requirements-dev.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
