# algoinventaris — `make run` starts the app, `make test` runs every test. Both set up .venv first.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint venv clean check-python dist dist-check

run: $(STAMP)
	$(BIN)/algoinventaris

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check algoinventaris tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python tools/check_docstrings.py

venv: $(STAMP)

check-python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11, python3.12 or python3.13 on PATH)"; exit 1; }

$(STAMP): pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

dist: $(STAMP)
	$(BIN)/python -m pip install --quiet "pyinstaller>=6.5"
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec
	@echo "built dist/algoinventaris ($$(du -sh dist/algoinventaris | cut -f1))"

# Build the one-dir app and run its self-test offscreen (what CI does).
dist-check: dist
	QT_QPA_PLATFORM=offscreen ALGOINVENTARIS_DATA_DIR=$$(mktemp -d) dist/algoinventaris/algoinventaris --self-test
	@echo "dist size: $$(du -sm dist/algoinventaris | cut -f1) MB (target < 200 MB)"

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
