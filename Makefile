# Two commands on a fresh machine: `make run` and `make test`. Each builds .venv from the lock file.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test install lock lint bench train seed clean

$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

# `make run` and `make seed` are for a developer's machine: they switch development mode on (the
# built-in LINE emulator and simulator, random credentials). Production never runs them and never
# has DEVELOPMENT set; `make run DEVELOPMENT=0` with both LINE credentials exported runs a real channel.
run seed: export DEVELOPMENT ?= 1

## Start the bot on 127.0.0.1: SQLite under instance/, the built-in LINE emulator and the simulator.
run: install
	$(BIN)/flask --app app db upgrade
	$(BIN)/gunicorn 'app:create_app()' --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers 1 --threads 8 --timeout 60 --access-logfile -

## The whole suite (SQLite; set TEST_DATABASE_URL for PostgreSQL).
test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: install
	$(BIN)/python bench/run_all.py

train: install
	$(BIN)/python -m nlp train

seed: install
	$(BIN)/flask --app app db upgrade
	$(BIN)/flask --app app demo seed

## Re-pin every dependency after editing requirements*.in.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements-dev.in
	{ echo "# Pinned dependency tree (runtime + dev). Regenerate with 'make lock' after editing requirements*.in."; \
	  .venv-lock/bin/pip freeze | grep -vi '^pip=='; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
