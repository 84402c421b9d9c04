# Two commands for a fresh machine (see README): `make run` and `make test`.
PY := .venv/bin/python
DB := var/directory.db

.PHONY: setup run test check lint

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(DB): .venv/.installed $(shell find directory -type f 2>/dev/null)
	mkdir -p var
	$(PY) -m bot directory build directory --output $(DB)

setup: .venv/.installed $(DB)

run: setup
	$(PY) -m bot ask "ou je peu me doucher vers barbes"

test: setup
	$(PY) -m ruff check bot tests
	$(PY) -m pytest -q

check: .venv/.installed
	$(PY) -m bot directory check directory
