"""The correction loop end to end, in a copy of the checkout (its dbt seeds are edited): a
correction appended with `newsclaims correct` is applied by the next run in dbt, without
re-extracting any article, counted in the report; materialising one mart alone applies an
edit too, and the publish and the report follow; a re-extraction keeps them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.dbt_build.builds import BuildRecord
from pipeline.warehouse.connection import work_path_for

from .conftest import ROOT

pytestmark = pytest.mark.slow
COPIED = ("pipeline", "dbt_project", "expectations", "pyproject.toml", "uv.lock")


def _checkout_copy(target: Path) -> Path:
    """The code, dbt project and suites of this checkout (without dbt's build folders)."""
    target.mkdir()
    ignore = shutil.ignore_patterns("target", "logs", "__pycache__", ".user.yml")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def _newsclaims(repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    code = "from pipeline.cli.main import entry; entry()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _one(path: Path, sql: str, params: list | None = None):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchone()


def _warehouse_copy(pipeline_run, tmp_path: Path, record: bool = False) -> tuple[Path, dict, Path]:
    """A copy of the checkout, the seeds and the session's warehouse (with the record of its
    last dbt build when `record`: the next build may then be partial); (repo, env, published)."""
    repo = _checkout_copy(tmp_path / "repo")
    seeds = tmp_path / "seeds"
    shutil.copytree(pipeline_run.seeds, seeds)
    published = tmp_path / "w" / "newsclaims.duckdb"
    work = work_path_for(published)
    work.parent.mkdir(parents=True)
    shutil.copy2(pipeline_run.work, work)
    shutil.copy2(pipeline_run.published, published)
    if record:
        built = BuildRecord.for_work_db(pipeline_run.work).path
        shutil.copy2(built, BuildRecord.for_work_db(work).path)
    env = {
        **os.environ,
        "PYTHONPATH": str(repo),  # the copy's pipeline and dbt project, not the checkout's
        "NEWSCLAIMS_WAREHOUSE": str(published),
        "NEWSCLAIMS_SEEDS": str(seeds),
        "DAGSTER_HOME": "",
    }
    return repo, env, published


def test_a_correction_is_applied_by_dbt_without_re_extraction(pipeline_run, tmp_path: Path):
    repo, env, published = _warehouse_copy(pipeline_run, tmp_path)
    claim_id, act = _one(
        published,
        "SELECT claim_id, act FROM marts.fct_claims WHERE act <> 'deny' "
        "AND speaker_canonical_name = 'Kremlin' ORDER BY claim_id LIMIT 1",
    )
    extracted = "SELECT max(extracted_at), count(*) FROM raw.article_extractions"
    before = _one(work_path_for(published), extracted)

    for args in (
        ("claim", "act", claim_id, "deny", "--note", "reviewed: a denial"),
        ("actor", "rename", "Kremlin", "Kremlin (Russian presidency)"),
    ):
        done = _newsclaims(repo, env, "correct", *args)
        assert done.returncode == 0, done.stderr
    done = _newsclaims(repo, env, "run")
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    assert _one(work_path_for(published), extracted) == before  # no article re-extracted
    assert _one(published, "SELECT act FROM marts.fct_claims WHERE claim_id = ?", [claim_id]) == (
        "deny",
    )
    renamed = "SELECT actor_type FROM marts.dim_actors WHERE canonical_name = ?"
    assert _one(published, renamed, ["Kremlin (Russian presidency)"]) == ("organisation",)
    assert _one(published, "SELECT count(*) FILTER (WHERE applied) FROM marts.fct_corrections") == (
        2,
    )
    index = (published.parent / "report" / "index.html").read_text(encoding="utf-8")
    assert "2 corrections applied" in index

    # one mart materialised alone (as in the UI) applies a seed edit: the seeds and the models
    # between them and the mart are built first; the publish and the report follow
    done = _newsclaims(repo, env, "correct", "actor", "type", "Ukraine", "group")
    assert done.returncode == 0, done.stderr
    done = _newsclaims(repo, env, "run", "--select", 'key:"marts/dim_actors"')
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    assert _one(published, "SELECT actor_type FROM marts.dim_actors WHERE canonical_name = ?", [
        "Ukraine"
    ]) == ("group",)  # fmt: skip
    actors = (published.parent / "report" / "data" / "actors.js").read_text(encoding="utf-8")
    assert '"Ukraine","group"' in actors.replace(", ", ",")

    # re-extracting every article (as after an extractor change) keeps the corrections: they are
    # keyed by claim_id (a hash of the article's text, the claim's span and cue) and by names
    done = _newsclaims(repo, env, "run", "--full-refresh")
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    assert _one(work_path_for(published), extracted) != before  # re-extracted
    assert _one(published, "SELECT act FROM marts.fct_claims WHERE claim_id = ?", [claim_id]) == (
        "deny",
    )
    assert _one(published, "SELECT count(*) FILTER (WHERE applied) FROM marts.fct_corrections") == (
        3,
    )
    assert act != "deny" and claim_id


def _marts(path: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted (as text: lists and structs compare)."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'"
        ).fetchall()
        return {
            t: sorted(map(str, con.execute(f'SELECT * FROM marts."{t}"').fetchall()))
            for (t,) in tables
        }


def test_a_correction_rebuilds_only_what_reads_it_with_the_answers_of_a_full_build(
    pipeline_run, tmp_path: Path
):
    """With the record of the last build, a seed edit rebuilds that seed and the models
    downstream of it (not the staging views, the other seeds or their tests); the marts are
    then exactly what a complete rebuild (`--force`) gives."""
    repo, env, published = _warehouse_copy(pipeline_run, tmp_path, record=True)
    (claim_id,) = _one(
        published,
        "SELECT claim_id FROM marts.fct_claims WHERE act = 'assert' ORDER BY claim_id LIMIT 1",
    )
    done = _newsclaims(repo, env, "correct", "claim", "act", claim_id, "accuse")
    assert done.returncode == 0, done.stderr
    done = _newsclaims(repo, env, "run")
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    log = done.stderr + done.stdout
    assert "dbt build of what changed (seeds/claim_corrections.csv changed)" in log
    assert "--select claim_corrections+" in log
    (built,) = (repo / "dbt_project" / "target" / "runs").glob("*/dbt_output.log")
    assert "stg_claims" not in built.read_text(encoding="utf-8")
    partial = _marts(published)
    assert _one(published, "SELECT act FROM marts.fct_claims WHERE claim_id = ?", [claim_id]) == (
        "accuse",
    )
    done = _newsclaims(repo, env, "run", "--force")  # every model and test again
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    assert "dbt build of what changed" not in done.stderr + done.stdout
    assert _marts(published) == partial


def test_an_act_correction_revisits_the_accused(pipeline_run, tmp_path: Path):
    """accuse -> assert drops the claim's accused and its accusation edge; assert -> accuse
    accuses whom the analysis model would have (stored at extraction, no re-extraction)."""
    repo, env, published = _warehouse_copy(pipeline_run, tmp_path)
    accusation, speaker_id, target_id = _one(
        published,
        "SELECT b.claim_id, c.speaker_actor_id, b.actor_id FROM marts.bridge_claim_accused b "
        "JOIN marts.fct_claims c USING (claim_id) WHERE c.act = 'accuse' "
        "AND c.speaker_actor_id <> b.actor_id ORDER BY b.claim_id LIMIT 1",
    )
    assertion, would_accuse = _one(
        work_path_for(published),
        "SELECT claim_id, list(DISTINCT target_name ORDER BY target_name) FROM raw.claim_targets "
        "WHERE role = 'accused_if_accuse' AND claim_id IN "
        "(SELECT claim_id FROM raw.claims WHERE act = 'assert') "
        "GROUP BY claim_id ORDER BY claim_id LIMIT 1",
    )
    edge = (
        "SELECT coalesce(sum(n_accusations), 0) FROM marts.actor_claim_edges "
        "WHERE speaker_actor_id = ? AND target_actor_id = ?"
    )
    (accusations_before,) = _one(published, edge, [speaker_id, target_id])
    assert _one(published, "SELECT count(*) FROM marts.bridge_claim_accused WHERE claim_id = ?", [
        assertion
    ]) == (0,)  # fmt: skip
    for claim_id, act in ((accusation, "assert"), (assertion, "accuse")):
        done = _newsclaims(repo, env, "correct", "claim", "act", claim_id, act)
        assert done.returncode == 0, done.stderr
    done = _newsclaims(repo, env, "run")
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    accused = (
        "SELECT list(actor_name ORDER BY actor_name) FROM marts.bridge_claim_accused "
        "WHERE claim_id = ?"
    )
    assert _one(published, accused, [accusation]) == (None,)
    assert _one(published, edge, [speaker_id, target_id]) == (accusations_before - 1,)
    assert _one(published, accused, [assertion]) == (would_accuse,)
