# Kabar: `make run` ingests the bundled example dumps; `make test` runs the suite.
# Both create .venv and install the pinned dependencies first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KABAR  := $(VENV)/bin/kabar
DB     ?= kabar.duckdb
STAMP  := $(VENV)/.installed

CORPUS ?= eval/corpus
# Hand-counted real pages for `make eval`'s mention scores, used when present beside the repository.
MENTIONS_GOLD ?= ../shared/mentions-dev/gold.jsonl

.PHONY: setup run test mutate eval page-type-model bench lint lock clean

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
# then deduplication quality on the generated labelled set, then mention counting on the
# project's labelled examples (names, and references by office) and on MENTIONS_GOLD.
eval: $(STAMP)
	$(KABAR) eval $(CORPUS)
	$(PY) -m tasks.evaluate.dedup
	$(KABAR) eval --mentions eval/mentions/examples.jsonl --mentions eval/mentions/offices.jsonl --mentions eval/mentions/blind.jsonl --mentions eval/mentions/blind2.jsonl --mentions eval/mentions/blind3.jsonl --mentions eval/mentions/blind4.jsonl --mentions eval/mentions/blind5.jsonl --mentions eval/mentions/blind6.jsonl --mentions eval/mentions/blind7.jsonl --mentions eval/mentions/blind8.jsonl --mentions eval/mentions/blind9.jsonl \
		$(if $(wildcard $(MENTIONS_GOLD)),--mentions $(MENTIONS_GOLD))

# Refit the page-type model (article or listing) on the tune half of the development corpora;
# writes tasks/extract/html/page_type_model.json and prints both halves' figures.
DEV_CORPORA ?= ../shared/wcxb-dev ../shared/devpages
page-type-model: $(STAMP)
	$(PY) -m tasks.evaluate.page_type $(DEV_CORPORA)

# Benchmarks; results go to benchmarks/results/. Sizes: make bench BENCH_PAGES=2000 ...
BENCH_PAGES    ?= 20000
BENCH_ARTICLES ?= 1000000
BENCH_MENTIONS ?= 5000000
BENCH_RECORDS  ?= 20000
# Real pages for the ingest benchmark against plain trafilatura (at least 1,000, read at run time).
BENCH_CORPORA  ?= ../shared/wcxb-dev ../shared/devpages
bench: $(STAMP)
	$(PY) -m benchmarks.dedup_scale --out benchmarks/results/dedup_scale.json
	$(PY) -m benchmarks.marts_bench --articles $(BENCH_ARTICLES) --mentions $(BENCH_MENTIONS) \
		--out benchmarks/results/marts.json
	$(PY) -m benchmarks.ingest_bench --pages $(BENCH_PAGES) --out benchmarks/results/ingest.json
	$(PY) -m benchmarks.extracted_bench --records $(BENCH_RECORDS) \
		--out benchmarks/results/extracted.json
	$(PY) -m benchmarks.mentions_bench --out benchmarks/results/mentions.json
	$(PY) -m benchmarks.real_pages $(foreach corpus,$(BENCH_CORPORA),--corpus $(corpus)) \
		--out benchmarks/results/ingest_real.json

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
