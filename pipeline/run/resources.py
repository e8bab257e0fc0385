"""Dagster resources: the settings, the warehouse, the input folder and the extractor, all made
from one `Settings` by `resources_for` (the code location passes the environment's, `newsclaims
run` its own, flags included).

    resources = resources_for(Settings.from_env())
    resources["warehouse"].work_path, resources["settings"].get().report_dir
    job.execute_in_process(run_config={"resources": resource_config(cfg)})  # a run's own
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
import duckdb
from pydantic import Field

from pipeline.common.settings import Settings, default
from pipeline.lake.config import LakeConfig, lake_config, lake_environment
from pipeline.warehouse.connection import publish, work_path_for

if TYPE_CHECKING:
    from pipeline.extract import Extractor


class SettingsResource(dg.ConfigurableResource):
    """The run's settings, as the variables that build them (so a launched run records them)."""

    environment: dict[str, str] = Field(
        default_factory=dict, description="NEWSCLAIMS_* variables; unset ones take defaults."
    )

    @classmethod
    def of(cls, cfg: Settings) -> SettingsResource:
        """The resource holding `cfg` (`SettingsResource.of(cfg).get() == cfg`)."""
        return cls(environment=cfg.as_environment())

    def get(self) -> Settings:
        return Settings.from_env(self.environment)


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse: a private work file the pipeline writes, and the published copy."""

    path: str = Field(description="Published warehouse file that users query.")
    work_db: str = Field(default="", description="Work database (empty: .build/ beside it).")
    lock_timeout_s: float = Field(
        default_factory=lambda: default("lock_timeout_s"),
        description="How long to wait for a lock (NEWSCLAIMS_LOCK_TIMEOUT_S).",
    )
    lake_environment: dict[str, str] = Field(
        default_factory=dict, description="Lake mode's NEWSCLAIMS_LAKE* variables (empty: none)."
    )

    @property
    def lake(self) -> LakeConfig | None:
        """The lake in lake mode (its S3 keys from this process's environment), else None."""
        if not self.lake_environment:
            return None
        return lake_config(Settings.from_env(self.lake_environment))

    @property
    def published_path(self) -> Path:
        return Path(self.path)

    @property
    def work_path(self) -> Path:
        return work_path_for(self.published_path, Path(self.work_db) if self.work_db else None)

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the work database, closed (and its lock released) on exit; in lake
        mode (NEWSCLAIMS_LAKE) a connection whose current database is the lake."""
        from pipeline.lake.access import pipeline_connection

        with pipeline_connection(self.work_path, read_only, self.lock_timeout_s, self.lake) as con:
            yield con

    def publish(self) -> float:
        """Copy the work database onto the published file atomically; returns seconds."""
        return publish(self.work_path, self.published_path, timeout_s=self.lock_timeout_s)


class ArticleSourceResource(dg.ConfigurableResource):
    """Where articles come from and how big a file may be."""

    seeds_dir: str = Field(description="Folder scanned for article files.")
    max_file_bytes: int = Field(
        default_factory=lambda: default("max_file_bytes"), description="Larger: quarantined."
    )
    max_article_chars: int = Field(
        default_factory=lambda: default("max_article_chars"),
        description="Longer articles are quarantined `too_long` (the parser's limit).",
    )

    @property
    def folder(self) -> Path:
        return Path(self.seeds_dir)


class ExtractorResource(dg.ConfigurableResource):
    """The spaCy claim extractor; the pipeline is loaded once per process and reused."""

    model: str = Field(default_factory=lambda: default("spacy_model"), description="spaCy model.")
    n_process: int = Field(
        default=0, description="Processes for nlp.pipe (0: the extractor's default)."
    )
    batch_size: int = Field(default=0, description="Texts per nlp.pipe batch (0: the default).")
    decision_model: str = Field(default="", description="NEWSCLAIMS_DECISION_MODEL.")
    analysis_model: str = Field(default="", description="NEWSCLAIMS_ANALYSIS_MODEL.")
    encoder: str = Field(default="", description="NEWSCLAIMS_ENCODER.")
    tagger: str = Field(default="", description="NEWSCLAIMS_TAGGER.")
    encoder_threads: int = Field(default=0, description="NEWSCLAIMS_ENCODER_THREADS (0: default).")

    def get_extractor(self) -> Extractor:
        models = (self.decision_model, self.analysis_model, self.encoder, self.tagger)
        sizes = (self.n_process, self.batch_size, self.encoder_threads)
        return _cached_extractor(self.model, models, sizes)


@lru_cache(maxsize=4)
def _cached_extractor(
    model: str, models: tuple[str, str, str, str], sizes: tuple[int, int, int]
) -> Extractor:
    """The extractor of `model`, the decision, analysis, encoder and tagger choices `models`, the
    process, batch and encoder thread counts `sizes` (0: the extractor's default)."""
    from pipeline.extract import Extractor

    decision, analysis, encoder, tagger = models
    options = dict(zip(("n_process", "batch_size", "encoder_threads"), sizes, strict=True))
    sized = {k: v for k, v in options.items() if v > 0}
    return Extractor(
        model=model,
        decision_model=decision,
        analysis_model=analysis,
        encoder=encoder,
        tagger=tagger,
        **sized,
    )


def resources_for(cfg: Settings) -> dict[str, dg.ConfigurableResource]:
    """Every resource but dbt's (`defs/resources.py` adds it), made from `cfg`."""
    return {
        "settings": SettingsResource.of(cfg),
        "warehouse": WarehouseResource(
            path=str(cfg.warehouse_path),
            work_db=str(cfg.work_db or ""),
            lock_timeout_s=cfg.lock_timeout_s,
            lake_environment=lake_environment(cfg),
        ),
        "article_source": ArticleSourceResource(
            seeds_dir=str(cfg.seeds_dir),
            max_file_bytes=cfg.max_file_bytes,
            max_article_chars=cfg.max_article_chars,
        ),
        "extractor": ExtractorResource(
            model=cfg.spacy_model,
            n_process=cfg.n_process,
            batch_size=cfg.batch_size,
            decision_model=cfg.decision_model,
            analysis_model=cfg.analysis_model,
            encoder=cfg.encoder,
            tagger=cfg.tagger,
            encoder_threads=cfg.encoder_threads,
        ),
    }


def resource_config(cfg: Settings) -> dict[str, dict]:
    """`resources_for(cfg)` as the run config's `resources` section: how `newsclaims run`
    hands a run its own settings (flags included) in place of the code location's, also for
    a subset of the assets (whose resources Dagster will not let a caller replace)."""
    return {name: {"config": res.model_dump()} for name, res in resources_for(cfg).items()}
