# Kabar: `make run` ingests the bundled example dumps; `make test` runs the suite.
# Both create .venv and install the pinned dependencies first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KABAR  := $(VENV)/bin/kabar
DB     ?= kabar.duckdb
STAMP  := $(VENV)/.installed

CORPUS ?= eval/corpus

.PHONY: setup run test mutate eval bench lint lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Kabar needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

run: $(STAMP)
	$(KABAR) ingest examples/dumps --db $(DB)
	$(KABAR) report weekly --db $(DB)

test: $(STAMP)
	$(PY) -m pytest

# Mutation testing (mutmut, configured in pyproject.toml): mention matching, story placement,
# the readers and the store's load are changed one mutant at a time, and the fast tests that
# cover them run against each; the survivors are listed. Marts are SQL: tests/test_marts.py.
mutate: $(STAMP)
	$(VENV)/bin/mutmut run --max-children 2
	$(VENV)/bin/mutmut results

# Extraction quality beside plain trafilatura (CORPUS=../shared/devpages for real pages),
# then deduplication quality on the generated labelled set.
eval: $(STAMP)
	$(KABAR) eval $(CORPUS)
	$(PY) -m tasks.evaluate.dedup

# Benchmarks; results go to benchmarks/results/. Sizes: make bench BENCH_PAGES=2000 ...
BENCH_PAGES    ?= 20000
BENCH_ARTICLES ?= 1000000
BENCH_MENTIONS ?= 5000000
bench: $(STAMP)
	$(PY) -m benchmarks.dedup_scale --out benchmarks/results/dedup_scale.json
	$(PY) -m benchmarks.marts_bench --articles $(BENCH_ARTICLES) --mentions $(BENCH_MENTIONS) \
		--out benchmarks/results/marts.json
	$(PY) -m benchmarks.ingest_bench --pages $(BENCH_PAGES) --out benchmarks/results/ingest.json

lint: $(STAMP)
	$(VENV)/bin/ruff check flows tasks tests
	$(VENV)/bin/ruff format --check flows tasks tests

# Re-resolve the pinned set after changing pyproject.toml.
lock:
	rm -rf /tmp/kabar-lock && $(PYTHON) -m venv /tmp/kabar-lock
	/tmp/kabar-lock/bin/pip install --quiet --disable-pip-version-check '.[test]'
	/tmp/kabar-lock/bin/pip freeze --exclude kabar > requirements.lock

clean:
	rm -rf $(VENV) $(DB) $(DB).wal mutants
