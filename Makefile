# Xicheng International Exchange Portal: the commands a developer and CI run.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
LOCK := requirements-dev.lock
STAMP := $(VENV)/.installed
PORT ?= 8000
# `make run` is the embedded demo: SQLite and a filesystem queue unless told otherwise.
# DEMO_PORT points the demo's links at PORT unless SITE_URL is set (environment or .env).
RUN_ENV := DJANGO_SETTINGS_MODULE=xicheng_portal.settings.base DJANGO_SERVE_MEDIA=$${DJANGO_SERVE_MEDIA:-1} DEMO_PORT=$(PORT)
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/xicheng
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# Instants `make test-clocks` runs the suite at (UTC; a time alone is today's): a minute
# before and after Beijing's midnight (16:00 UTC), the end of the UTC day, and each test
# crossing the Beijing midnight into a new year.
TEST_CLOCKS ?= 15:59Z 16:01Z 23:59Z 2027-12-31T15:59:59.5Z
# A process zone far from Beijing's: nothing may depend on the machine's zone.
TEST_CLOCKS_TZ ?= America/Los_Angeles
# How many of those runs go side by side, each on its own database (two halve the time on
# two cores: one run waits on PostgreSQL about half the time).
TEST_CLOCKS_JOBS ?= 2

.PHONY: help install run test test-clocks test-fast lint format messages compilemessages bench bench-mail services check-deploy clean screenshots

help:
	@echo "make run       demo site at http://127.0.0.1:$(PORT) with a worker and beat"
	@echo "make test      the whole suite on PostgreSQL and Redis"
	@echo "make test-clocks  the suite at chosen instants around Beijing's midnight"
	@echo "make lint      ruff check + ruff format --check"
	@echo "make format    ruff format + ruff check --fix"
	@echo "make messages  re-extract and compile the gettext catalogs"
	@echo "make bench     pages under gunicorn + wrk against a bare Django hello (warm and"
	@echo "               cold), the staff queue and reminder emails; fails on a missed target"
	@echo "make bench-mail  reminder emails per second: workers vs a plain smtplib loop (own db)"
	@echo "make screenshots  docs/screenshots/: the main pages in ru, ar, ja, phone and desktop; the admin overview"

$(STAMP): $(LOCK) pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install python3.11 (e.g. apt-get install python3.11 python3.11-venv)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-virtualenv --require-hashes --no-deps -r $(LOCK)
	touch $(STAMP)

install: $(STAMP)

# The compiled catalogs (.mo) are committed, so `make run` works without gettext;
# with gettext installed they are rebuilt from the .po files.
compilemessages: $(STAMP)
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v0; \
	else echo "No msgfmt (gettext): using the committed .mo catalogs."; fi

run: $(STAMP) compilemessages
	mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput -v1
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(RUN_ENV) $(PY) manage.py load_demo_content
	$(RUN_ENV) $(PY) manage.py rebuild_search_index
	$(RUN_ENV) $(PY) manage.py demo_login
	$(RUN_ENV) $(PY) scripts/run_demo.py --port $(PORT)

services:
	@TEST_DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) scripts/ensure_services.sh

test: $(STAMP) compilemessages services
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -q --create-db $(PYTEST_ARGS)

# The suite without the browser journeys and the input fuzzing (neither depends on the date)
# at each of TEST_CLOCKS (see docs/architecture.md).
test-clocks: $(STAMP) compilemessages services
	TEST_CLOCKS="$(TEST_CLOCKS)" TEST_CLOCKS_JOBS=$(TEST_CLOCKS_JOBS) TEST_CLOCKS_TZ=$(TEST_CLOCKS_TZ) \
	  TEST_DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) \
	  PYTEST=$(BIN)/pytest PYTEST_ARGS="$(PYTEST_ARGS)" scripts/test_clocks.sh

test-fast: $(STAMP)
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -q -m "not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(STAMP)
	@command -v msgfmt >/dev/null || { echo "gettext is needed: apt-get install gettext"; exit 1; }
	$(PY) manage.py makemessages --all --extension=html,txt,py,xml --ignore=.venv --ignore=var --ignore=node_modules --ignore=tests --ignore=scripts --no-obsolete --no-location
	$(MAKE) compilemessages

check-deploy: $(STAMP)
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  DJANGO_ALLOWED_HOSTS=portal.example.org SITE_URL=https://portal.example.org \
	  DJANGO_SETTINGS_MODULE=xicheng_portal.settings.production \
	  $(PY) manage.py check --deploy --fail-level WARNING

# The public pages under gunicorn and wrk next to a bare Django hello, warm and cold, the
# search, then the staff queue and the reminder emails (scripts/bench.py runs them all and
# fails when any target is missed). wrk is installed with apt when missing, as .ci/run does.
bench: $(STAMP) services
	@command -v wrk >/dev/null || { echo "Installing with apt: wrk"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
	  { echo "wrk is needed: apt-get install wrk"; exit 1; }
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) scripts/bench.py

# 10,000 reminders through the outbox and real workers, next to a plain smtplib loop, in a
# database of its own (<name>_bench_mail_<pid>, dropped at the end).
bench-mail: $(STAMP) services
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) scripts/bench_reminders.py

# The browser tests of every public page, saving the main ones to docs/screenshots/ as they
# go. Japanese and Arabic need fonts that Debian's Chromium does not bring.
screenshots: $(STAMP) compilemessages services
	@fc-list :lang=ja | grep -q . && fc-list :lang=ar | grep -q . || \
	  { echo "Japanese and Arabic fonts are needed: apt-get install fonts-noto-cjk fonts-noto-core"; exit 1; }
	rm -rf docs/screenshots/ru docs/screenshots/ar docs/screenshots/ja docs/screenshots/zh-hans docs/screenshots/en
	SCREENSHOTS=1 DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
	  $(BIN)/pytest -q tests/e2e/test_public_pages.py tests/e2e/test_overview_journey.py \
	  tests/e2e/test_translation_workspace.py tests/e2e/test_staff_notifications.py \
	  tests/e2e/test_registrant_messages.py $(PYTEST_ARGS)

clean:
	rm -rf var/staticfiles var/celery
