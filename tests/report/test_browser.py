"""The report in a real browser: Debian's headless Chromium opens the pages from file://."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.devtools.browser import Chromium, find_chromium
from pipeline.report.data import open_report_data
from pipeline.report.model import edges
from pipeline.report.search import tokens

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        find_chromium() is None,
        reason="Chromium is not installed (apt-get install chromium; or set NEWSCLAIMS_CHROMIUM)",
    ),
]


@pytest.fixture(scope="module")
def site(pipeline_run) -> Path:
    return pipeline_run.published.parent / "report"


@pytest.fixture
def browser():
    with Chromium() as chromium:
        yield chromium


def test_network_page_draws_the_accusations(pipeline_run, site, browser, tmp_path):
    with open_report_data(pipeline_run.published) as con:
        expected = edges(con, act="accuse")
    names = {(e.speaker_name, e.target_name) for e in expected}
    browser.goto((site / "network.html").as_uri())
    nodes = browser.wait_for("window.NC_CY && NC_CY.nodes().length")
    drawn = browser.evaluate(
        "NC_CY.edges().map(e => [e.source().data('name'), e.target().data('name'), "
        "e.data('count')])"
    )
    browser.screenshot(tmp_path / "network.png")
    assert nodes == len({e.speaker_id for e in expected} | {e.target_id for e in expected})
    assert {(s, t, n) for s, t, n in drawn} == {
        (e.speaker_name, e.target_name, e.count) for e in expected
    }
    assert ("Kremlin", "Ukraine") in names
    # clicking an edge lists its claims, each linking to its article view
    kremlin_ukraine = next(
        e for e in expected if (e.speaker_name, e.target_name) == ("Kremlin", "Ukraine")
    )
    browser.evaluate(
        "NC_CY.edges().filter(e => e.source().data('name') === 'Kremlin' && "
        "e.target().data('name') === 'Ukraine').emit('tap').length"
    )
    links = browser.wait_for(
        "Array.from(document.querySelectorAll('.edge-claims a')).map(a => a.getAttribute('href'))"
    )
    assert sorted(links) == sorted(
        f"a/{aid}.html#c{cid}"
        for cid, aid in pipeline_run.query(
            "SELECT claim_id, article_id FROM marts.fct_claims WHERE claim_id IN "
            "(SELECT unnest(?))",
            [list(kremlin_ukraine.claim_ids)],
        )
    )
    # the act filter redraws: denials are a different (possibly empty) graph
    browser.evaluate(
        "document.getElementById('f-act').value = 'deny'; "
        "document.getElementById('f-act').dispatchEvent(new Event('change'))"
    )
    with open_report_data(pipeline_run.published) as con:
        denials = edges(con, act="deny")
    assert browser.evaluate("NC_CY.edges().length") == len(denials)
    assert browser.errors() == []


def test_network_filters_accusations_by_confidence(pipeline_run, site, browser):
    """The confidence control keeps the edges whose best accusation reaches it: the pairs
    `actor_claim_edges.accusation_confidence >= x` selects, each with its claims that do."""
    with open_report_data(pipeline_run.published) as con:
        every = edges(con, act="accuse")
        sure = edges(con, act="accuse", min_confidence=0.5)
    mart = pipeline_run.query(
        "SELECT speaker_name, target_name FROM marts.actor_claim_edges "
        "WHERE n_accusations > 0 AND accusation_confidence >= 0.5"
    )
    assert {(e.speaker_name, e.target_name) for e in sure} == set(map(tuple, mart))
    assert 0 < len(sure) < len(every)  # the seed has edges on both sides of 0.5
    browser.goto((site / "network.html").as_uri())
    browser.wait_for("window.NC_CY && NC_CY.nodes().length")
    browser.evaluate(
        "document.getElementById('f-conf').value = '0.5'; "
        "document.getElementById('f-conf').dispatchEvent(new Event('change'))"
    )
    drawn = browser.evaluate(
        "NC_CY.edges().map(e => [e.source().data('name'), e.target().data('name'), "
        "e.data('count')])"
    )
    assert {(s, t, n) for s, t, n in drawn} == {
        (e.speaker_name, e.target_name, e.count) for e in sure
    }
    assert browser.errors() == []


def test_article_page_highlights_every_span(pipeline_run, site, browser, tmp_path):
    article_id, text = pipeline_run.query(
        "SELECT article_id, text FROM raw.articles WHERE source_path LIKE '%000_a81c1ecdc2e2b03d%'"
    )[0]
    claims = pipeline_run.query(
        "SELECT content_spans, content_start, content_end, cue_start, cue_end, speaker_start, "
        "speaker_end FROM marts.fct_claims WHERE article_id = ? "
        "ORDER BY content_start, claim_id",
        [article_id],
    )
    expected = {}
    for i, (parts, c_start, c_end, q_start, q_end, s_start, s_end) in enumerate(claims):
        expected[f"{i}c"] = "".join(text[s:e] for s, e in (parts or [[c_start, c_end]]))
        if q_start is not None:
            expected[f"{i}q"] = text[q_start:q_end]
        if s_start is not None:
            expected[f"{i}s"] = text[s_start:s_end]
    browser.goto((site / "a" / f"{article_id}.html").as_uri())
    covered = browser.evaluate("""(() => {
        const out = {};
        document.querySelectorAll('#text mark').forEach(m => m.dataset.h.split(' ').forEach(
            k => { out[k] = (out[k] || '') + m.textContent; }));
        return out; })()""")
    cards = browser.evaluate("document.querySelectorAll('.claim').length")
    browser.screenshot(tmp_path / "article.png")
    assert cards == len(claims) >= 10
    assert covered == expected
    assert browser.evaluate("document.getElementById('text').textContent") == text
    assert browser.errors() == []


def test_actor_page_plots_weeks(pipeline_run, site, browser, tmp_path):
    actor_id, made, dated = pipeline_run.query(
        "SELECT a.actor_id, a.n_claims_made, count(c.article_date) FROM marts.dim_actors a "
        "JOIN marts.fct_claims c ON c.speaker_actor_id = a.actor_id "
        "WHERE a.canonical_name = 'Kremlin' GROUP BY ALL"
    )[0]
    browser.goto((site / "p" / f"{actor_id}.html").as_uri())
    bars = browser.wait_for(
        "document.querySelectorAll('#weekly svg path[aria-roledescription=bar]')"
        ".length || document.querySelectorAll('#weekly .mark-rect path').length"
    )
    rows = browser.evaluate(
        "document.querySelectorAll('table.claims-table')[0].tBodies[0].rows.length"
    )
    spec = {"data": {"values": browser.evaluate("window.NC_WEEKLY")}}
    browser.screenshot(tmp_path / "actor.png")
    # the plot counts the dated claims; the table lists them all
    assert sum(v["claims"] for v in spec["data"]["values"] if v["series"] == "made") == dated
    assert bars >= 1 and rows == made
    assert browser.errors() == []


def test_search_finds_claims_by_speaker_and_word(pipeline_run, site, browser, tmp_path):
    with open_report_data(pipeline_run.published) as con:
        rows = con.execute("SELECT speaker_name, speaker_mention, content FROM claims").fetchall()
    expected = sum(
        any(t.startswith("kremlin") for t in tokens(" ".join(filter(None, r)))) for r in rows
    )
    browser.goto((site / "search.html").as_uri())
    browser.wait_for("document.body.dataset.searchDone")
    total = browser.evaluate("document.getElementById('search-summary').textContent")
    browser.evaluate(
        "const q = document.getElementById('q'); q.value = 'Kreml'; "
        "q.dispatchEvent(new Event('input'))"
    )
    browser.wait_for("document.body.dataset.searchDone === '2'")
    summary = browser.evaluate("document.getElementById('search-summary').textContent")
    shown = browser.evaluate("document.querySelectorAll('#results tbody tr').length")
    browser.screenshot(tmp_path / "search.png")
    assert total.startswith(f"{len(rows)} claims")
    assert summary.startswith(f"{expected} claims") and shown == min(expected, 50) > 0
    assert browser.errors() == []
