# Samenwerkingswijzer: every task a developer or CI needs. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help install run worker test test-fast test-e2e lint format typecheck check hooks migrate demo bench backup restore audit clean

help: ## this list
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[dev]"
	@touch $(STAMP)

install: $(STAMP) ## virtual environment with all dependencies

migrate: install ## bring the database up to date
	$(MANAGE) migrate --noinput

demo: migrate ## load the demo register and the demo users
	$(MANAGE) seed_demo

# The worker (django-q2's qcluster) makes the year documents and runs the periodic tasks; it
# runs beside the development server and stops with it.
run: demo ## everything for a first look: install, migrate, demo data, a worker and the server on :8000
	@$(MANAGE) demo_logins
	@$(MANAGE) qcluster & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	 $(MANAGE) runserver 127.0.0.1:8000

worker: migrate ## only the worker for background jobs (year documents, planning, reminders)
	$(MANAGE) qcluster

# test-fast leaves out the markers of FAST's list: fuzz (hypothesis), concurrency (live server),
# pdf (WeasyPrint renders), oidc (a second server), slow (whole-site walks, whole-file imports)
# and e2e (browser); it runs on WORKERS processes (pytest-xdist; each
# has a test database of its own; WORKERS=0: one process). `make test` runs every test, those
# markers included, in one process, as CI does (docs/running-and-testing.md).
# test-fast lets Python keep compiled modules even where PYTHONDONTWRITEBYTECODE is set, so the
# next run does not compile them again. PYTEST_ARGS passes options through, e.g.
# `make test-fast PYTEST_ARGS="--lf -x"`.
WORKERS ?= 2
PYTEST_ARGS ?=
FAST := not fuzz and not e2e and not concurrency and not pdf and not oidc and not slow

test: install ## the whole suite: fast, fuzz, concurrency and PDF tests, then the browser tests where Chromium is installed
	$(BIN)/pytest -m "not e2e" $(PYTEST_ARGS)
	@if [ -x "$(CHROMIUM)" ]; then $(MAKE) --no-print-directory test-e2e; \
	 else echo "Chromium niet gevonden ($(CHROMIUM)): browsertests overgeslagen."; fi

test-fast: install ## the everyday loop: everything but the fuzz, concurrency, PDF, slow and browser tests
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -n $(WORKERS) -m "$(FAST)" $(PYTEST_ARGS)

test-e2e: install ## browser tests in the system Chromium (one process: one browser)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e -p no:randomly $(PYTEST_ARGS)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install ## mypy
	$(BIN)/mypy .

check: lint typecheck ## lint, types, the layers of the apps and the migrations check, as CI runs them
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run

hooks: install ## git hooks before each commit: ruff (lint, format) and the migrations check
	$(BIN)/pre-commit install

backup: install ## back up the database of DATABASE_URL into backups/ (or FILE=...)
	$(BIN)/python scripts/backup.py backup $(if $(FILE),--output "$(FILE)")

restore: install ## put a backup into an empty database: make restore FILE=... (REPLACE=1 to replace one, after a safety copy)
	@test -n "$(FILE)" || { echo "Geef het back-upbestand op: make restore FILE=backups/... (REPLACE=1 om een gevulde database te vervangen)"; exit 2; }
	$(BIN)/python scripts/backup.py restore "$(FILE)"$(if $(filter 1 yes true,$(REPLACE)), --replace)

audit: install ## known vulnerabilities in the dependencies
	$(BIN)/python scripts/audit.py

bench: install ## benchmark at national scale (5,000 partnerships, SQLite and PostgreSQL): one table
	$(BIN)/python -m bench.run

clean: ## remove the virtual environment and generated files
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache .pytest_cache .hypothesis
