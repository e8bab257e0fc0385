"""Materialise the pipeline in this process, on the Dagster instance the UI uses."""

from __future__ import annotations

import dagster as dg

from pipeline import settings

PUBLISHED = dg.AssetKey(["warehouse", "published"])


def dagster_instance() -> dg.DagsterInstance:
    """The shared instance in DAGSTER_HOME (the Makefile sets it), else an ephemeral one."""
    home = settings.dagster_home()
    if home and home.is_dir():
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def run_pipeline(
    select: str = "*",
    full_refresh: bool = False,
    instance: dg.DagsterInstance | None = None,
    log_level: str = "INFO",
) -> dg.ExecuteInProcessResult:
    """Run the selected assets (default: everything) and their checks in-process."""
    from pipeline.definitions import defs as load_defs

    defs = load_defs()
    job = defs.resolve_implicit_global_asset_job_def()
    run_config: dict = {"loggers": {"console": {"config": {"log_level": log_level}}}}
    if full_refresh:
        run_config["ops"] = {
            "extract_claims": {"config": {"full_refresh": True}},
            "newsclaims_dbt_models": {"config": {"full_refresh": True}},
        }
    selection = None if select == "*" else [select]
    return job.execute_in_process(
        run_config=run_config,
        instance=instance or dagster_instance(),
        asset_selection=(
            None
            if selection is None
            else list(
                # a partial run still publishes, so its result is what users query
                (dg.AssetSelection.from_string(select) | dg.AssetSelection.assets(PUBLISHED))
                .required_multi_asset_neighbors()
                .resolve(defs.resolve_asset_graph())
            )
        ),
        raise_on_error=False,
        tags={"newsclaims/trigger": "cli", "newsclaims/seeds": str(settings.seeds_dir())},
    )


def summarize(result: dg.ExecuteInProcessResult) -> str:
    """A few lines for the terminal: outcome, what changed, failing checks, where to look."""
    checks = result.get_asset_check_evaluations()
    failed = [c for c in checks if not c.passed]
    lines = [f"newsclaims run: {'SUCCESS' if result.success else 'FAILED'} (run {result.run_id})"]
    for event in result.get_asset_materialization_events():
        key = event.asset_key.to_user_string()
        meta = {k: v.value for k, v in event.materialization.metadata.items()}
        if key == "raw/articles":
            lines.append(
                f"  articles: {meta.get('articles_total')} stored, {meta.get('articles_new')} new, "
                f"{meta.get('articles_removed')} removed"
            )
        elif key == "raw/quarantine" and meta.get("quarantined"):
            lines.append(f"  quarantined: {meta['quarantined']} (see raw.quarantine)")
        elif key == "raw/claims":
            lines.append(
                f"  extracted: {meta.get('articles_processed')} articles, "
                f"{meta.get('claims_written')} claims ({meta.get('claims_total')} in warehouse)"
            )
    reused = sum(("reused" in c.metadata or "reused_from" in c.metadata) for c in checks)
    again = f" ({reused} reported again: their data did not change)" if reused else ""
    lines.append(f"  checks: {len(checks) - len(failed)} passed, {len(failed)} failed{again}")
    for check in failed:
        kind = "blocking" if check.severity == dg.AssetCheckSeverity.ERROR else "warning"
        summary = check.metadata.get("summary")
        detail = f": {summary.value.splitlines()[0]}" if summary else ""
        lines.append(
            f"    FAILED ({kind}) {check.asset_key.to_user_string()} {check.check_name}{detail}"
        )
    published = settings.warehouse_path()
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    if result.success and PUBLISHED not in materialized:
        lines.append("  nothing new to build or publish: the warehouse is as the last run left it")
    if published.exists():
        lines.append(f"  warehouse: {published}")
        docs = published.parent / "data_docs" / "index.html"
        if docs.exists():
            lines.append(f"  data docs: {docs}")
        report = settings.report_dir() / "index.html"
        if report.exists():
            lines.append(f"  report: {report}  (newsclaims report --open)")
        lines.append(
            '  try: uv run newsclaims query "SELECT speaker_canonical_name, cue, content '
            'FROM marts.fct_claims LIMIT 5"'
        )
    return "\n".join(lines)
