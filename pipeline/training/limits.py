"""Where the decision model stops: what its candidates could reach, and where it loses gold.

On one split's candidate rows (`dataset.GroupRow`), decided as the shipped decider decides:

- *reachable*: gold attributions that some boundary alternative of some candidate matches
  (token Dice >= 0.5): the recall a perfect chooser would get from these candidates;
- the reachable gold the model still misses, by cause: its candidate was kept with another
  boundary, dropped by the keep model, or kept but matched to a near-identical gold item;
- *contested* candidates (some alternatives right, some wrong): how often the ranker, and
  how often the rules' own boundary, picks a right one.

Example::

    report = limits(dev_rows, dev_articles, model)
    report["reachable"] / report["gold"]        # the candidates' recall ceiling
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pipeline.evaluation.scorer import dice, match_article, tokens
from pipeline.extract.claims.decision.model import DecisionModel

from .dataset import GroupRow
from .fit import choose, decided, keep_example
from .labels import MATCH_DICE


def limits(
    rows: Sequence[GroupRow], articles: Sequence[dict[str, Any]], model: DecisionModel
) -> dict[str, int]:
    """Counts of gold attributions by fate, and of contested candidates (see the module)."""
    counts: Counter[str] = Counter()
    choices = [choose(model.ranker, r) for r in rows]
    confidences = [
        model.confidence(keep_example(r, ch)[0]) for r, ch in zip(rows, choices, strict=True)
    ]
    for r, (best, _, _) in zip(rows, choices, strict=True):
        if len({a.right for a in r.alts}) == 2:
            counts["contested"] += 1
            counts["contested_ranker_right"] += r.alts[best].right
            counts["contested_rule_right"] += r.alts[0].right
    kept = decided(rows, choices, confidences, model.threshold_rule, model.threshold_new)
    by_article: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        by_article.setdefault(r.article, []).append(k)
    for art in articles:
        name = art["name"]
        _article_fates(art, rows, choices, by_article.get(name, []), kept.get(name, []), counts)
    keys = (
        "gold reachable matched unreachable lost_boundary lost_dropped lost_duplicate "
        "contested contested_ranker_right contested_rule_right"
    ).split()
    return {k: counts[k] for k in keys}


def _article_fates(
    art: dict[str, Any],
    rows: Sequence[GroupRow],
    choices: Sequence[tuple[int, float, float]],
    candidates: list[int],
    kept: list[int],
    counts: Counter[str],
) -> None:
    preds = [{"content": rows[k].alts[choices[k][0]].content} for k in kept]
    gold = art["attributions"]
    matched = {gi for _, gi, _ in match_article(gold, preds) if gi is not None}
    kept_set = set(kept)
    alt_tokens = {k: [tokens(a.content) for a in rows[k].alts] for k in candidates}
    for gi, g in enumerate(gold):
        counts["gold"] += 1
        gt = tokens(" ".join(f[2] for f in g["content"]))
        reach = [
            (k, j)
            for k, alts in alt_tokens.items()
            for j, at in enumerate(alts)
            if dice(at, gt) >= MATCH_DICE
        ]
        if reach:
            counts["reachable"] += 1
        if gi in matched:
            counts["matched"] += 1
        elif not reach:
            counts["unreachable"] += 1
        elif any(k in kept_set and choices[k][0] == j for k, j in reach):
            counts["lost_duplicate"] += 1
        elif any(k in kept_set for k, _ in reach):
            counts["lost_boundary"] += 1
        else:
            counts["lost_dropped"] += 1
