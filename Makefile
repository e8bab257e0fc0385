# newsclaims: `make run` builds the warehouse from seeds/, `make test` runs the suite.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export UV_FROZEN := 1

.PHONY: install run test ui bench evaluate lint dbt-parse docs clean

install: .venv/.installed $(DAGSTER_HOME)/dagster.yaml

.venv/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen
	@touch $@

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

dbt_project/target/manifest.json: install $(shell find dbt_project -name '*.sql' -o -name '*.yml' -o -name '*.csv' 2>/dev/null | grep -v target/)
	@if [ -f dbt_project/dbt_project.yml ]; then cd dbt_project && $(UV) run dbt parse --quiet --profiles-dir . ; fi

dbt-parse: dbt_project/target/manifest.json

run: install dbt-parse
	$(UV) run newsclaims run

# pytest exits 5 when it collects no tests: that is a broken suite, not a pass.
test: install dbt-parse
	@$(UV) run pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; \
	exit $$status

ui: install dbt-parse
	$(UV) run dg dev

bench: install
	$(UV) run python -m pipeline.evaluation.bench

evaluate: install
	$(UV) run newsclaims evaluate --gold ../shared/corpora/polnear/dev/gold.jsonl

docs: install dbt-parse
	cd dbt_project && $(UV) run dbt docs generate --profiles-dir .
	@echo "dbt docs:     dbt_project/target/index.html  (serve: cd dbt_project && uv run dbt docs serve --profiles-dir .)"
	@echo "GX Data Docs: warehouse/data_docs/index.html (written by every run)"

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .

clean:
	rm -rf warehouse .dagster_home dbt_project/target dbt_project/logs .pytest_cache
