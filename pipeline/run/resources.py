"""Dagster resources: the warehouse, the input folder and the extractor, configured from env."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
import duckdb
from pydantic import Field

from pipeline.common import settings
from pipeline.warehouse.connection import connection, publish, work_path_for

if TYPE_CHECKING:
    from pipeline.extract import Extractor


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse: a private work file the pipeline writes, and the published copy."""

    path: str = Field(description="Published warehouse file that users query.")
    lock_timeout_s: float = Field(
        default_factory=settings.lock_timeout_s,
        description="How long to wait for a lock (NEWSCLAIMS_LOCK_TIMEOUT_S).",
    )

    @property
    def published_path(self) -> Path:
        return Path(self.path)

    @property
    def work_path(self) -> Path:
        return work_path_for(self.published_path)

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the work database, closed (and its lock released) on exit."""
        with connection(self.work_path, read_only=read_only, timeout_s=self.lock_timeout_s) as con:
            yield con

    def publish(self) -> float:
        """Copy the work database onto the published file atomically; returns seconds."""
        return publish(self.work_path, self.published_path, timeout_s=self.lock_timeout_s)


class ArticleSourceResource(dg.ConfigurableResource):
    """Where articles come from and how big a file may be."""

    seeds_dir: str = Field(description="Folder scanned for article files.")
    max_file_bytes: int = Field(
        default_factory=settings.max_file_bytes, description="Larger files are quarantined."
    )
    max_article_chars: int = Field(
        default_factory=settings.max_article_chars,
        description="Longer articles are quarantined `too_long` (the parser's limit).",
    )

    @property
    def folder(self) -> Path:
        return Path(self.seeds_dir)


class ExtractorResource(dg.ConfigurableResource):
    """The spaCy claim extractor; the pipeline is loaded once per process and reused."""

    model: str = Field(default=settings.DEFAULT_MODEL, description="spaCy pipeline name or path.")
    n_process: int = Field(
        default=0, description="Processes for nlp.pipe (0: the extractor's default)."
    )
    batch_size: int = Field(default=0, description="Texts per nlp.pipe batch (0: the default).")

    def get_extractor(self) -> Extractor:
        return _cached_extractor(self.model, self.n_process, self.batch_size)


@lru_cache(maxsize=4)
def _cached_extractor(model: str, n_process: int, batch_size: int) -> Extractor:
    from pipeline.extract import Extractor

    options = {"n_process": n_process, "batch_size": batch_size}
    return Extractor(model=model, **{k: v for k, v in options.items() if v > 0})
