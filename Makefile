# The project's public interface: site, test, serve, bench, bench-linearity, bench-search.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve bench bench-linearity bench-search clean
N ?= 10000

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Build the site strictly into a temporary folder, then swap it in: a failed build leaves site/ as it was.
site: $(STAMP)
	$(BIN)/gongkai build --strict

# Quality gate (lint, types, the layers' import contracts) first, then the test suite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

# Build speed at scale: N synthetic entries built with the project and with bare Material, then one
# edit under `mkdocs serve`; prints one JSON line.
bench: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/build.py $(N)

# Linear growth: the project's build time per entry at each of SIZES, in alternating rounds; one JSON line.
SIZES ?= 2500 10000
bench-linearity: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/linearity.py $(SIZES)

# Search at scale: N synthetic entries with the example site mixed in, searched in headless Chromium
# (the judged natural queries, known answers, recall, bytes and time); one JSON line. AGAINST=REF
# measures REF's tree too, in alternating rounds (ROUNDS, 2), a line each.
ROUNDS ?= 2
bench-search: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/search.py $(N) $(if $(AGAINST),--against $(AGAINST) --rounds $(ROUNDS))

clean:
	rm -rf site .site-new .site-old .venv build-report.json
