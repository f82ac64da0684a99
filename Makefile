# The two commands a person needs: `make run` and `make test` (see README.md).
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell platform/find-python)
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev

.PHONY: run run-cluster test lint format messages install install-test clean

# A stamp per dependency set, so that `make` reinstalls only when pyproject.toml changes.
$(BIN)/python:
	@test -n "$(PYTHON)" || exit 1
	"$(PYTHON)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet ".[test]"
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "Kohtaamo is at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/). Stop with Ctrl-C."
	$(BIN)/daphne -b $(HOST) -p $(PORT) cms.asgi:application

# The production shape on one machine: PostgreSQL, Redis, WORKERS daphne workers behind nginx.
run-cluster: install
	platform/run-cluster

test: install-test
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (apt-get install gettext). The compiled .mo files are committed,
# so running the platform does not.
messages: install
	$(BIN)/python manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=tests
	$(BIN)/python manage.py makemessages --all --no-obsolete -d djangojs --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 static_collected
