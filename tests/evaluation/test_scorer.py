"""The scorer on a tiny hand-made gold file with hand-computed scores."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluation.scorer import dice, evaluate, format_report, load_gold, predict, tokens
from pipeline.extract.records import claim_to_json

TEXT_A = 'Smith said the plan failed. "We are done," Jones said. Officials expect growth.'
TEXT_B = "The mayor said taxes will rise."
TEXT_C = "Ann wrote alpha beta gamma delta."


def _span(text: str, part: str, nth: int = 0) -> list:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return [start, start + len(part), part]


@pytest.fixture()
def gold_file(tmp_path):
    arts = [
        {
            "name": "a",
            "text": TEXT_A,
            "attributions": [
                {
                    "source": [_span(TEXT_A, "Smith")],
                    "cue": [_span(TEXT_A, "said")],
                    "content": [_span(TEXT_A, "the plan failed")],
                },
                {
                    "source": [_span(TEXT_A, "Jones")],
                    "cue": [_span(TEXT_A, "said", 1)],
                    "content": [_span(TEXT_A, '"We are done,"')],
                },
                {
                    "source": [],
                    "cue": [_span(TEXT_A, "expect")],
                    "content": [_span(TEXT_A, "growth")],
                },
            ],
        },
        {
            "name": "b",
            "text": TEXT_B,
            "attributions": [
                {
                    "source": [_span(TEXT_B, "The mayor")],
                    "cue": [_span(TEXT_B, "said")],
                    "content": [_span(TEXT_B, "taxes will rise")],
                },
            ],
        },
        {
            "name": "c",
            "text": TEXT_C,
            "attributions": [
                {
                    "source": [_span(TEXT_C, "Ann")],
                    "cue": [_span(TEXT_C, "wrote")],
                    "content": [_span(TEXT_C, "alpha beta gamma delta")],
                },
            ],
        },
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in arts) + "\n", encoding="utf-8")
    return path


def _pred(article, content, cstart, speaker=None, s_start=None, cue=None, c_start=None):
    return {
        "article": article,
        "content": content,
        "content_start": cstart,
        "content_end": cstart + len(content),
        "speaker": speaker,
        "speaker_start": s_start,
        "speaker_end": s_start + len(speaker) if speaker and s_start is not None else None,
        "cue": cue,
        "cue_start": c_start,
        "cue_end": c_start + len(cue) if cue and c_start is not None else None,
    }


@pytest.fixture()
def predictions():
    a = TEXT_A
    we = a.index("We")
    return [
        # exact match, speaker and cue by offsets
        _pred("a", "the plan failed", a.index("the plan"), "Smith", 0, "said", a.index("said")),
        # Dice 6/7: matched at 0.5 not 0.9; speaker located by search -> "Smith" (wrong);
        # cue located by search nearest the content -> Jones's "said" (right)
        _pred("a", "We are done today", we, "Smith", None, "said", None),
        # gold without source: right only because no speaker is predicted
        _pred("a", "growth", a.index("growth"), None, None, "expect", a.index("expect")),
        # false positive
        _pred("a", "something unrelated entirely", 0),
        # greedy in prediction order: the partial prediction takes the gold item first
        _pred("c", "alpha beta", TEXT_C.index("alpha"), "Ann", 0, "wrote", 4),
        _pred("c", "alpha beta gamma delta", TEXT_C.index("alpha"), "Ann", 0, "wrote", 4),
    ]


def test_scores_by_hand(gold_file, predictions):
    r = evaluate(gold_file, predictions)
    assert (r["gold"], r["predicted"], r["matched"]) == (5, 6, 4)
    assert r["content"]["precision"] == pytest.approx(4 / 6)
    assert r["content"]["recall"] == pytest.approx(4 / 5)
    assert r["content"]["f1"] == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))
    # at 0.9: "the plan failed", "growth" and (second pass) the full "alpha …" prediction
    assert r["content_09"]["matched"] == 3
    assert r["content_09"]["precision"] == pytest.approx(3 / 6)
    assert r["content_09"]["recall"] == pytest.approx(3 / 5)
    assert r["speaker_pairs"] == 3
    assert r["speaker_accuracy"] == pytest.approx(2 / 3)
    assert r["cue_pairs"] == 4
    assert r["cue_accuracy"] == pytest.approx(1.0)
    assert r["end_to_end"]["matched"] == 3
    assert r["end_to_end"]["precision"] == pytest.approx(3 / 6)
    assert r["end_to_end"]["recall"] == pytest.approx(3 / 5)
    text = format_report(r)
    assert "content" in text and "0.727" in text


def test_precision_by_form(gold_file, predictions):
    forms = ["indirect", "direct", "indirect", "indirect", "indirect", "indirect"]
    for p, form in zip(predictions, forms, strict=True):
        p["form"] = form
    r = evaluate(gold_file, predictions)
    assert r["precision_by_form"]["direct"] == {"predicted": 1, "matched": 1, "precision": 1.0}
    assert r["precision_by_form"]["indirect"]["predicted"] == 5
    assert r["precision_by_form"]["indirect"]["matched"] == 3
    assert "by form      direct=1/1  indirect=3/5" in format_report(r)


def test_dice_multiset():
    assert dice(tokens("a b b"), tokens("b b c")) == pytest.approx(2 * 2 / 6)
    assert dice(tokens(""), tokens("")) == 0.0


def test_evaluate_runs_extractor(gold_file, extractor):
    r = evaluate(gold_file, extractor=extractor)
    assert r["predicted"] >= 3
    assert r["matched"] >= 3
    assert r["speaker_accuracy"] > 0.5


def test_claim_to_json_keys(extractor):
    res = extractor.extract_text(TEXT_B, "b")
    d = claim_to_json(res.claims[0], "b")
    assert set(d) == {
        "article",
        "content",
        "content_start",
        "content_end",
        "content_spans",
        "speaker",
        "speaker_start",
        "speaker_end",
        "speaker_name",
        "speaker_role",
        "speaker_type",
        "cue",
        "cue_start",
        "cue_end",
        "form",
        "act",
        "act_confidence",
        "reported_by",
        "confidence",
        "claim_id",
    }
    assert d["article"] == "b" and d["speaker"] == "The mayor"
    json.dumps(d)


def test_the_scorer_reports_confidence_only_when_predictions_have_it(gold_file, extractor):

    preds = predict(load_gold(gold_file), extractor)
    assert preds and all(p["confidence"] is not None for p in preds)
    report = evaluate(gold_file, preds)
    assert report["confidence"]["at"][0]["threshold"] == 0.5
    assert "by confidence" in format_report(report)
    bare = [{k: v for k, v in p.items() if k != "confidence"} for p in preds]
    assert evaluate(gold_file, bare)["confidence"] is None
