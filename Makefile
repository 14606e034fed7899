# The README's commands. Each creates .venv on first use and reinstalls only when the lock changes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test lint format install messages clean

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py compile_translations
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py demo
	@echo "Serving http://127.0.0.1:$(PORT)/  (Ctrl-C stops)"
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) manage.py compile_translations
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Needs GNU gettext (xgettext): refresh the catalogue after changing interface strings.
messages: install
	$(PY) manage.py makemessages --locale zh_Hans --ignore .venv --ignore staticfiles --no-obsolete
	$(PY) manage.py compile_translations

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
