"""Search in the browser: words match by stem ("terrorists" finds "terrorist"), the page's
stems are the index's, and "accused:name" finds the claims that accuse that actor."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.devtools.browser import Chromium, find_chromium
from pipeline.report.data import open_report_data
from pipeline.report.search import stem, tokens
from tests.conftest import SEED_FILE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed"),
]
FORMS = "terrorists terrorist attacks attacking attacked accused accuses denied denies policies"


def _search(browser: Chromium, query: str, round_no: int) -> int:
    """Claims the page finds for `query` (a trailing space: no word is still being typed)."""
    browser.evaluate(
        f"{{ const q = document.getElementById('q'); q.value = {query!r}; "
        "q.dispatchEvent(new Event('input')); }"
    )
    browser.wait_for(f"document.body.dataset.searchDone === '{round_no}'")
    summary = browser.evaluate("document.getElementById('search-summary').textContent")
    return int(summary.split()[0])


def test_search_by_stem_and_by_accused(pipeline_run):
    site: Path = pipeline_run.published.parent / "report"
    with open_report_data(pipeline_run.published) as con:
        rows = con.execute("""
            SELECT c.claim_id, concat_ws(' ', c.speaker_name, c.speaker_mention, c.content),
                   string_agg(a.name, ' ')
            FROM claims c LEFT JOIN claim_accused x USING (claim_id)
            LEFT JOIN actors a ON a.actor_id = x.actor_id GROUP BY ALL""").fetchall()
    words = sorted(set(tokens(SEED_FILE.read_text(encoding="utf-8")) + FORMS.split()))

    def having(word: str, accused_only: bool = False) -> int:
        key = stem(word)
        return sum(
            key in {stem(t) for t in tokens(accused if accused_only else f"{text} {accused}")}
            for _, text, accused in rows
        )

    with Chromium() as browser:
        browser.goto((site / "search.html").as_uri())
        browser.wait_for("document.body.dataset.searchDone")
        page_stems = browser.evaluate(f"{words!r}.map(NC.stem)")
        assert page_stems == [stem(w) for w in words]
        assert stem("terrorists") == stem("terrorist") and stem("attacking") == stem("attacks")
        found = {q: _search(browser, q, n) for n, q in enumerate(
            ("attack ", "attacks ", "attacking ", "accused:ukraine ", "accused:ukrainian "), 2
        )}  # fmt: skip
        assert browser.errors() == []
    assert found["attack "] == found["attacks "] == found["attacking "] == having("attack") > 0
    assert found["accused:ukraine "] == having("ukraine", accused_only=True) > 0
    assert found["accused:ukraine "] < having("ukraine")  # not every claim naming it accuses it
