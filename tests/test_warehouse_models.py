"""The dbt marts after a real pipeline run on the seed and the fixture articles."""

import pytest

from pipeline.common.paths import DBT_PROJECT_DIR
from pipeline.dbt_build.builds import dbt_vars

pytestmark = pytest.mark.slow


def _actor(run, name: str) -> tuple:
    rows = run.query(
        "SELECT actor_id, canonical_name, actor_type, aliases, roles, affiliations "
        "FROM marts.dim_actors WHERE canonical_name = ?",
        [name],
    )
    assert len(rows) == 1, f"{name}: {rows}"
    return rows[0]


def test_run_succeeds_with_all_dbt_tests_green(pipeline_run):
    assert pipeline_run.result.success
    checks = pipeline_run.result.get_asset_check_evaluations()
    assert checks, "dbt tests should surface as asset checks"
    failed = [c.check_name for c in checks if not c.passed]
    assert failed == []


def test_surname_and_full_name_are_one_actor(pipeline_run):
    actor_id, _, actor_type, aliases, roles, _ = _actor(pipeline_run, "Vyacheslav Gladkov")
    assert actor_type == "person"
    assert {"Gladkov", "Vyacheslav Gladkov"} <= set(aliases)
    assert "Regional Governor" in roles
    assert pipeline_run.query(
        "SELECT count(*) FROM marts.dim_actors WHERE canonical_name = 'Gladkov'"
    ) == [(0,)]
    made = pipeline_run.query(
        "SELECT count(*) FROM marts.fct_claims WHERE speaker_actor_id = ?", [actor_id]
    )[0][0]
    assert made >= 2  # paragraph 2 (full name) and paragraph 6 ("Gladkov, who was appointed ...")


def test_putin_across_articles_and_possessive(pipeline_run):
    actor_id, _, actor_type, aliases, _, _ = _actor(pipeline_run, "Vladimir Putin")
    assert actor_type == "person" and "Putin" in aliases
    n_articles = pipeline_run.query(
        "SELECT n_articles FROM marts.dim_actors WHERE actor_id = ?", [actor_id]
    )[0][0]
    assert n_articles >= 3  # the seed and both fixture articles


def test_ambiguous_surname_is_not_merged(pipeline_run):
    john = _actor(pipeline_run, "John Smith")
    jane = _actor(pipeline_run, "Jane Smith")
    assert john[0] != jane[0]
    smith_as = pipeline_run.query(
        "SELECT canonical_name FROM marts.dim_actors WHERE canonical_key = 'smith'"
    )
    # "Smith" alone cannot be told apart: it stays its own actor, merged into neither
    assert "Smith" not in john[3] and "Smith" not in jane[3]
    assert smith_as in ([], [("Smith",)])


def test_a_surname_joins_another_articles_person_only_with_evidence(pipeline_run):
    # jackson_court.txt names only "Judge Jackson"; jackson_hermitage.txt the president Andrew
    # Jackson: the court article gives no evidence (no full name, no shared role or company)
    president = _actor(pipeline_run, "Andrew Jackson")
    judge = pipeline_run.query(
        "SELECT speaker_canonical_name, speaker_actor_id FROM marts.fct_claims "
        "WHERE content LIKE '%acted in bad faith%'"
    )
    assert len(judge) == 1 and judge[0][0] == "Jackson"
    assert judge[0][1] != president[0]
    assert pipeline_run.query(
        "SELECT n_articles FROM marts.dim_actors WHERE actor_id = ?", [president[0]]
    ) == [(1,)]


def test_demonyms_map_to_places(pipeline_run):
    _, _, actor_type, aliases, _, _ = _actor(pipeline_run, "Ukraine")
    assert actor_type == "place"
    assert "Ukrainian" in aliases
    _, _, _, russia_aliases, _, _ = _actor(pipeline_run, "Russia")
    assert "Russian" in russia_aliases


def test_peskov_role_and_affiliation(pipeline_run):
    _, _, actor_type, _, roles, affiliations = _actor(pipeline_run, "Dmitry Peskov")
    assert actor_type == "person"
    assert "Kremlin spokesman" in roles
    assert "Kremlin" in affiliations


def test_kuleba_quote_is_his_noncommittal_claim(pipeline_run):
    rows = pipeline_run.query(
        "SELECT c.form, c.act, c.content FROM marts.fct_claims c "
        "JOIN marts.dim_actors a ON a.actor_id = c.speaker_actor_id "
        "WHERE a.canonical_name = 'Dmytro Kuleba'"
    )
    assert len(rows) == 1
    form, act, content = rows[0]
    assert form == "direct" and act == "noncommittal"
    assert "neither confirm nor reject" in content


def test_kremlin_accuses_ukraine_not_russia(pipeline_run):
    """The seed's headline: Ukraine is accused; Russia is only where the depot is."""

    def accusations(target: str) -> int:
        rows = pipeline_run.query(
            "SELECT coalesce(sum(n_accusations), 0) FROM marts.actor_claim_edges "
            "WHERE speaker_name = 'Kremlin' AND target_name = ?",
            [target],
        )
        return rows[0][0]

    assert accusations("Ukraine") >= 1
    assert accusations("Russia") == 0
    accused = pipeline_run.query(
        "SELECT DISTINCT b.actor_name FROM marts.bridge_claim_accused b "
        "JOIN marts.fct_claims c USING (claim_id) "
        "WHERE c.speaker_canonical_name = 'Kremlin' AND c.act = 'accuse'"
    )
    assert accused == [("Ukraine",)]
    about = pipeline_run.query(
        "SELECT count(*) FROM marts.bridge_claim_about b JOIN marts.fct_claims c USING (claim_id) "
        "WHERE c.speaker_canonical_name = 'Kremlin' AND b.actor_name = 'Russia'"
    )
    assert about == [(0,)]


def test_daily_mail_reports_first_paragraph(pipeline_run):
    rows = pipeline_run.query(
        """
        SELECT c.content, c.speaker_canonical_name, r.canonical_name
        FROM marts.fct_claims c
        JOIN marts.dim_actors r ON r.actor_id = c.reported_by_actor_id
        JOIN marts.dim_articles a USING (article_id)
        WHERE a.source_path = '000_a81c1ecdc2e2b03d.txt'
        """
    )
    assert rows, "claims reported by an outlet"
    assert {r[2] for r in rows} == {"Daily Mail"}
    accusation = [r for r in rows if r[0].startswith("Ukrainian helicopters of attacking")]
    assert accusation and accusation[0][1] == "Kremlin"


def test_actor_ids_are_stable_hashes(pipeline_run):
    import hashlib

    for actor_id, key in pipeline_run.query("SELECT actor_id, canonical_key FROM marts.dim_actors"):
        assert actor_id == hashlib.md5(f"actor:{key}".encode()).hexdigest()[:16]


def test_time_series_mart(pipeline_run):
    rows = pipeline_run.query(
        "SELECT a.canonical_name, d.day, d.n_claims_made FROM marts.agg_actor_claims_daily d "
        "JOIN marts.dim_actors a USING (actor_id) WHERE a.canonical_name = 'Dmitry Peskov' "
        "ORDER BY d.day"
    )
    days = {str(day) for _, day, made in rows if made > 0}
    assert "2022-04-03" in days  # the fixture's published_at, not the ingestion date


def test_an_unknown_publication_date_stays_unknown(pipeline_run):
    """A .txt article has no date: null in the marts, never the ingestion date, and countable."""
    undated = pipeline_run.query(
        "SELECT article_id FROM marts.dim_articles WHERE source_format = 'txt' "
        "AND article_date IS NULL AND published_at IS NULL"
    )
    assert undated, "the seed .txt article is undated"
    ids = [row[0] for row in undated]
    claims = pipeline_run.query(
        "SELECT count(*), count(article_date) FROM marts.fct_claims "
        f"WHERE article_id IN ({', '.join(repr(i) for i in ids)})"
    )[0]
    assert claims[0] > 0 and claims[1] == 0
    # every day the marts show is some article's publication day, never an ingestion day
    daily = {row[0] for row in pipeline_run.query("SELECT day FROM marts.agg_actor_claims_daily")}
    seen = {
        day
        for row in pipeline_run.query("SELECT first_seen, last_seen FROM marts.dim_actors")
        for day in row
        if day is not None
    }
    assert daily and (daily | seen) <= _published_days(pipeline_run)


def _published_days(run) -> set:
    return {
        row[0]
        for row in run.query(
            "SELECT DISTINCT article_date FROM marts.dim_articles WHERE article_date IS NOT NULL"
        )
    }


def test_aliases_that_normalise_alike_resolve_once(pipeline_run):
    # "U.S." and "US" share one alias key; both must land on the one United States actor
    rows = pipeline_run.query(
        "SELECT aliases FROM marts.dim_actors WHERE canonical_name = 'United States'"
    )
    assert len(rows) == 1
    assert {"U.S.", "US"} & set(rows[0][0])


def test_actor_map_unit_tests_pass(pipeline_run, tmp_path):
    """dbt's unit tests of int_actor_map's merging rules and int_actor_roles (models/intermediate/
    _int_actor_map_unit_tests.yml) and of the edge meaning (models/marts/
    _actor_claim_edges_unit_tests.yml: a denial counts towards the party whose wrongdoing it
    denies) run against the built work database."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    project = DBT_PROJECT_DIR
    done = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "test", "--select", "test_type:unit"]
        + dbt_vars(pipeline_run.work)
        + ["--profiles-dir", str(project)],
        cwd=project,
        # its own target folder: the project's manifest and parse cache stay the pipeline's
        env={
            **os.environ,
            "DBT_TARGET_PATH": str(tmp_path / "target"),
            "DBT_LOG_PATH": str(tmp_path / "target"),
        },
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    # int_actor_map 3, int_actor_roles 1, actor_claim_edges 1, the corrections 4
    # (_int_corrections_unit_tests.yml)
    assert "PASS=9" in done.stdout
