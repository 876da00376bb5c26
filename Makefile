# toekomstplan — two commands on a fresh machine:
#   make run    set up and serve the demo on http://127.0.0.1:8000 (SQLite, Celery in-process)
#   make test   set up and run the whole suite against a real PostgreSQL and Redis
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
UV_VENV := .uv
UV := $(shell command -v uv 2>/dev/null || echo $(UV_VENV)/bin/uv)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: help run install test lint fmt messages migrations clean bench-tasks bench

help:
	@echo "make run   - set up and serve the demo on http://127.0.0.1:8000"
	@echo "make test  - run the whole suite against a throwaway PostgreSQL and Redis"
	@echo "make lint  - ruff, lint-imports and makemigrations --check"
	@echo "make fmt   - format with ruff"
	@echo "make bench-tasks - time PDF rendering and the reminder sweep (N=100000 jongeren)"
	@echo "make bench - benchmark at gemeente scale (docs/benchmarks.md)"

$(UV_VENV)/bin/uv:
	$(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/pip install --quiet --disable-pip-version-check "uv>=0.5"

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	UV_PYTHON=$(PYTHON) $(UV) sync --frozen --quiet
	@touch $@

install: $(VENV)/.synced

run: install
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py seed_demo
	@echo
	@echo "toekomstplan runs on http://127.0.0.1:8000/  (sign in with a demo login above; Ctrl+C stops)"
	@echo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	./scripts/test.sh $(ARGS)

bench-tasks: install
	./scripts/bench-tasks.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l nl --ignore=.venv --ignore=.uv --ignore=node_modules --ignore=static --ignore=tests --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.uv

clean:
	rm -rf $(VENV) $(UV_VENV) db.sqlite3 staticfiles media .pytest_cache

bench: install
	./scripts/bench.sh
