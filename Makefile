# The README's commands. Each creates .venv on first use and reinstalls only when the lock changes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# `make lock` compiles the locks with this uv, kept in a venv of its own inside .venv.
UV_VERSION := 0.13.9
LOCK_TOOL := $(VENV)/lock-tool

.PHONY: run test lint format install install-prod lock messages clean lrs-venv

# Development (run, test, lint): requirements-dev.lock, i.e. production plus the `test` extra.
$(VENV)/.installed: requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# Production: requirements.lock only, no test or lint tools. A deploy runs this (or the same
# `pip install --require-hashes -r requirements.lock`) in its own venv: `make install-prod VENV=...`.
install-prod:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock

# After changing a range in pyproject.toml: recompile both locks (Python 3.11, with hashes).
lock:
	test -x $(LOCK_TOOL)/bin/uv || $(PYTHON) -m venv $(LOCK_TOOL)
	test -x $(LOCK_TOOL)/bin/uv || $(LOCK_TOOL)/bin/pip install --quiet uv==$(UV_VERSION)
	$(LOCK_TOOL)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock >/dev/null
	$(LOCK_TOOL)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --extra test -o requirements-dev.lock >/dev/null

# The product as a cadre sees it, on this machine over http: its own error pages, and reminder
# links to the port it serves. `DEBUG=1 make run` brings Django's debug pages back.
RUN_ENV = LOCAL_HTTP=1 DEBUG=$${DEBUG:-0} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

run: install
	$(PY) manage.py compile_translations
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py demo
	@echo "Serving http://127.0.0.1:$(PORT)/ with a task worker beside it  (Ctrl-C stops both)"
	$(RUN_ENV) $(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# ralph-malph's LRS for the xAPI round-trip test, apart from the site's packages (see the file).
LRS_VENV := $(VENV)/ralph-lrs
$(LRS_VENV)/.installed: tests/xapi/lrs-requirements.txt
	test -x $(LRS_VENV)/bin/python || $(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/pip install --quiet -r tests/xapi/lrs-requirements.txt
	touch $@

lrs-venv: $(LRS_VENV)/.installed

test: install lrs-venv
	$(PY) manage.py compile_translations
	$(PY) -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

# ruff, the app layers in .importlinter (its cache kept inside .venv), then bandit's security
# checks over the apps (each remaining finding is justified by a `# nosec` comment where it is).
lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-logo --cache-dir $(VENV)/import-linter-cache
	$(VENV)/bin/bandit -r courses quizzes records xapi certificates studio people training demo -q

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Needs GNU gettext (xgettext): refresh the catalogue after changing interface strings.
messages: install
	$(PY) manage.py makemessages --locale zh_Hans --ignore .venv --ignore staticfiles --no-obsolete
	$(PY) manage.py compile_translations

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
