"""GX Data Docs for validation results: one page per validation, readable with no network.

A file GX context in `<gx_project_dir>/gx` (default: next to the docs folder, so
`warehouse/data_docs` pairs with `warehouse/gx`) keeps the suites and the newest `keep_runs`
results per suite; older results and their pages are deleted. Every page points at the
scripts and styles vendored in `static/vendor/` instead of CDNs.

    index = build_data_docs(results, Path("warehouse/data_docs"), keep_runs=10)
    results[0].docs_page   # .../validations/raw_claims/integrity/<run>/<time>/<batch>.html
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from pipeline.quality import vendor
from pipeline.quality.results import SuiteResult
from pipeline.quality.suites import SuiteFileError, get_suite
from pipeline.quality.validate import DATASOURCE, build_gx_suite, gx_lock

SITE = "newsclaims"
_STORE = Path("uncommitted") / "validations"


def build_data_docs(
    results: list[SuiteResult],
    docs_dir: Path,
    gx_project_dir: Path | None = None,
    keep_runs: int = 10,
) -> Path:
    """Write the pages of `results` (setting each one's `docs_page`); returns `index.html`.

    Results without GX output (a failed query) get no page.
    """
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    started = time.time()
    docs_dir = Path(docs_dir).resolve()
    project_dir = Path(gx_project_dir).resolve() if gx_project_dir else docs_dir.parent
    project_dir.mkdir(parents=True, exist_ok=True)
    with gx_lock:
        context = _file_context(project_dir, docs_dir)
        store = context.validation_results_store
        rendered: list[Any] = []
        pages: dict[int, Path] = {}
        for i, result in enumerate(results):
            if result.gx_result is None:
                continue
            suite_id = ExpectationSuiteIdentifier(name=result.suite)
            try:
                _replace_suite(context, build_gx_suite(get_suite(result.suite)))
                rendered.append(suite_id)
            except SuiteFileError:
                pass
            run_time = dt.datetime.fromisoformat(result.validated_at)
            run_id = RunIdentifier(run_name=f"{run_time:%Y%m%dT%H%M%SZ}", run_time=run_time)
            result.gx_result.meta["run_id"] = run_id
            result.gx_result.meta["validation_time"] = run_time
            key = ValidationResultIdentifier(
                expectation_suite_identifier=suite_id,
                run_id=run_id,
                batch_identifier=f"{DATASOURCE}-{result.suite}",
            )
            store.set(key, result.gx_result)
            rendered.append(key)
            parts = key.to_tuple()
            pages[i] = docs_dir.joinpath("validations", *parts[:-1], f"{parts[-1]}.html")
        _prune(store, keep_runs)
        context.build_data_docs(site_names=[SITE], resource_identifiers=rendered)
    _prune_pages(docs_dir, project_dir / "gx" / _STORE)
    make_offline(docs_dir, since=started - 1)
    for i, page in pages.items():
        results[i].docs_page = str(page) if page.is_file() else ""
    index = docs_dir / "index.html"
    if not index.is_file():
        raise FileNotFoundError(f"GX did not write {index}")
    return index


def make_offline(docs_dir: Path, since: float = 0.0) -> list[Path]:
    """Point the site's pages (those written after `since`, a time.time()) at the vendored
    files; returns the pages changed."""
    docs_dir = Path(docs_dir)
    vendor.install(docs_dir / "static")
    changed = []
    for page in docs_dir.rglob("*.html"):
        if page.stat().st_mtime < since:
            continue
        html = page.read_text(encoding="utf-8")
        depth = len(page.relative_to(docs_dir).parts) - 1
        offline = vendor.offline_html(html, "../" * depth)
        if offline != html:
            page.write_text(offline, encoding="utf-8")
            changed.append(page)
    return changed


_contexts: dict[tuple[Path, Path], Any] = {}


def _file_context(project_dir: Path, docs_dir: Path) -> Any:
    """One file context per (project, site) and process: later builds skip its set-up."""
    import great_expectations as gx

    key = (project_dir, docs_dir)
    if key not in _contexts or not (project_dir / "gx" / "great_expectations.yml").is_file():
        context = gx.get_context(mode="file", project_root_dir=str(project_dir))
        _configure_site(context, docs_dir)
        _contexts[key] = context
    return _contexts[key]


def _replace_suite(context: Any, suite: Any) -> None:
    from great_expectations.exceptions import DataContextError

    try:
        context.suites.delete(suite.name)
    except DataContextError:
        pass
    context.suites.add(suite)


def _configure_site(context: Any, docs_dir: Path) -> None:
    """Make `docs_dir` the context's only Data Docs site (saved in great_expectations.yml)."""
    sites = context.get_config().data_docs_sites or {}
    current = sites.get(SITE, {}).get("store_backend", {}).get("base_directory")
    if list(sites) == [SITE] and current == str(docs_dir):
        return
    for name in list(sites):
        context.delete_data_docs_site(name)
    context.add_data_docs_site(
        SITE,
        {
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )


def _prune(store: Any, keep_runs: int) -> None:
    """Drop all but the newest `keep_runs` stored results of each suite."""
    by_suite: dict[str, list[Any]] = {}
    for key in store.list_keys():
        by_suite.setdefault(key.expectation_suite_identifier.name, []).append(key)
    for keys in by_suite.values():
        keys.sort(key=lambda k: k.run_id.run_time)
        for key in keys[: max(0, len(keys) - keep_runs)]:
            store.remove_key(key)


def _prune_pages(docs_dir: Path, store_dir: Path) -> None:
    """Delete validation pages whose stored result was pruned (the store mirrors the pages)."""
    pages = docs_dir / "validations"
    if not pages.is_dir():
        return
    for page in pages.rglob("*.html"):
        if not (store_dir / page.relative_to(pages)).with_suffix(".json").is_file():
            page.unlink()
    for folder in sorted((p for p in pages.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
