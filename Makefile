# The two commands: `make run` and `make test`. Everything else is a helper.
PY ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.synced
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run test test-fast lint bench schemas token rebuild redrive demo iati factsheets clean

$(UV):
	$(PY) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): $(UV) uv.lock pyproject.toml $(wildcard */pyproject.toml services/*/pyproject.toml)
	$(UV) sync --frozen --all-packages --python $(PY)
	touch $@

install: $(STAMP)

run: install  ## start PostgreSQL, the broker, every service and the gateway (Ctrl-C stops all)
	$(BIN)/python -m service_core.embedded run

test: install  ## every test, against real PostgreSQL and the real broker
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install  ## the tests that need neither PostgreSQL nor the broker: pure domain and in-memory (under 30 s)
	$(BIN)/python -m pytest -m fast -q -p no:cacheprovider contracts/tests services gateway/tests demo/tests examples $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install  ## performance ratios against raw baselines -> tests/performance/report.json (BENCH_ARGS=--full: the dashboard up to 100x too)
	$(BIN)/python -m tests.performance $(BENCH_ARGS)

schemas: install  ## regenerate contracts/schemas (schemas, revisions, index, AsyncAPI), the event catalogue and gateway/schema.graphql (ALLOW_BREAKING=1 to publish a breaking change)
	$(BIN)/python -m contracts.schemas write
	$(BIN)/python -m gateway.export_schema $(if $(ALLOW_BREAKING),--allow-breaking)

token: install  ## make token ROLE=<role> [REGION=<REGION>] [AUTHORITY=<id>] [EXPERT=<id>]
	@$(BIN)/python -m service_core.embedded token $(ROLE) $(if $(REGION),--region $(REGION)) $(if $(AUTHORITY),--authority $(AUTHORITY)) $(if $(EXPERT),--expert $(EXPERT))

demo: install  ## load the ten-year demo portfolio into a running stack (idempotent): make demo
	$(BIN)/python -m mieux_demo

iati: install  ## write the IATI 2.03 export of a running stack: make iati [OUT=iati-activities.xml] [REGION=AFRICA] [PHASE=MIEUX_II]
	$(BIN)/python -m gateway.iati --output $(or $(OUT),iati-activities.xml) $(if $(REGION),--region $(REGION)) $(if $(PHASE),--phase $(PHASE))

factsheets: install  ## write every region's and thematic area's factsheet (HTML and PDF) from a running stack: make factsheets [OUT=factsheets] [TOKEN=<bearer>]
	$(BIN)/python -m gateway.factsheets --output $(or $(OUT),factsheets) $(if $(TOKEN),--token $(TOKEN))

rebuild: install  ## rebuild one service's projections from its event store: make rebuild SERVICE=requests
	$(BIN)/python -m service_core.embedded rebuild $(SERVICE)

redrive: install  ## put one service's parked dead letters back through its handler after a fix: make redrive SERVICE=experts
	$(BIN)/python -m service_core.embedded redrive $(SERVICE)

clean:
	rm -rf $(VENV) $(TOOLS) .mieux
