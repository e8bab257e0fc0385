"""A lake-mode cluster on loopback for the lake tests: PostgreSQL catalog, Redis broker,
dagster-daemon and two Celery workers (pipeline/scaleout/cluster.py), on seeds/ plus the test
fixture articles (the same articles as the `pipeline_run` fixture). Skipped, naming what is
missing, where Debian's postgresql or redis-server is not installed, before the embedded run
they are compared with is built. Marked `lake`: `make test-lake` runs them, `make test` not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import FIXTURE_ARTICLES, ROOT, SEEDS


def need_services(*needed: str) -> None:
    """Skip unless the named services' binaries (default: postgresql and redis-server) exist."""
    from pipeline.scaleout.services import missing_binaries

    missing = [name for name in missing_binaries() if not needed or name in needed]
    if missing:
        pytest.skip(f"lake tests need {' and '.join(missing)} (Debian packages) on this machine")


@pytest.hookimpl(tryfirst=True)  # before `-m "not lake"` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/lake/ is a `lake` test (quick lake tests live in tests/)."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.lake)


@pytest.fixture(scope="session")
def lake_services() -> None:
    """Skips before anything is built where PostgreSQL or Redis is missing."""
    need_services()


def lake_folder() -> Path:
    """A folder the postgres user can reach (pytest's own tmp folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="newsclaims-lake-"))
    folder.chmod(0o711)
    return folder


@pytest.fixture
def lake_tmp() -> Path:
    """A `lake_folder()` removed after the test."""
    folder = lake_folder()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@dataclass
class LakeRun:
    """The cluster's folder and environment, and what `python -m pipeline.scaleout.demo` printed."""

    folder: Path
    env: dict[str, str]
    seeds: Path
    summary: str

    def config(self):
        from pipeline.lake.config import LakeConfig

        return LakeConfig(self.env["NEWSCLAIMS_LAKE"], self.env["NEWSCLAIMS_LAKE_DATA"] + "/")

    def query(self, sql: str) -> list[tuple]:
        from pipeline.lake.connect import lake_connection

        with lake_connection(self.config(), read_only=True) as con:
            return con.execute(sql).fetchall()

    def run_env(self) -> dict[str, str]:
        return {**os.environ, **self.env, "NEWSCLAIMS_SEEDS": str(self.seeds)}


def run_demo(lake: LakeRun, workers: int = 2) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "pipeline.scaleout.demo", "--workers", str(workers)]
    args += ["--folder", str(lake.folder)]
    return subprocess.run(
        args, env=lake.run_env(), cwd=ROOT, capture_output=True, text=True, timeout=1800
    )


@pytest.fixture(scope="session")
def lake_run(lake_services, pipeline_run) -> LakeRun:
    """The fixture articles through lake mode with 2 workers (depends on `pipeline_run` so both
    share one xdist worker: the embedded run is what the lake is compared with)."""
    from pipeline.scaleout import cluster

    folder = lake_folder()
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    for path in FIXTURE_ARTICLES.iterdir():
        shutil.copy(path, seeds / path.name)
    saved = dict(os.environ)
    try:
        env = cluster.up(folder, workers=2)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    lake = LakeRun(folder, env, seeds, "")
    out = run_demo(lake)
    assert out.returncode == 0, (out.stdout + out.stderr)[-3000:]
    lake.summary = out.stdout.strip()
    yield lake
    cluster.down(folder, quiet=True)
    shutil.rmtree(folder, ignore_errors=True)
