# Two commands for a fresh machine: `make demo` and `make test`. Both create .venv and install
# exactly the locked versions (every file checked against its sha256) before doing their job.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= out/demo.db

.PHONY: install demo test lint lock clean

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

## demo: build the bundled demo corpus, print its report, write out/demo.html
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/chronique build samples --db $(DEMO_DB)
	$(BIN)/chronique report --db $(DEMO_DB) --html out/demo.html
	$(BIN)/chronique timeline --db $(DEMO_DB) --dates 12 --per-date 1
	$(BIN)/chronique timeline --db $(DEMO_DB) --format html --output out/demo-timeline.html
	@echo "chronology page: out/demo-timeline.html"

## test: lint, type-check and run the whole test suite
test: install lint
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check chronique tests benchmarks
	$(BIN)/mypy

## lock: re-resolve requirements*.in into the hashed lock files (needs uv)
lock:
	uv pip compile --python-version 3.11 --generate-hashes requirements.in -o requirements.lock
	uv pip compile --python-version 3.11 --generate-hashes requirements-dev.in -o requirements-dev.lock

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
