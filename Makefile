# crimeplan — run `make help` for the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: help setup demo serve test test-fast lint pytest bench bench-load clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

$(BIN)/crimeplan: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --compile-bytecode --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static_build/.built: node_modules/.installed frontend/build.mjs $(wildcard frontend/scss/*.scss)
	npm run --silent build
	@touch $@

setup: $(BIN)/crimeplan static_build/.built ## install Python and npm dependencies and build the front end (idempotent)
	@# crimeplan's own bytecode: uv compiles the dependencies only, and PYTHONDONTWRITEBYTECODE would
	@# otherwise make every command compile crimeplan's modules again (docs/benchmarks.md, start-up)
	@$(BIN)/python -m compileall -q crimeplan > /dev/null

demo: setup ## set up, load the shipped Lancashire data into SQLite, create a demo user and serve on http://127.0.0.1:8000
	CRIMEPLAN_DEBUG=1 $(BIN)/crimeplan migrate --no-input -v 0
	CRIMEPLAN_DEBUG=1 $(BIN)/crimeplan demo load
	@echo "Serving crimeplan on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	CRIMEPLAN_DEBUG=1 $(BIN)/crimeplan runserver $(HOST):$(PORT)

serve: setup ## production server (gunicorn, debug off) on HOST:PORT after migrate and collectstatic; needs CRIMEPLAN_SECRET_KEY (docs/deploy.md)
	@if [ -z "$$CRIMEPLAN_SECRET_KEY" ]; then echo "Set CRIMEPLAN_SECRET_KEY (see docs/deploy.md)"; exit 1; fi
	env -u CRIMEPLAN_DEBUG $(BIN)/crimeplan migrate --no-input -v 0
	env -u CRIMEPLAN_DEBUG $(BIN)/crimeplan collectstatic --no-input -v 0
	@echo "Serving crimeplan (production settings) on http://$(HOST):$(PORT)/"
	env -u CRIMEPLAN_DEBUG HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn -c python:crimeplan.gunicorn_conf

test: setup ## the whole suite: lint, type checks, import contract, then pytest (honours DATABASE_URL)
	@if [ "$(SKIP_LINT)" != "1" ]; then $(MAKE) --no-print-directory lint; fi
	$(MAKE) --no-print-directory pytest

test-fast: setup ## the quick loop: pytest without browser or slow tests (no demo load), on two processes
	$(BIN)/pytest -n 2 -m "not browser and not slow" -q

lint: setup ## ruff, ruff format, mypy and the import-linter contract
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy crimeplan tests bench

pytest: setup
	$(BIN)/pytest $(PYTEST_ARGS)

bench: setup ## benchmarks, each against its baseline measured in the same run (shipped data/; the shared pack widens it)
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.dashboard
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.aggregates
	$(BIN)/python -m bench.hotspots
	$(BIN)/python -m bench.hotspots_methods
	$(BIN)/python -m bench.grants
	$(BIN)/python -m bench.cases
	$(BIN)/python -m bench.calibration
	$(BIN)/python -m bench.network
	$(BIN)/python -m bench.stats19
	$(BIN)/python -m bench.alerts
	$(BIN)/python -m bench.network_sampled
	$(BIN)/python -m bench.import_memory

HOTSPOT_DIR ?= var/hotspot-evaluation
PACK := ../shared/data
hotspot-evaluation: setup ## the hotspot evaluation protocol on the shared pack, as in docs/analytics/hotspot-evaluation.md
	mkdir -p $(HOTSPOT_DIR)
	export CRIMEPLAN_DATA_DIR=$(HOTSPOT_DIR) CRIMEPLAN_DEBUG=1; \
	nice -n 10 $(BIN)/crimeplan migrate -v0 && \
	nice -n 10 $(BIN)/crimeplan geography load $(PACK)/lsoa_reference/lsoa11_ward19_lad19_lookup_EW.csv.gz \
	  $(PACK)/lsoa_reference/lad19_csp19_pfa19_lookup_EW.csv $(PACK)/lsoa_reference/pfa19_names_codes_UK.csv \
	  $(PACK)/boundaries/lancashire_lsoa11.geojson $(PACK)/imd/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz \
	  $(PACK)/population/population_mid2020_sya_by_lsoa11_EW.csv.gz $(PACK)/lsoa_reference/lsoa_centroids_latlong_UK.csv.gz && \
	nice -n 10 $(BIN)/crimeplan import police $(PACK)/crime/lancashire $(PACK)/crime/leicestershire && \
	nice -n 10 $(BIN)/crimeplan hotspots protocol --development-months 2021-11:2022-02 \
	  --evaluation-months 2022-03:2022-07 --out docs/analytics/evaluation-output/protocol --write-defaults --save

bench-load: setup ## load test: 50 users for 60 s against `make serve` on PostgreSQL (DATABASE_URL, a scratch database)
	$(BIN)/python -m bench.load

clean: ## remove the environment, node_modules, built assets and var/
	rm -rf $(VENV) node_modules static_build var
