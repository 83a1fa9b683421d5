# Two commands for a newcomer: `make run` and `make test`. Everything else is for the team.
# Python 3.11: the system's /usr/bin/python3.11 when it can make a venv (Debian's, built with
# profile-guided and link-time optimisation: the portal's requests take a fifth less CPU there
# than on a default pyenv or source build, bench/RESULTS.md), otherwise python3.11 from the PATH.
PYTHON ?= $(shell /usr/bin/python3.11 -c "import ensurepip, venv" >/dev/null 2>&1 \
  && echo /usr/bin/python3.11 || echo python3.11)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := abramos.settings

.PHONY: run test install system-deps migrate demo lint format messages serve worker beat bench bench-cluster soak cluster audit backup restore clean lock

$(PY):
	$(PYTHON) -m venv $(VENV)

# Every package pinned with its hashes (pip-tools): the runtime (requirements.txt, what production
# installs) and the tests and code checks (requirements-dev.txt). `make lock` recompiles both.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) system-deps node_modules/.installed

# The checkers the tests run (axe-core in chromium, the Nu HTML checker on Java); nothing from
# npm is served to visitors. Without npm the accessibility and HTML tests skip locally, fail in CI.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML validity checks will not run"; fi

# WeasyPrint (the PDF renditions) needs Pango and HarfBuzz from the system. On a Debian machine
# where we are root they are installed when missing; elsewhere the PDF rendition is marked failed
# (and retried) while everything else works.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
system-deps:
	@if command -v dpkg >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "Installing $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	fi

## make run: the portal with its demo process on http://127.0.0.1:8000 (SQLite, no Redis needed)
run: export DEBUG ?= 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: code checks, translations, then the whole test suite. The tests run with DEBUG off,
## as production does, so they need a key (the portal refuses to start without one then).
test: export SECRET_KEY ?= make-test-only-key-never-used-by-a-real-site-0123456789abcdefghijklmnop
test: install lint
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

## make soak: 50 simulated people commenting and reading for 60 s (SOAK_SECONDS) under gunicorn,
## with a Celery worker, on DATABASE_URL's PostgreSQL (its own *_soak database) and a private Redis:
## fails on any error or on a comment not stored exactly once.
soak: export SECRET_KEY ?= make-soak-only-key-never-used-by-a-real-site-0123456789abcdefghijklmnop
soak: install
	$(PY) -m tests.soak

## make cluster: the production shape on loopback (deploy/cluster.py): HAProxy in front of two web
## nodes, two Celery workers and beat, on DATABASE_URL's PostgreSQL (its own *_cluster database),
## a private Redis and an S3-compatible bucket (moto), with the demo loaded; Ctrl-C stops it.
## `deploy/rolling <state file>` restarts it node by node while it serves.
cluster: export SECRET_KEY ?= make-cluster-only-key-never-used-by-a-real-site-0123456789abcdefghijklmn
cluster: install
	$(PY) -m deploy.cluster

## make audit: the pinned requirements against the OSV vulnerability database (pip-audit); says
## NOT RUN when OSV cannot be reached (AUDIT_REQUIRED=1 makes that fail). See tests/audit.py.
audit: install
	$(PY) -m tests.audit

# STYLE.md's checks: ruff, code written for Django 5.2 (django-upgrade), templates indented
# (djhtml), and bandit. `make format` applies the first three.
PY_SOURCES = $$(find abramos strategy drafts consultation transparency tests bench -name '*.py' -not -path '*/migrations/*') conftest.py manage.py
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/django-upgrade --target-version 5.2 --check $(PY_SOURCES)
	$(VENV)/bin/djhtml --check templates
	$(VENV)/bin/bandit --quiet --recursive --severity-level medium \
	  --exclude '*/tests/*,*/migrations/*,./.venv,./node_modules,./bench' abramos strategy drafts consultation transparency

## make lock: recompile requirements.txt and requirements-dev.txt from their .in files, with hashes,
## after changing a pin there (`pip-compile --upgrade-package NAME` to move one package).
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
  --no-emit-find-links --no-emit-index-url
lock: install
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

format: install
	$(VENV)/bin/django-upgrade --target-version 5.2 --exit-zero-even-if-changed $(PY_SOURCES)
	$(VENV)/bin/djhtml templates
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make messages: refresh the catalogues after changing visible text (needs GNU gettext)
messages: install
	$(PY) manage.py makemessages --locale es --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'locale/*' --no-obsolete --no-location
	$(PY) manage.py compilemessages --locale es --ignore '.venv/*'

## make serve: production shape against DATABASE_URL and REDIS_URL (see Procfile)
serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/celery -A abramos worker -Q default,mail,render --beat --loglevel INFO --concurrency 2 &
	$(VENV)/bin/gunicorn abramos.wsgi --bind 127.0.0.1:8000 --workers 3 --access-logfile -

## make bench: the portal under load on this machine's PostgreSQL and Redis (needs wrk); see
## bench/run.py. Drops and recreates the database abramos_bench; results in bench/RESULTS.md.
bench: install
	@command -v wrk >/dev/null || { echo "make bench needs wrk (Debian: apt-get install wrk)"; exit 1; }
	$(PY) bench/run.py $(BENCH_ARGS)

## make bench-cluster: the cluster's throughput with one and two web nodes, a node killed and a
## rolling restart under load (bench/cluster.py; DATABASE_URL at a PostgreSQL server, haproxy, wrk).
bench-cluster: install
	$(PY) -m bench.cluster

## make backup: the database (pg_dump of DATABASE_URL, or a copy of the SQLite file) and the media
## files into backups/<UTC time>/ (BACKUP_DIR=... puts it elsewhere), with manifest.json: the
## SHA-256 and size of every file, the rows of every table, the migrations and the git commit.
backup: install
	$(PY) manage.py backup

## make restore BACKUP=backups/<time>: checks every file's SHA-256 first, then rebuilds
## DATABASE_URL's database and MEDIA_ROOT from it (both must be empty: RESTORE_ARGS=--replace
## drops and replaces what is there) and compares the rows of every table with the manifest.
restore: install
	@test -n "$(BACKUP)" || { echo "make restore needs BACKUP=<a backup folder>"; exit 1; }
	$(PY) manage.py restore "$(BACKUP)" $(RESTORE_ARGS)

worker: install
	$(VENV)/bin/celery -A abramos worker -Q default,mail,render --loglevel INFO

beat: install
	$(VENV)/bin/celery -A abramos beat --loglevel INFO

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
