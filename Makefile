# sora_social: `make run` and `make test` are all you need; the rest is documented in README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTEST_ARGS ?=

.PHONY: run install install-dev worker test lint bench migrate keys clean browser-deps

$(VENV)/.installed: requirements.txt requirements-nodeps.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip wheel
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -r requirements-nodeps.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

keys: install
	$(PY) manage.py create_signing_keys

## Serve HTTP + WebSocket on 127.0.0.1:8000 with a Celery worker, on the embedded default.
run: migrate keys
	$(PY) manage.py bootstrap_dev
	$(PY) -m sora_social.serve

## A worker for every queue (production runs GPU hosts with `-Q gpu`).
worker: install
	$(PY) -m celery -A sora_social worker -Q default,media,gpu --concurrency=1 --prefetch-multiplier=1 --loglevel=INFO

## The suite in TEST_PROCESSES processes (pytest-xdist), one per core up to 4 by default; each test file runs
## whole in one of them, so a module's costly fixture is made once. TEST_PROCESSES=0 runs it in this process.
## (One process more than the cores was tried on 2026-12-07: 1,164 s against 1,118 s, the suite is CPU-bound.)
TEST_PROCESSES ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)
test: install-dev
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

bench: install-dev
	$(PY) bench/run_all.py

clean:
	rm -rf var .pytest_cache
