"""Fitting the decision model: boundary ranker, keep model, calibration, thresholds.

Everything is learned from the training split; the calibration and the two thresholds come
from 5-fold cross-fitted predictions on it (folds by article), so dev stays an honest check.
Both scorers are L2-regularised logistic regressions (scikit-learn, lbfgs): deterministic for
the same rows, and their coefficients are the shipped model. Example::

    model, report = fit_model(train_rows, train_gold_path)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from pipeline.evaluation.scorer import evaluate
from pipeline.extract.claims.decision.decider import Choice, rank, select
from pipeline.extract.claims.decision.features import Features, keep_features, ranker_features
from pipeline.extract.claims.decision.model import DecisionModel, LinearScorer

from .dataset import GroupRow

FOLDS = 5
C_RANKER = 0.1
C_KEEP = 0.1
THRESHOLDS_RULE = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
THRESHOLDS_NEW = (0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)
_DIGITS = 6


def fit_linear(examples: Sequence[Features], labels: Sequence[bool], c: float) -> LinearScorer:
    """A logistic regression on feature dicts, as a `LinearScorer` (weights by name)."""
    vec = DictVectorizer()
    x = vec.fit_transform(examples)
    # the same sums in the same order on every run: sorted columns, one BLAS thread
    x.sort_indices()
    y = np.asarray(labels, dtype=bool)
    if y.all() or not y.any():
        return LinearScorer(8.0 if y.all() else -8.0, {})
    with threadpool_limits(limits=1):
        lr = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    weights = {
        name: round(float(w), _DIGITS)
        for name, w in zip(vec.feature_names_, lr.coef_[0], strict=True)
        if abs(w) >= 10**-_DIGITS
    }
    return LinearScorer(round(float(lr.intercept_[0]), _DIGITS), weights)


def fit_ranker(rows: Sequence[GroupRow], c: float = C_RANKER) -> LinearScorer:
    """Boundary ranker, learned from candidates with both a right and a wrong alternative."""
    xs: list[Features] = []
    ys: list[bool] = []
    for r in rows:
        if len({a.right for a in r.alts}) == 2:
            for a in r.alts:
                xs.append(ranker_features(r.group, a.features))
                ys.append(a.right)
    return fit_linear(xs, ys, c)


def choose(ranker: LinearScorer, row: GroupRow) -> tuple[int, float, float]:
    """(best alternative, its score, margin over the runner-up), as the decider ranks."""
    return rank(ranker, row.group, [a.features for a in row.alts])


def keep_example(row: GroupRow, choice: tuple[int, float, float]) -> tuple[Features, bool]:
    best, score, margin = choice
    alt = row.alts[best]
    return keep_features(row.group, alt.features, score, margin), alt.right and row.speaker_right


def fit_keep(
    rows: Sequence[GroupRow], choices: Sequence[tuple[int, float, float]], c: float = C_KEEP
) -> LinearScorer:
    """Keep model: is the candidate, with its chosen boundary, a right claim?"""
    pairs = [keep_example(r, ch) for r, ch in zip(rows, choices, strict=True)]
    return fit_linear([x for x, _ in pairs], [y for _, y in pairs], c)


def fold_of(rows: Sequence[GroupRow], folds: int = FOLDS) -> list[int]:
    """Fold number of each row: articles in name order, dealt round-robin."""
    names = sorted({r.article for r in rows})
    fold = {name: k % folds for k, name in enumerate(names)}
    return [fold[r.article] for r in rows]


def cross_fit(
    rows: Sequence[GroupRow], folds: int = FOLDS
) -> tuple[list[tuple[int, float, float]], list[float]]:
    """Out-of-fold boundary choices and raw keep scores for every row."""
    fold = fold_of(rows, folds)
    choices: list[tuple[int, float, float]] = [(0, 0.0, 0.0)] * len(rows)
    scores = [0.0] * len(rows)
    for k in range(folds):
        train = [r for r, f in zip(rows, fold, strict=True) if f != k]
        test = [i for i, f in enumerate(fold) if f == k]
        ranker = fit_ranker(train)
        keep = fit_keep(train, [choose(ranker, r) for r in train])
        for i in test:
            choices[i] = choose(ranker, rows[i])
            scores[i] = keep.score(keep_example(rows[i], choices[i])[0])
    return choices, scores


def platt(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """Calibration sigmoid(a * score + b) fitted to out-of-fold scores."""
    lr = LogisticRegression(C=1e6, max_iter=1000)
    with threadpool_limits(limits=1):
        lr.fit(np.asarray(scores).reshape(-1, 1), np.asarray(labels, dtype=bool))
    return round(float(lr.coef_[0][0]), _DIGITS), round(float(lr.intercept_[0]), _DIGITS)


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def decided(
    rows: Sequence[GroupRow],
    choices: Sequence[tuple[int, float, float]],
    confidences: Sequence[float],
    threshold_rule: float,
    threshold_new: float,
) -> dict[str, list[int]]:
    """Per article, the indices of the rows kept as `LearnedDecider` keeps them, in text order
    (content start, then cue start)."""
    by_article: dict[str, list[Choice]] = {}
    for k, (r, ch, p) in enumerate(zip(rows, choices, confidences, strict=True)):
        by_article.setdefault(r.article, []).append(
            Choice(p, r.rule_kept, r.alts[ch[0]].content, k)
        )

    def position(k: int) -> tuple[int, int]:
        return rows[k].alts[choices[k][0]].spans[0][0], rows[k].pred["cue_start"]

    return {
        article: sorted(select(items, threshold_rule, threshold_new), key=position)
        for article, items in by_article.items()
    }


def predictions(
    rows: Sequence[GroupRow],
    choices: Sequence[tuple[int, float, float]],
    confidences: Sequence[float],
    threshold_rule: float,
    threshold_new: float,
) -> list[dict[str, Any]]:
    """The scorer's predictions for rows decided as `LearnedDecider` decides, in text order."""
    kept = decided(rows, choices, confidences, threshold_rule, threshold_new)
    return [
        rows[k].prediction(rows[k].alts[choices[k][0]], confidences[k])
        for indices in kept.values()
        for k in indices
    ]


def pick_thresholds(
    rows: Sequence[GroupRow],
    choices: Sequence[tuple[int, float, float]],
    confidences: Sequence[float],
    gold_path: Path,
) -> tuple[float, float, list[dict[str, Any]]]:
    """The (rule, new) thresholds maximising content F1 + end-to-end F1 (scored by the
    official scorer): `rule` first with no new candidates, then `new`; and every point tried."""
    tried: list[dict[str, Any]] = []

    def score(t_rule: float, t_new: float) -> float:
        rep = evaluate(gold_path, predictions(rows, choices, confidences, t_rule, t_new))
        point = {
            "rule": t_rule,
            "new": t_new,
            "content_f1": round(rep["content"]["f1"], 4),
            "e2e_f1": round(rep["end_to_end"]["f1"], 4),
        }
        tried.append(point)
        return point["content_f1"] + point["e2e_f1"]

    never = THRESHOLDS_NEW[-1]
    t_rule = max(THRESHOLDS_RULE, key=lambda t: (score(t, never), -t))
    t_new = max(THRESHOLDS_NEW, key=lambda t: (score(t_rule, t), t))
    return t_rule, t_new, tried


def fit_model(rows: Sequence[GroupRow], gold_path: Path) -> tuple[DecisionModel, dict[str, Any]]:
    """The decision model from training rows (`gold_path`: their gold, for the thresholds)."""
    choices, raw = cross_fit(rows)
    labels = [keep_example(r, ch)[1] for r, ch in zip(rows, choices, strict=True)]
    a, b = platt(raw, labels)
    conf = [sigmoid(a * s + b) for s in raw]
    t_rule, t_new, tried = pick_thresholds(rows, choices, conf, gold_path)
    ranker = fit_ranker(rows)
    keep = fit_keep(rows, [choose(ranker, r) for r in rows])
    model = DecisionModel(ranker, keep, (a, b), t_rule, t_new)
    report = {"thresholds_tried": tried, "positives": sum(labels), "candidates": len(rows)}
    return model, report
