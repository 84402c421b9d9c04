# Two commands for a fresh machine (see README): `make run` and `make test`.
PY := .venv/bin/python
DB := var/directory.db

.PHONY: setup run test check catalogs browser postgres

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(DB): .venv/.installed $(shell find directory bot/directory -type f -not -name "*.pyc" 2>/dev/null)
	mkdir -p var
	$(PY) -m bot directory build directory --output $(DB)

MO := $(patsubst %.po,%.mo,$(wildcard bot/locale/*/LC_MESSAGES/messages.po))

%.mo: %.po .venv/.installed
	$(PY) -m babel.messages.frontend compile -i $< -o $@

setup: .venv/.installed $(MO) $(DB)

# With TELEGRAM_BOT_TOKEN set: the Telegram bot. Without: the web chat on http://127.0.0.1:8080/
run: setup
	$(PY) -m bot run

# The browser tests drive Debian's chromium and chromedriver, and check every page with
# axe-core (from npm, pinned; nothing is downloaded by the tests themselves).
AXE := var/npm/node_modules/axe-core/axe.min.js

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }

# The shared-state tests run a real PostgreSQL server (Debian's package; tests/postgres_server.py).
postgres:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql; }

$(AXE):
	@command -v npm >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -qq npm; }
	npm install --silent --no-audit --no-fund --prefix var/npm axe-core@4.11.0

test: setup browser postgres $(AXE)
	$(PY) -m ruff check bot tests bench
	$(PY) -m pytest -q

check: .venv/.installed
	$(PY) -m bot directory check directory

# Interface strings: extract from the code, merge into every language's catalog.
catalogs: .venv/.installed
	$(PY) -m babel.messages.frontend extract -F babel.cfg -k _ -k N_ -k n_:1,2 --no-location -o bot/locale/messages.pot .
	$(PY) -m babel.messages.frontend update -i bot/locale/messages.pot -d bot/locale --no-fuzzy-matching
