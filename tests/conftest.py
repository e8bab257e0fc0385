"""Shared fixtures: the seed article, the shared corpora (optional) and temp warehouses."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_a81c1ecdc2e2b03d.txt"
SHARED = Path(os.environ.get("NEWSCLAIMS_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the shared material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared material not available: {path}")
    return path


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A fresh copy of seeds/ the test may modify."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def warehouse_env(tmp_path: Path, seed_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NEWSCLAIMS_WAREHOUSE/SEEDS at temp locations; returns the published path."""
    published = tmp_path / "warehouse" / "newsclaims.duckdb"
    monkeypatch.setenv("NEWSCLAIMS_WAREHOUSE", str(published))
    monkeypatch.setenv("NEWSCLAIMS_SEEDS", str(seed_dir))
    monkeypatch.delenv("NEWSCLAIMS_WORK_DB", raising=False)
    return published
