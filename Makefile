# The project's public interface: site, test, serve, screenshots, inspect, bench, bench-linearity, bench-search, bench-import.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve screenshots inspect bench bench-linearity bench-search bench-import clean
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

# The preview at http://127.0.0.1:8000/, rebuilt on every save; its messages in Chinese.
serve: $(STAMP)
	$(BIN)/gongkai serve

# The national website inspection (国办秘函〔2019〕19号), self-checked on the catalogue before publishing:
# writes inspection/report.html and report.json beside mkdocs.yml; exits 1 when a veto (单项否决) is found.
# TODAY=YYYY-MM-DD inspects as of that day; PROJECT_DIR=path inspects another project.
PROJECT_DIR ?= .
inspect: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/gongkai inspect --project $(PROJECT_DIR) $(if $(TODAY),--today $(TODAY))

# Every kind of page of the example site at 1366 and 390 px, normal and 适老化, as PNG files in
# screenshots/ (not committed), with an index.html showing them side by side.
screenshots: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python tools/screenshots.py screenshots

# Build speed at scale: N synthetic entries built with the project and with bare Material, then one
# edit under `mkdocs serve`, and `gongkai inspect` on them; prints one JSON line.
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

# Migration at scale: ROWS rows of a catalogue export (XLSX) imported into a copy of the example project with
# `gongkai import table`, then imported again (which must change nothing); prints one JSON line.
ROWS ?= 10000
bench-import: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python benchmarks/importing.py $(ROWS)

clean:
	rm -rf site .site-new .site-old .venv build-report.json screenshots inspection
