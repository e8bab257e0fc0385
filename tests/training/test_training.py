"""Training the decision model: labels by the scoring rules, the parse cache, a small fit.

The corpus tests use a few PolNeAR dev articles and skip when ../shared/corpora is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import Extractor
from pipeline.extract.claims.decision import DecisionModel, LearnedDecider
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.training.labels import Gold

TEXT = "Peskov said the talks had failed. Critics fear that prices will rise."


def _span(text: str, part: str) -> list:
    start = text.index(part)
    return [start, start + len(part), part]


GOLD = {
    "name": "t",
    "text": TEXT,
    "attributions": [
        {
            "source": [_span(TEXT, "Peskov")],
            "cue": [_span(TEXT, "said")],
            "content": [_span(TEXT, "the talks had failed")],
        },
        {
            "source": [],
            "cue": [_span(TEXT, "fear")],
            "content": [_span(TEXT, "that prices will rise")],
        },
    ],
}


def test_labels_follow_the_scoring_rules():
    gold = Gold(GOLD)
    said = TEXT.index("said")
    target = gold.target((said, said + 4), "the talks failed")
    assert target == 0  # by the cue
    assert gold.content_dice(target, "the talks had failed") == pytest.approx(1.0)
    assert gold.content_dice(target, "talks") < 0.5
    peskov = (0, len("Peskov"))
    assert gold.speaker_right(target, peskov)
    assert not gold.speaker_right(target, None)
    fear = TEXT.index("fear")
    no_source = gold.target((fear, fear + 4), "prices will rise")
    assert gold.speaker_right(no_source, None) and not gold.speaker_right(no_source, peskov)
    # no shared cue: the gold its content overlaps most (Dice >= 0.25), else none
    assert gold.target((0, 1), "prices will rise soon") == 1
    assert gold.target((0, 1), "something else entirely") is None


@pytest.fixture(scope="module")
def dev_sample(tmp_path_factory):
    from pipeline.training.corpus import load_split, polnear_dir

    gold = polnear_dir() / "dev" / "gold.jsonl"
    if not gold.exists():
        pytest.skip(f"corpus not available at {gold}")
    articles = load_split("dev")[:12]
    path = tmp_path_factory.mktemp("gold") / "sample.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return articles, path


def test_parses_are_cached_and_extract_as_fresh_ones(dev_sample, tmp_path, monkeypatch):
    from pipeline.training.corpus import parsed_docs

    monkeypatch.setenv("NEWSCLAIMS_CACHE_DIR", str(tmp_path))
    articles = dev_sample[0][:3]
    rules = Extractor(n_process=1, decide=decide_by_rules)
    first = parsed_docs("sample", articles, rules)
    assert len(list((tmp_path / "parses").glob("sample-*.spacy"))) == 1
    cached = parsed_docs("sample", articles, rules)
    for art, doc in zip(articles, cached, strict=True):
        fresh = rules.extract_text(art["text"], art["name"]).claims
        again = rules.extract_doc(doc, art["name"], art["text"]).claims
        assert [c.claim_id for c in again] == [c.claim_id for c in fresh]
    assert [len(d) for d in first] == [len(d) for d in cached]


def test_a_small_fit_is_deterministic_and_usable(dev_sample, tmp_path, monkeypatch):
    from pipeline.training.corpus import parsed_docs
    from pipeline.training.dataset import build_rows, extractor_source
    from pipeline.training.fit import fit_model

    monkeypatch.setenv("NEWSCLAIMS_CACHE_DIR", str(tmp_path))
    articles, gold_path = dev_sample
    rules = Extractor(n_process=1, decide=decide_by_rules)
    docs = parsed_docs("sample", articles, rules)
    rows = build_rows(articles, docs, extractor_source(rules.lexicon))
    assert sum(r.rule_kept for r in rows) < len(rows)  # candidates beyond the rules' choice
    assert {a.name for r in rows for a in r.alts} >= {"rule", "right_subtree"}
    first, report = fit_model(rows, gold_path)
    second, _ = fit_model(rows, gold_path)
    assert first.to_json() == second.to_json()
    assert first.keep.weights and first.ranker.weights
    assert report["thresholds_tried"]
    out = tmp_path / "model.json"
    first.save(out)
    learned = Extractor(
        n_process=1, decide=LearnedDecider(DecisionModel.load(out), decide_by_rules)
    )
    claims = learned.extract_doc(docs[0], articles[0]["name"], articles[0]["text"]).claims
    assert claims and all(0.0 <= c.confidence <= 1.0 for c in claims)
    assert Path(out).stat().st_size < 3_000_000

    # where it stops: every gold item has one fate, and "matched" is what the scorer counts
    from pipeline.evaluation.scorer import evaluate
    from pipeline.training.fit import choose, keep_example, predictions
    from pipeline.training.limits import limits

    lim = limits(rows, articles, first)
    fates = ("matched", "unreachable", "lost_boundary", "lost_dropped", "lost_duplicate")
    assert (
        sum(lim[k] for k in fates) == lim["gold"] == sum(len(a["attributions"]) for a in articles)
    )
    assert lim["matched"] <= lim["reachable"] < lim["gold"]
    choices = [choose(first.ranker, r) for r in rows]
    conf = [first.confidence(keep_example(r, c)[0]) for r, c in zip(rows, choices, strict=True)]
    kept = predictions(rows, choices, conf, first.threshold_rule, first.threshold_new)
    assert evaluate(gold_path, kept)["matched"] == lim["matched"]
    assert lim["contested_ranker_right"] <= lim["contested"]
