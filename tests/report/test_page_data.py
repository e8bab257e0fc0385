"""The data the report pages are built from: the warehouse mapping, edges, weekly series, spans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.report.data import capabilities, open_report_data
from pipeline.report.model import (
    Span,
    actor_weekly,
    claim_spans,
    counterparts,
    edges,
    highlight_segments,
)
from tests.conftest import SEED_FILE


def _names(found) -> set[tuple[str, str, int]]:
    return {(e.speaker_name, e.target_name, e.count) for e in found}


def test_the_page_model_reads_form_act_accused_and_confidence(mini_warehouse: Path) -> None:
    with open_report_data(mini_warehouse) as con:
        caps = capabilities(con)
        acts = con.execute("SELECT content, act FROM claims ORDER BY content").fetchall()
        accused = con.execute("""
            SELECT c.content, a.name FROM claim_accused b JOIN claims c USING (claim_id)
            JOIN actors a USING (actor_id) ORDER BY 1""").fetchall()
        confidence = con.execute("SELECT max(confidence) FROM claims").fetchone()[0]
    assert caps.confidence
    assert dict(acts) == {
        "Kyiv of lying about the strike": "accuse",
        "Ukraine had planned the attack for weeks": "assert",
        "Ukraine of attacking an oil depot inside Russia": "accuse",
        "any role in the strike": "deny",
        "the depot in Belgorod supplies the army": "assert",
    }
    assert ("Ukraine of attacking an oil depot inside Russia", "Ukraine") in accused
    # the about-only claim never becomes an accusation
    assert all(content != "Ukraine had planned the attack for weeks" for content, _ in accused)
    assert confidence == 0.91


def test_edges_follow_act_date_and_min_count_filters(mini_warehouse: Path) -> None:
    with open_report_data(mini_warehouse) as con:
        accuse = edges(con, act="accuse")
        first_week = edges(con, act="accuse", end=dt.date(2024, 3, 10))
        strong = edges(con, act="all", min_count=2)
        deny = edges(con, act="deny")
    assert _names(accuse) == {("Kremlin", "Ukraine", 1), ("Dmitry Peskov", "Ukraine", 1)}
    assert _names(first_week) == {("Kremlin", "Ukraine", 1)}
    # Peskov made two claims about Ukraine (one accusation, one assertion)
    assert _names(strong) == {("Dmitry Peskov", "Ukraine", 2)}
    assert deny == []  # Kyiv's denial concerns Kyiv itself: no self-edge
    assert len(strong[0].claim_ids) == 2


def test_weekly_series_and_counterparts(mini_warehouse: Path) -> None:
    with open_report_data(mini_warehouse) as con:
        ids = dict(con.execute("SELECT name, actor_id FROM actors").fetchall())
        weekly = actor_weekly(con)
        others = counterparts(con, [ids["Ukraine"], ids["Dmitry Peskov"]])
    # 2024-03-04 is a Monday; 2024-03-13 is in the week of Monday 2024-03-11
    assert weekly[ids["Ukraine"]] == [(dt.date(2024, 3, 4), 1, 2), (dt.date(2024, 3, 11), 0, 2)]
    assert weekly[ids["Dmitry Peskov"]] == [(dt.date(2024, 3, 11), 2, 0)]
    assert others[ids["Ukraine"]]["spoken_about_by"] == [
        (ids["Dmitry Peskov"], "Dmitry Peskov", 2),
        (ids["Kremlin"], "Kremlin", 1),
    ]
    assert others[ids["Dmitry Peskov"]]["speaks_about"] == [(ids["Ukraine"], "Ukraine", 2)]


def test_segments_rebuild_text_and_every_span_on_the_seed() -> None:
    text = SEED_FILE.read_text(encoding="utf-8")
    speaker = text.index("Kremlin spokesman Dmitry Peskov")
    cue = text.index("said", speaker)
    content = text.index("\u201cOf course", cue)
    end = text.index("\u201d", content) + 1
    spans = [
        Span(speaker, speaker + len("Kremlin spokesman Dmitry Peskov"), "speaker", 0),
        Span(cue, cue + 4, "cue", 0),
        Span(content, end, "content", 0),
        # a second claim whose content covers the first claim's speaker and cue
        Span(speaker - 5, cue + 4, "content", 1),
    ]
    segments = highlight_segments(text, spans)
    assert "".join(s.text for s in segments) == text
    for span in spans:
        covered = "".join(s.text for s in segments if (span.claim, span.kind) in s.spans)
        assert covered == text[span.start : span.end]
    assert [s.spans for s in segments if s.text == "said"] == [((0, "cue"), (1, "content"))]


def test_claim_spans_use_every_content_part() -> None:
    row = {
        "speaker_start": 0,
        "speaker_end": 3,
        "cue_start": None,
        "cue_end": None,
        "content_spans": [[10, 20], [25, 30]],
        "content_start": 10,
        "content_end": 30,
    }
    assert [(s.start, s.end, s.kind) for s in claim_spans(4, row)] == [
        (0, 3, "speaker"),
        (10, 20, "content"),
        (25, 30, "content"),
    ]


@pytest.mark.slow
def test_pipeline_edges_agree_with_the_marts(pipeline_run) -> None:
    """The report's accusation and denial edges are the marts' counts, claim for claim (the
    deny view was empty while SQL listed denial edges: it followed the accused parties only)."""

    def mart(column: str) -> set:
        return set(pipeline_run.query(
            f"SELECT speaker_name, target_name, {column} FROM marts.actor_claim_edges "
            f"WHERE {column} > 0"
        ))  # fmt: skip

    expected = mart("n_accusations")
    with open_report_data(pipeline_run.published) as con:
        found = edges(con, act="accuse")
        denials = edges(con, act="deny")
        everything = edges(con, act="all")
        weekly = actor_weekly(con)
    assert _names(denials) == mart("n_denials")
    assert _names(everything) == mart("n_claims")
    # the weekly series are the marts' daily table summed: dated claims only
    totals = pipeline_run.query(
        "SELECT actor_id, sum(n_claims_made), sum(n_claims_about) "
        "FROM marts.agg_actor_claims_daily GROUP BY actor_id"
    )
    assert _names(found) == expected
    assert ("Kremlin", "Ukraine") in {(e.speaker_name, e.target_name) for e in found}
    assert set(weekly) == {actor_id for actor_id, _, _ in totals}
    for actor_id, made, about in totals:
        series = weekly.get(actor_id, [])
        assert (sum(w[1] for w in series), sum(w[2] for w in series)) == (made, about)


def test_the_deny_view_draws_the_pairs_the_mart_counts(tmp_path: Path) -> None:
    """The deny view draws the denial edges SQL counts (actor_claim_edges, built here by the
    dbt model's own SQL): a denial counts towards the party whose wrongdoing it denies."""
    import jinja2

    from pipeline.common.paths import DBT_PROJECT_DIR
    from tests.report.conftest import MiniWarehouse

    wh = MiniWarehouse()
    day = dt.date(2024, 3, 4)
    article = wh.article("Talks", "Peskov denied that Kyiv was invited to the talks.", day)
    wh.claim(article, "Dmitry Peskov", "Peskov", "denied", "that Kyiv was invited to the talks",
             act="deny", accused=("Ukraine",))  # fmt: skip
    path = wh.write(tmp_path / "w.duckdb")
    model = (DBT_PROJECT_DIR / "models" / "marts" / "actor_claim_edges.sql").read_text()
    sql = jinja2.Environment().from_string(model).render(ref=lambda name: f"marts.{name}")
    import duckdb

    with duckdb.connect(str(path)) as con:
        for bridge in ("bridge_claim_about", "bridge_claim_accused"):  # the marts' name column
            con.execute(f"ALTER TABLE marts.{bridge} ADD COLUMN actor_name VARCHAR")
            con.execute(f"UPDATE marts.{bridge} b SET actor_name = a.canonical_name "
                        "FROM marts.dim_actors a WHERE a.actor_id = b.actor_id")  # fmt: skip
        # the model's confidence columns (null: the rules decided)
        con.execute("ALTER TABLE marts.bridge_claim_accused ADD COLUMN accused_confidence DOUBLE")
        con.execute("ALTER TABLE marts.fct_claims ADD COLUMN IF NOT EXISTS act_confidence DOUBLE")
        con.execute(f"CREATE TABLE marts.actor_claim_edges AS {sql}")
        expected = set(con.execute(
            "SELECT speaker_name, target_name, n_denials FROM marts.actor_claim_edges "
            "WHERE n_denials > 0"
        ).fetchall())  # fmt: skip
    with open_report_data(path) as con:
        found = edges(con, act="deny")
    assert expected == {("Dmitry Peskov", "Ukraine", 1)}
    assert _names(found) == expected


def test_a_links_confidence_code_keeps_the_threshold_exact():
    """The network page compares whole thousandths: a claim just under 0.5 stays under."""
    from pipeline.report.site import confidence_code

    assert [confidence_code(c) for c in (0.4996, 0.5, 0.70001, 0.3)] == [499, 500, 700, 300]
    assert confidence_code(None) == -1
