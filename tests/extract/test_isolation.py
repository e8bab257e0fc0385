"""One article never fails a chunk: too-long and failing articles are recorded and skipped."""

from __future__ import annotations

import os
import time

import duckdb
import pytest
from spacy.language import Language

from pipeline.extract import Extractor
from pipeline.extract.isolation import extract_isolated
from pipeline.warehouse.store import pending_articles, write_extractions

BODY = (
    "Kremlin spokesman Dmitry Peskov said the talks would continue next week. "
    "He told reporters that the delegation was ready to travel to Istanbul."
)


@pytest.fixture
def small_parser_limit():
    extractor = Extractor(n_process=1)
    saved = extractor.nlp.max_length
    extractor.nlp.max_length = 2_000  # the cached pipeline is shared: restore it after
    yield extractor
    extractor.nlp.max_length = saved


def test_a_too_long_and_a_failing_article_do_not_stop_the_chunk(small_parser_limit, monkeypatch):
    extractor = small_parser_limit
    real = Extractor.extract_doc

    def poisoned(self, doc, article_id, text=None, **kw):
        if article_id == "poisoned":
            raise RuntimeError("rule bug on this article")
        return real(self, doc, article_id, text, **kw)

    monkeypatch.setattr(Extractor, "extract_doc", poisoned)
    chunk = [
        ("first", f"Talks\n\n{BODY}"),
        ("too-long", "Long\n\n" + " ".join([BODY] * 20)),
        ("poisoned", f"Talks again\n\n{BODY}"),
        ("last", f"More talks\n\n{BODY} Peskov said so."),
    ]
    results = extract_isolated(extractor, chunk)
    assert [r.article_id for r in results] == ["first", "too-long", "poisoned", "last"]
    errors = {r.article_id: r.error for r in results}
    assert errors["first"] is None and errors["last"] is None
    assert results[0].claims and results[3].claims
    assert (
        errors["too-long"].startswith("too_long: 2,885 characters")
        and "at most 2,000" in errors["too-long"]
    )
    assert errors["poisoned"] == "RuntimeError: rule bug on this article"

    con = duckdb.connect()
    con.execute("CREATE SCHEMA raw")
    from pipeline.warehouse.schema import ensure_raw_schema

    ensure_raw_schema(con)
    for article_id, text in chunk:
        con.execute(
            "INSERT INTO raw.articles (article_id, title, body, text, source_path, "
            "source_format, language, word_count, ingested_at) "
            "VALUES (?, '', '', ?, 'x', 'txt', 'en', 1, now())",
            [article_id, text],
        )
    stats = write_extractions(con, results, "v1")
    assert (stats.articles, stats.failed) == (4, 2)
    rows = con.execute(
        "SELECT article_id, n_claims, error FROM raw.article_extractions ORDER BY article_id"
    ).fetchall()
    assert [(a, e is None) for a, _, e in rows] == [
        ("first", True),
        ("last", True),
        ("poisoned", False),
        ("too-long", False),
    ]
    # recorded failures are not retried every run, only by a new extractor version
    assert pending_articles(con, "v1") == []
    assert len(pending_articles(con, "v2")) == 4


@Language.component("newsclaims_test_poison")
def _poison(doc):
    """Test-only component: misbehaves inside the parser's worker on marked texts."""
    if "DIE-IN-WORKER" in doc.text:
        os._exit(3)  # a worker crash (segfault, OOM kill) as the parent sees it
    if "RAISE-IN-WORKER" in doc.text:
        raise RuntimeError("parser error on this article")
    return doc


def test_a_dying_or_failing_parser_worker_costs_one_article_and_never_hangs():
    extractor = Extractor(n_process=2, batch_size=4)
    nlp = extractor.nlp
    nlp.add_pipe("newsclaims_test_poison", first=True)
    try:
        chunk = [(f"a{i:02d}", f"Talks {i}\n\n{BODY} Item {i}.") for i in range(12)]
        chunk[3] = ("dies", f"Talks\n\nDIE-IN-WORKER {BODY}")
        chunk[9] = ("raises", f"Talks\n\nRAISE-IN-WORKER {BODY}")
        started = time.monotonic()
        results = extract_isolated(extractor, chunk, timeout_s=120)
        assert time.monotonic() - started < 120
    finally:
        nlp.remove_pipe("newsclaims_test_poison")
    assert [r.article_id for r in results] == [a for a, _ in chunk]
    errors = {r.article_id: r.error for r in results if r.error}
    assert set(errors) == {"dies", "raises"}
    assert "worker process died" in errors["dies"]
    assert "parser error on this article" in errors["raises"]
    assert all(r.claims for r in results if not r.error)


def test_workers_keep_the_extractors_decider_and_labellers():
    from pipeline.extract.claims.labels import LABELLERS

    def credited_to_the_wire(claim, labels) -> None:
        labels.reported_by = "The Wire"

    extractor = Extractor(n_process=2, batch_size=1, labellers=(*LABELLERS, credited_to_the_wire))
    chunk = [("one", f"Talks\n\n{BODY}"), ("two", f"More talks\n\n{BODY}")]
    results = extract_isolated(extractor, chunk)
    claims = [c for r in results for c in r.claims]
    assert claims and {c.reported_by for c in claims} == {"The Wire"}
