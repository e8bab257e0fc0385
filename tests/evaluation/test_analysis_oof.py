"""The analysis yardstick on a small fold (skipped without ../shared): every article's acts
and accused come from models fitted without it, the rules' column is the extractor's own
figures, and the report prints one table per set."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from pipeline.training import analysis_oof
from pipeline.training.analysis_data import load_examples
from pipeline.training.analysis_fit import folds_of
from pipeline.training.analysis_oof import (
    ece,
    evaluate_examples,
    evaluate_oof,
    format_oof,
    load_classifier_logits,
)

from ..conftest import shared_path

pytestmark = pytest.mark.corpus


def test_folds_split_articles_into_disjoint_groups() -> None:
    groups = folds_of(list(range(11)), 5, seed=0)
    flat = sorted(i for g in groups for i in g)
    assert flat == list(range(11)) and len(groups) == 5
    assert groups == folds_of(list(range(11)), 5, seed=0)  # fixed seed, same folds


def test_ece_of_perfect_and_overconfident_predictions() -> None:
    assert ece([(1.0, True), (0.0, False)]) == 0.0
    assert ece([(0.95, False)] * 10) == 0.95


def test_out_of_fold_never_scores_an_article_with_a_model_that_saw_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gold = shared_path("gold")
    seen: list[set[str]] = []
    real_fit, real_predict = analysis_oof.fit_model, analysis_oof._predict
    trained_on: dict[int, set[str]] = {}

    def fit(articles, *args, **kwargs):
        model = real_fit(articles, *args, **kwargs)
        trained_on[id(model)] = {a.article for a in articles}
        return model

    def predict(model, articles, rows, pairs):
        for a in articles:
            assert a.article not in trained_on[id(model)], f"{a.article} was in training"
        seen.append({a.article for a in articles})
        return real_predict(model, articles, rows, pairs)

    monkeypatch.setattr(analysis_oof, "fit_model", fit)
    monkeypatch.setattr(analysis_oof, "_predict", predict)
    report: dict[str, Any] = evaluate_oof(gold, folds=2, limit=3, spread=1)
    assert report["articles"] == 6 and len(seen) == 2 + 2  # two folds, two cross-set runs
    for name, cols in report["sets"].items():
        assert cols["rules"]["articles"] == 3, name
        for col in ("rules", "oof", "cross"):
            assert 0.0 <= cols[col]["act_acc"] <= 1.0
            # claims, speakers and outlets are the extractor's in every column
            assert cols[col]["claim_F1"] == cols["rules"]["claim_F1"]
    assert all(0.0 <= v <= 1.0 for v in report["ece_out_of_fold"].values() if v is not None)
    table = format_oof(report)
    assert "analysis-politics (3 articles)" in table and "out of fold" in table


def test_the_spread_is_the_mean_and_deviation_over_fold_seeds() -> None:
    sets = load_examples(shared_path("gold"), limit=3)
    one = [evaluate_examples(sets, folds=2, seed=s, spread=1) for s in (0, 1)]
    report = evaluate_examples(sets, folds=2, seed=0, spread=2)
    for name in report["sets"]:
        f1 = [r["sets"][name]["oof"]["accusation_edges_P_R_F1"][2] for r in one]
        mean, std = report["spread"][name]["edges_F1"]
        assert mean == pytest.approx(sum(f1) / 2) and std == pytest.approx(abs(f1[0] - f1[1]) / 2)
    assert "edges F1 over 2 fold seeds" in format_oof(report)


def _constant_logits(sets, favoured: dict[str, str]):
    """Classifier logits that favour one act per column ({"oof": act, "cross": act})."""
    from pipeline.training.analysis_fit import ACTS

    table = {}
    for col, act in favoured.items():
        z = np.full(len(ACTS), -30.0)
        z[ACTS.index(act)] = 30.0
        table[col] = {
            (a.article, k): z for n in sets for a in sets[n] for k in range(len(a.claims))
        }
    return table


def test_the_act_classifier_s_logits_enter_each_column_from_their_own_runs() -> None:
    """Out-of-fold predictions pool the classifier's out-of-fold logits, cross-set ones its
    cross-set logits; afterwards the examples carry none (the next evaluation is clean)."""
    sets = load_examples(shared_path("gold"), limit=3)
    logits = _constant_logits(sets, {"oof": "hedge", "cross": "deny"})
    report = evaluate_examples(sets, folds=2, seed=0, spread=1, classifier=logits)
    assert report["classifier"]
    for name, cols in report["sets"].items():
        oof, cross = cols["oof"]["act_recall_by_gold"], cols["cross"]["act_recall_by_gold"]
        # overwhelming logits decide every act the rules do not keep
        assert oof.get("hedge", "0/0").split("/")[0] == oof.get("hedge", "0/0").split("/")[1]
        assert cross.get("deny", "0/0").split("/")[0] == cross.get("deny", "0/0").split("/")[1]
        assert oof["assert"].startswith("0/") and cross["assert"].startswith("0/"), name
    assert all(c.feats.act_logits is None for n in sets for a in sets[n] for c in a.claims)
    plain = evaluate_examples(sets, folds=2, seed=0, spread=1)
    assert not plain["classifier"] and "act classifier" not in format_oof(plain)


def test_a_stale_logits_file_is_refused(tmp_path) -> None:
    sets = load_examples(shared_path("gold"), limit=3)
    a = sets["analysis"][0]
    path = tmp_path / "oof.jsonl"
    path.write_text(
        json.dumps(
            {
                "article": a.article,
                "k": 0,
                "content": "not the claim",
                "oof": [0] * 5,
                "cross": [0] * 5,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="stale"):
        load_classifier_logits(path, sets)
