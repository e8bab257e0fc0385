"""Reuse a suite's last result while the data it validates is unchanged (no GX import at all).

The fingerprint is computed by DuckDB over the suite's own query result (row count and an
order-independent hash of the rows), plus the suite files and the GX version, so any change to
the data, the suite or GX validates again.

    cache = ResultCache(Path("warehouse/.build/newsclaims.checks"))
    fingerprint = data_fingerprint(con, spec)
    result = cache.get(spec, fingerprint) or validate_suite(con, spec)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.quality.results import SuiteResult
from pipeline.quality.suites import SuiteSpec


def data_fingerprint(con: duckdb.DuckDBPyConnection, spec: SuiteSpec) -> str | None:
    """Fingerprint of what `spec` validates; None when its query fails (nothing to reuse)."""
    try:
        row = con.execute(f"SELECT count(*), bit_xor(hash(q)) FROM ({spec.query}) q").fetchone()
    except duckdb.Error:
        return None
    digest = hashlib.sha1(repr(row).encode())
    digest.update(spec.path.read_bytes())
    digest.update(spec.path.with_suffix(".sql").read_bytes())
    digest.update(importlib.metadata.version("great_expectations").encode())
    return digest.hexdigest()[:16]


@dataclass
class ResultCache:
    """One JSON file per suite in `folder`: the fingerprint and the result it produced."""

    folder: Path

    def _path(self, suite: str) -> Path:
        return Path(self.folder) / f"{suite}.json"

    def get(self, spec: SuiteSpec, fingerprint: str | None) -> SuiteResult | None:
        """The stored result when it was computed from data with this fingerprint."""
        if fingerprint is None:
            return None
        try:
            stored = json.loads(self._path(spec.name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if stored.get("fingerprint") != fingerprint:
            return None
        result = SuiteResult.from_dict(stored["result"])
        result.reused_from = result.validated_at
        if result.docs_page and not Path(result.docs_page).is_file():
            result.docs_page = ""  # pruned from the Data Docs since
        return result

    def put(self, fingerprint: str | None, result: SuiteResult) -> None:
        """Remember a fresh result (written atomically); results of failed queries are not kept."""
        path = self._path(result.suite)
        if fingerprint is None:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        payload = {"fingerprint": fingerprint, "result": result.to_dict()}
        tmp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)
