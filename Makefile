# Two commands matter: `make run` and `make test`. Everything else is for maintainers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CONSTRAINTS := requirements/constraints.txt
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test install install-dev lint format check lock bench wrk loadtest scale-out faults backup restore screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamps re-run the install whenever the dependencies or the lock change.
$(VENV)/.installed: $(PY) pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: $(PY) pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_demo_accounts
	@echo "Serving Coproduce at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# The national-scale benchmark on PostgreSQL (DATABASE_URL, default below): seeds 5,000
# participants, 100,000 votes and 20,000 comments into a throwaway `<name>_bench` database,
# times every page, API endpoint and write, checks the targets, and writes
# bench/results.json and bench/results.md. BENCH_RUNS sets the timed runs (default 20).
BENCH_DATABASE_URL := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/coproduce_bench)
# Then the capacity benchmark (bench/load/capacity.py): requests/s of static, anonymous,
# signed-in pages and POSTs on gunicorn + PostgreSQL + Redis with Debian's wrk, installed
# here where missing.
bench: install-dev wrk
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.run
	$(PY) -m bench.load.capacity

wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi; }

# 60 s of last-day traffic against gunicorn, PostgreSQL and Redis on loopback (needs both
# running locally; see docs/deploy.md). Writes bench/loadtest.json and checks every write.
loadtest: install-dev
	$(PY) -m bench.load.run

# Two gunicorn instances sharing PostgreSQL and Redis behave as one (also run by .ci/run).
# `make test` skips tests/integration; naming the folder runs it.
scale-out: install-dev
	$(PY) -m pytest -p no:cacheprovider -s tests/integration

# Kill Redis, PostgreSQL, the task worker and a gunicorn worker under the production stack,
# use a real streaming replica, and restore a backup; prints a table (also run by .ci/run).
# Servers of its own on spare ports (initdb, redis-server, gunicorn); never the shared ones.
faults: install-dev
	$(PY) -m tests.faults.run

# A timestamped PostgreSQL dump plus media into $(BACKUP_DIR) (default var/backups), and a
# restore of one into a fresh, empty database: docs/deploy.md, "Backups you can restore".
backup:
	scripts/backup.sh

restore:
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/coproduce-<stamp> DATABASE_URL=..."; exit 2; }
	BACKUP="$(BACKUP)" scripts/restore.sh

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# PNGs of the key pages (demo data, throwaway test database, live server) in docs/screenshots/.
screenshots: install-dev
	$(PY) -m pytest -q -p no:cacheprovider tests/browser/screenshots.py

# Refresh the lock: resolve the newest allowed versions in a throwaway venv.
lock:
	rm -rf var/lock-venv
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet --upgrade pip
	var/lock-venv/bin/pip install --quiet -e ".[dev]"
	var/lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e ' > $(CONSTRAINTS)
	rm -rf var/lock-venv
	@echo "Wrote $(CONSTRAINTS); commit it."

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .ruff_cache *.egg-info
