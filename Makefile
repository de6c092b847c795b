# Every routine task is one command. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install.stamp
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; production sets DJANGO_DEBUG=0 and a real DJANGO_SECRET_KEY.
export DJANGO_DEBUG ?= 1

CHROMIUM ?= /usr/bin/chromium

.PHONY: install run test lint db bench bench-million clean browser converters

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required (Python 3.11)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

db: install
	$(BIN)/python manage.py ensure_database

run: db
	@$(MAKE) --no-print-directory converters || echo "Without LibreOffice, .doc and .wps files cannot be imported; everything else works."
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py ingest samples/
	$(BIN)/python manage.py ensure_admin
	@echo "Serving on http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# The end-to-end tests drive Debian's chromium package (Playwright never downloads a browser),
# with a CJK font so that screenshots show Chinese rather than empty boxes; unicode-data holds
# the table the radical folding is checked against.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
UNICODE_DATA := /usr/share/unicode/EquivalentUnifiedIdeograph.txt
browser:
	@test -x $(CHROMIUM) -a -f $(CJK_FONT) -a -f $(UNICODE_DATA) || { \
	  command -v apt-get >/dev/null || { echo "Install Chromium at $(CHROMIUM) and a CJK font for the end-to-end tests."; exit 1; }; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk unicode-data >/dev/null; }
	@test -x $(CHROMIUM)

# Legacy Word (.doc) and WPS (.wps) files are read through LibreOffice, from Debian's packages.
converters:
	@command -v soffice >/dev/null || { \
	  command -v apt-get >/dev/null || { echo "Install LibreOffice (soffice) to import .doc and .wps files."; exit 1; }; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null; }
	@command -v soffice >/dev/null

test: db lint browser converters
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

bench: db
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/limits.py
	$(BIN)/python bench/formats.py
	$(BIN)/python bench/search.py

# The million: generated once into its own scratch database (about 50 minutes on 2 cores), then
# searched; icontains is left out (a minute or more per query).
bench-million: db
	$(BIN)/python bench/search.py --size 1000000 --database archive_bench_1m --runs 3 --icontains-runs 0

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
