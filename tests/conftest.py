"""Shared fixtures: the seed article, the shared corpora (optional) and temp warehouses."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.common.settings import current

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_a81c1ecdc2e2b03d.txt"
SHARED = current().shared_dir  # NEWSCLAIMS_SHARED, else ../shared


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


def sensor_context(**kwargs):
    """A sensor's context whose settings resource holds the environment's settings now (what
    the code location would read), e.g. after `warehouse_env` or a monkeypatched variable."""
    import dagster as dg

    from pipeline.run.resources import SettingsResource

    resources = {"settings": SettingsResource.of(current())}
    return dg.build_sensor_context(resources=resources, **kwargs)


FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles"
_SHARED_BUILDS = ("pipeline_run", "clean_db")  # session fixtures built once, on one worker


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook turns the marks into groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `make test` (pytest-xdist, --dist loadgroup) the tests that read one session-wide
    build share a worker, so it is built once: the pipeline run, and the quality suites' clean
    warehouse (`tests/quality/conftest.py`). xdist hands the work out in this order (the
    Makefile turns off its reordering): slow tests of their own, then the groups, then the
    rest, so no long test starts last on one worker while the other has nothing left to do."""

    def group(item: pytest.Item) -> str | None:
        fixtures = getattr(item, "fixturenames", ())
        return next((name for name in _SHARED_BUILDS if name in fixtures), None)

    def rank(item: pytest.Item) -> int:
        if group(item):
            return 1 + _SHARED_BUILDS.index(group(item))
        return 0 if item.get_closest_marker("slow") else len(_SHARED_BUILDS) + 1

    items.sort(key=rank)
    for item in items:
        if group(item):
            item.add_marker(pytest.mark.xdist_group(group(item)))


@pytest.fixture(scope="session", autouse=True)
def dbt_manifest() -> Path:
    """The dbt manifest, parsed once when a project file changed (as the code location does)."""
    from pipeline.common.paths import DBT_PROJECT_DIR
    from pipeline.common.settings import Settings
    from pipeline.dbt_build.builds import ensure_manifest
    from pipeline.warehouse.connection import work_path_for

    cfg = Settings.from_env()
    work = work_path_for(cfg.warehouse_path, cfg.work_db)
    return ensure_manifest(DBT_PROJECT_DIR, work, cfg.dbt_executable)


@dataclass
class PipelineRun:
    """A whole pipeline run on seeds/ plus the test fixture articles, in a temp folder."""

    published: Path
    work: Path
    seeds: Path
    result: object
    instance: object

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        import duckdb

        with duckdb.connect(str(self.published), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Path) -> PipelineRun:
    """Materialise every asset (ingest, extract, dbt build, checks, publish) once per session."""
    import dagster as dg

    from pipeline.common.settings import Settings
    from pipeline.run.execute import run_pipeline
    from pipeline.warehouse.connection import work_path_for

    base = tmp_path_factory.mktemp("pipeline")
    seeds = base / "seeds"
    shutil.copytree(SEEDS, seeds)
    for path in FIXTURE_ARTICLES.iterdir():
        shutil.copy(path, seeds / path.name)
    published = base / "warehouse" / "newsclaims.duckdb"
    cfg = Settings.from_env().replace(warehouse_path=published, seeds_dir=seeds, work_db=None)
    instance = dg.DagsterInstance.ephemeral()
    result = run_pipeline(cfg, instance=instance)
    return PipelineRun(published, work_path_for(published), seeds, result, instance)
