"""dbt as the pipeline runs it: project hash, the record of the last build, bounded folders."""

import shutil
from pathlib import Path

import duckdb

from pipeline.common.paths import DBT_PROJECT_DIR
from pipeline.dbt_build.builds import (
    UNFINISHED,
    BuildFolders,
    BuildRecord,
    project_files,
    project_hash,
    set_build_id,
)
from pipeline.dbt_build.changes import input_hashes, rebuild_plan, table_hash


def test_project_hash_follows_project_files(tmp_path: Path):
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target"))
    before = project_hash(project)
    (project / "target").mkdir()
    (project / "target" / "manifest.json").write_text("{}")
    assert project_hash(project) == before  # build output is not an input
    yml = next((project / "models").rglob("*.yml"))
    yml.write_text(yml.read_text() + "\n# a comment\n")
    assert project_hash(project) != before


def test_a_table_hash_changes_with_the_rows_not_their_order(tmp_path: Path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE SCHEMA raw")
    con.execute("CREATE TABLE raw.articles AS SELECT * FROM (VALUES ('a', 1), ('b', 2)) t(id, n)")
    first = table_hash(con, "raw.articles")
    con.execute(
        "CREATE OR REPLACE TABLE raw.articles AS SELECT * FROM raw.articles ORDER BY id DESC"
    )
    assert table_hash(con, "raw.articles") == first
    con.execute("UPDATE raw.articles SET n = 3 WHERE id = 'b'")
    assert table_hash(con, "raw.articles") != first
    assert table_hash(con, "raw.missing") == "missing"


def test_a_seed_edit_needs_no_new_parse_but_a_new_seed_does(tmp_path: Path):
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    before = project_hash(project)
    seed = project / "seeds" / "claim_corrections.csv"
    seed.write_text(seed.read_text() + "not_claim,0123456789abcdef,,a reviewed row\n")
    assert project_hash(project) == before  # rows are loaded by the build, not parsed
    (project / "seeds" / "new_list.csv").write_text("name\nx\n")
    assert project_hash(project) != before


def _manifest(path: Path) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def _inputs(tmp_path: Path, manifest: dict, project: Path = DBT_PROJECT_DIR) -> dict:
    con = duckdb.connect(str(tmp_path / "work.duckdb"))
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    con.execute("CREATE OR REPLACE TABLE raw.claims AS SELECT 1 AS n")
    try:
        return input_hashes(manifest, project, project_files(project), con)
    finally:
        con.close()


def test_a_seed_or_table_change_rebuilds_what_is_downstream_of_it(tmp_path, dbt_manifest):
    manifest = _manifest(dbt_manifest)
    before = _inputs(tmp_path, manifest)
    assert rebuild_plan(manifest, None, before) is None  # no record: everything
    assert rebuild_plan(manifest, before, before).selectors == ()  # nothing changed

    edited = {**before, "file:seeds/claim_corrections.csv": "edited"}
    plan = rebuild_plan(manifest, before, edited)
    assert plan.selectors == ("claim_corrections+",)
    names = {uid.split(".")[-1] for uid in plan.built}
    assert {"claim_corrections", "int_claims_corrected", "fct_claims"} <= names
    assert not names & {"stg_claims", "actor_aliases", "value_sets", "int_claims_keyed"}

    more = {**edited, "source:source.newsclaims.raw.claims": "new rows"}
    plan = rebuild_plan(manifest, before, more)
    assert plan.selectors == ("claim_corrections+", "source:raw.claims+")
    assert "model.newsclaims.stg_claims" in plan.built
    assert "seed.newsclaims.actor_aliases" not in plan.built


def test_any_other_project_change_rebuilds_everything(tmp_path, dbt_manifest):
    manifest = _manifest(dbt_manifest)
    before = _inputs(tmp_path, manifest)
    yml = next(k for k in before if k.startswith("file:models/") and k.endswith(".yml"))
    for changed in (
        {**before, yml: "tests changed"},
        {**before, "file:macros/new_macro.sql": "a macro"},  # not a node's own file
        {**before, "dbt": "1.12.0"},
        {k: v for k, v in before.items() if k != "file:models/marts/fct_claims.sql"},
    ):
        assert rebuild_plan(manifest, before, changed) is None


def test_a_build_is_skipped_only_when_inputs_models_and_build_id_agree(tmp_path: Path):
    work = tmp_path / ".build" / "newsclaims.duckdb"
    work.parent.mkdir()
    published = tmp_path / "newsclaims.duckdb"
    con = duckdb.connect(str(work))
    con.execute("CREATE SCHEMA marts")
    con.execute("CREATE TABLE marts.dim_actors (actor_id VARCHAR)")
    record = BuildRecord.for_work_db(work)
    assert record.unchanged_reason("fp", ["marts.dim_actors"], con) is None
    set_build_id(con, "run-1234abcd")
    record.save("fp", "run-1234abcd", tests=[])
    assert "run-1234" in record.unchanged_reason("fp", ["marts.dim_actors"], con)
    assert record.unchanged_reason("other", ["marts.dim_actors"], con) is None
    assert record.unchanged_reason("fp", ["marts.fct_claims"], con) is None
    # a later build that did not finish left its models half-built: the record no longer holds
    set_build_id(con, UNFINISHED + "run-5678")
    assert record.unchanged_reason("fp", ["marts.dim_actors"], con) is None
    set_build_id(con, "run-1234abcd")
    # whether the build was published is read from the published file, whatever its mtime
    con.close()
    assert "holds no recorded build" in record.published_behind(published)
    shutil.copy(work, published)
    assert record.published_behind(published) is None
    with duckdb.connect(str(work)) as con:
        set_build_id(con, "run-9999")
    record.save("fp", "run-9999", tests=[])
    assert "holds build run-1234" in record.published_behind(published)
    record.forget()
    with duckdb.connect(str(work)) as con:
        assert record.unchanged_reason("fp", ["marts.dim_actors"], con) is None


def test_build_folders_keep_the_newest(tmp_path: Path):
    folders = BuildFolders(tmp_path, keep=2)
    made = [folders.new(f"run{i:05d}-rest") for i in range(5)]
    for folder in made:
        (folder / "partial_parse.msgpack").write_bytes(folder.name.encode())
    for folder in made[1:]:
        folders.finish(folder, success=True)
    # the oldest is still building (another run on another warehouse): it is kept
    kept = sorted(p.name for p in folders.root.iterdir())
    assert kept == sorted(p.name for p in [made[0], *made[-2:]])
    folders.finish(made[0], success=False)
    assert sorted(p.name for p in folders.root.iterdir()) == sorted(p.name for p in made[-2:])
    # the last successful build's parse cache is kept for the next build
    assert (tmp_path / "target" / "partial_parse.msgpack").read_bytes() == made[-1].name.encode()
