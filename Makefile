# The README's commands. Everything a fresh machine needs is installed from here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: setup system demo test cluster-test lint bench model corpus clean

setup: system $(VENV)/.installed

# Debian packages: Tesseract with its Dutch model (OCR of scans and photos); DejaVu
# fonts, core and extra (the tests draw real scans with them; the hand-written holdout's
# renderer uses the condensed and oblique faces too); Dovecot (a real IMAP server for the
# mailbox tests; the tests start their own from a temporary config, no system service);
# Chromium (the review web app's browser tests drive Debian's build with Playwright; no
# browser is ever downloaded); docker-compose (the offline check of docker-compose.yml; no
# Docker engine is installed or run); PostgreSQL and redis-server (`make cluster-test`
# starts its own servers from their binaries under a temporary folder; the packages'
# system services are not used).
system:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx nld \
	    || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
	    || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Oblique.ttf ] \
	    || [ ! -x /usr/sbin/dovecot ] || [ ! -x /usr/bin/chromium ] \
	    || ! command -v docker-compose >/dev/null || ! command -v redis-server >/dev/null \
	    || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-nld fonts-dejavu-core fonts-dejavu-extra dovecot-imapd \
	    chromium postgresql redis-server >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    docker-compose >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml corpus/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,web,airflow,celery]' -e ./corpus
	touch $@

# The main job on sample documents: generate a labelled sample, ingest each case's
# documents into a local store (build/demo/zeef-data), and score the classification.
demo: setup
	rm -rf build/demo
	$(PY) -m zeef_corpus.demo build/demo

test: lint
	$(PY) -m pytest -q -n 2 --dist loadfile --durations=15

# The production topology as processes: PostgreSQL, Redis, SeaweedFS for S3, Airflow's
# api-server, scheduler, dag-processor and Celery workers configured from
# docker-compose.yml; zeef_intake over ~200 documents with 1 and 2 workers and with a
# worker killed (docs/deployment.md, "make cluster-test"). Its last line is JSON.
cluster-test: setup
	$(PY) -m deploy.cluster

# Style, then the layers (pyproject.toml [tool.importlinter]: domain < storage <
# classifiers < pipeline < cli; the product never imports the corpus generator).
lint: setup
	$(BIN)/ruff check zeef corpus dags tests bench deploy
	$(BIN)/lint-imports --no-cache

# Benchmarks print figures; they never fail on a slow machine.
bench: setup
	$(PY) bench/classify_bench.py
	$(PY) bench/redact_bench.py
	$(PY) bench/ocr_bench.py
	$(PY) bench/ingest_bench.py
	$(PY) bench/hostile_bench.py

# Retrain the shipped categoriser from a fresh synthetic corpus (seeds 101..103; 103 is
# scans and photos only, so the model also learns from OCR'd text).
model: setup
	rm -rf build/train
	$(BIN)/zeef corpus generate build/train/a --per-category 120 --seed 101
	$(BIN)/zeef corpus generate build/train/b --per-category 120 --seed 102
	$(BIN)/zeef corpus generate build/train/c --per-category 12 --seed 103 --formats scan,png,jpg
	$(PY) -m zeef_corpus.train build/train/a build/train/b build/train/c

# The development corpus for `zeef evaluate` (a seed never used for training).
corpus: setup
	$(BIN)/zeef corpus generate build/dev --per-category 40 --seed 1

clean:
	rm -rf build zeef-data .pytest_cache
