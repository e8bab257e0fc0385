"""dbt as the pipeline runs it: project hash, the record of the last build, bounded folders."""

import shutil
from pathlib import Path

import duckdb

from pipeline.common.paths import DBT_PROJECT_DIR
from pipeline.dbt_build.builds import (
    UNFINISHED,
    BuildFolders,
    BuildRecord,
    project_hash,
    raw_fingerprint,
    set_build_id,
)


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


def test_raw_fingerprint_changes_with_the_rows_not_their_order(tmp_path: Path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE SCHEMA raw")
    con.execute("CREATE TABLE raw.articles AS SELECT * FROM (VALUES ('a', 1), ('b', 2)) t(id, n)")
    first = raw_fingerprint(con, ["raw.articles", "raw.missing"])
    con.execute(
        "CREATE OR REPLACE TABLE raw.articles AS SELECT * FROM raw.articles ORDER BY id DESC"
    )
    assert raw_fingerprint(con, ["raw.articles", "raw.missing"]) == first
    con.execute("UPDATE raw.articles SET n = 3 WHERE id = 'b'")
    assert raw_fingerprint(con, ["raw.articles", "raw.missing"]) != first


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
