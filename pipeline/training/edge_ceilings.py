"""Where accusation edges are lost: out-of-fold edges F1 with one decision at a time made right.

Each row scores the same extracted claims (acts and accused from `analysis_oof`'s models, each
fitted without the article) with some decisions taken from the matched gold claim instead:

- `model`: nothing replaced (the out-of-fold figure `make evaluate-analysis` prints);
- `gold speaker`: the speaker of every matched claim;
- `gold act, model ranker`: the act, the accused then chosen by the ranker for that act;
- `model act, oracle choice`: among the claim's candidates exactly the gold accused, when the
  model's act is an accusation or a denial (what a perfect ranker would reach);
- `gold act, oracle choice`: both;
- `gold act and accused`: the gold accused by name, candidates or not;
- `gold speaker, act and accused`: what is left is claims the extractor missed or cut wrongly.

The gap between two rows is what that decision costs::

    python -m pipeline.training.edge_ceilings ../shared/gold     # --folds 5 --seed 0
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.evaluation.analysis import match_claims, score
from pipeline.extract.claims.labels.learned.model import AnalysisModel
from pipeline.training.analysis_data import SETS, ArticleExamples, ClaimExample, load_examples
from pipeline.training.analysis_oof import SEED, oof_models, predicted_row

# (row, claim, gold claim, model) -> None: replaces decisions of `row` in place
Fix = Callable[[dict, ClaimExample, dict, AnalysisModel], None]
_ACCUSED_ACTS = ("accuse", "deny")


def _speaker(row: dict, c: ClaimExample, g: dict, model: AnalysisModel) -> None:
    row["speaker"] = g["speaker"]


def _act_ranker(row: dict, c: ClaimExample, g: dict, model: AnalysisModel) -> None:
    row["act"], row["accused"] = g["act"], []
    if g["act"] in _ACCUSED_ACTS and c.feats.candidates:
        probs = model.accused_probs(c.feats.candidates, g["act"])
        row["accused"] = [c.feats.candidates[k].ref.name for k in model.choose(probs, g["act"])]


def _oracle(row: dict, c: ClaimExample, g: dict, model: AnalysisModel) -> None:
    pairs = zip(c.feats.candidates, c.accused_labels, strict=True)
    chosen = [cand.ref.name for cand, lab in pairs if lab]
    row["accused"] = chosen if row["act"] in _ACCUSED_ACTS else []


def _act(row: dict, c: ClaimExample, g: dict, model: AnalysisModel) -> None:
    row["act"] = g["act"]


def _accused(row: dict, c: ClaimExample, g: dict, model: AnalysisModel) -> None:
    row["accused"] = list(g["accused"])


def _chain(*fixes: Fix) -> Fix:
    def fix(row: dict, c: ClaimExample, g: dict, model: AnalysisModel) -> None:
        for f in fixes:
            f(row, c, g, model)

    return fix


VARIANTS: dict[str, Fix | None] = {
    "model": None,
    "gold speaker": _speaker,
    "gold act, model ranker": _act_ranker,
    "model act, oracle choice": _oracle,
    "gold act, oracle choice": _chain(_act, _oracle),
    "gold act and accused": _chain(_act, _accused),
    "gold speaker, act and accused": _chain(_speaker, _act, _accused),
}


def ceiling_rows(
    sets: dict[str, list[ArticleExamples]], folds: int = 5, seed: int = SEED
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """{variant: {article: predicted rows}} with the out-of-fold models of `seed`."""
    everything = [a for name in SETS for a in sets[name]]
    out: dict[str, dict[str, list[dict[str, Any]]]] = {v: {} for v in VARIANTS}
    pairs: dict[str, list] = {"act": [], "accused": []}
    for model, held in oof_models(everything, folds, seed):
        for a in held:
            base = [predicted_row(model, c, pairs) for c in a.claims]
            matched, _ = match_claims(a.gold, [dict(c.row) for c in a.claims])
            for name, fix in VARIANTS.items():
                rows = [dict(r) for r in base]
                if fix is not None:
                    for row, c, g in zip(rows, a.claims, matched, strict=True):
                        if g is not None:
                            fix(row, c, g, model)
                out[name][a.article] = rows
    return out


def ceilings(
    sets: dict[str, list[ArticleExamples]], folds: int = 5, seed: int = SEED
) -> dict[str, dict[str, tuple[float, float, float]]]:
    """{set: {variant: edges (P, R, F1)}}."""
    rows = ceiling_rows(sets, folds, seed)
    table: dict[str, dict[str, tuple[float, float, float]]] = {}
    for name in SETS:
        golds = [a.gold for a in sets[name]]
        table[name] = {}
        for variant, by_article in rows.items():
            preds = {a.article: {"claims": by_article[a.article], "actors": []} for a in sets[name]}
            table[name][variant] = tuple(score(golds, preds)["accusation_edges_P_R_F1"])
    return table


def format_ceilings(table: dict[str, dict[str, Sequence[float]]]) -> str:
    lines = ["accusation edges P / R / F1, out of fold, with these decisions taken from the gold"]
    for name, by_variant in table.items():
        lines.append(f"\n{name}")
        for variant, (p, r, f) in by_variant.items():
            lines.append(f"  {variant:32s} {p:.3f} / {r:.3f} / {f:.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold_root", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    print(format_ceilings(ceilings(load_examples(args.gold_root), args.folds, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
