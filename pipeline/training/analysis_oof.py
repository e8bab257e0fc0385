"""The yardstick of the analysis layer: figures on articles its models never saw.

For each shared gold set (`gold/analysis`, `gold/analysis-politics`) three columns, scored by
`analysis.score` (the reference scorer's rules):

- `rules`: the extractor's rules alone (in-sample for the 21 older `analysis` articles the
  rules were written on, unseen text for the rest);
- `oof`: group k-fold by article over all 66 articles (default 5 folds, fixed seed): every
  article's acts and accused come from models fitted, and calibrated, without it;
- `cross`: models fitted on the *other* set only.

Also the calibration error (ECE, 10 bins) of act confidence and of accused confidence, out of
fold, and the spread of the out-of-fold accused and edges F1 over `spread` fold seeds (mean
and standard deviation: on 66 articles a change smaller than it is noise; it was 0.012 for
edges F1 on both sets in December 2026). `newsclaims evaluate --analysis-oof ../shared/gold`
or `make evaluate-analysis`::

    report = evaluate_oof(Path("../shared/gold"), folds=5)
    print(format_oof(report))

With the fine-tuned act classifier (`classifier=` its logits file, written by `make
evaluate-act-classifier`): each claim's classifier logits come from a classifier fine-tuned
without its article (out of fold: the folds of seed 0; cross-set: fine-tuned on the other set),
pooled with the act model's probabilities (`AnalysisModel.act_probs`). The
logistic models never see classifier outputs, so no prediction is stacked on its own training
articles, whatever the fold seed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.evaluation.analysis import score
from pipeline.extract.claims.labels.learned.labeller import decide
from pipeline.extract.claims.labels.learned.model import AnalysisModel
from pipeline.training.analysis_data import SETS, ArticleExamples, ClaimExample, load_examples
from pipeline.training.analysis_fit import fit_model, folds_of

SEED = 0
SPREAD_SEEDS = 5
# {"oof" | "cross": {(article, claim number): the classifier's logits over the acts}}
ClassifierLogits = dict[str, dict[tuple[str, int], np.ndarray]]


def load_classifier_logits(path: Path, sets: dict[str, list[ArticleExamples]]) -> ClassifierLogits:
    """The out-of-fold and cross-set logits of `act_finetune.py` (JSON lines), checked
    against the examples: a claim whose content differs means the file is stale."""
    contents = {
        (a.article, k): c.row["content"]
        for n in SETS
        for a in sets[n]
        for k, c in enumerate(a.claims)
    }
    out: ClassifierLogits = {"oof": {}, "cross": {}}
    with path.open(encoding="utf-8") as fh:
        for rec in map(json.loads, fh):
            key = (rec["article"], rec["k"])
            if contents.get(key) != rec["content"]:
                raise ValueError(
                    f"{path}: stale (claim {key} differs); rerun `make evaluate-act-classifier`"
                )
            out["oof"][key] = np.asarray(rec["oof"])
            out["cross"][key] = np.asarray(rec["cross"])
    if len(out["oof"]) != len(contents):
        raise ValueError(f"{path}: {len(out['oof'])} claims, the examples {len(contents)}")
    return out


def use_logits(articles: Sequence[ArticleExamples], table: dict | None) -> None:
    """Give each claim's features the classifier logits of `table` (None: none)."""
    for a in articles:
        for k, c in enumerate(a.claims):
            c.feats.act_logits = None if table is None else table[(a.article, k)]


def predicted_row(model: AnalysisModel, c: ClaimExample, pairs: dict[str, list]) -> dict:
    """The claim's row with the model's act and accused; (confidence, right) pairs for the
    calibration tables go to `pairs`."""
    lab = decide(model, c.feats)
    row = dict(c.row)
    outlet = row.get("reported_by")
    accused = [r.name for r in lab.accused if r.name != outlet]
    row["act"], row["accused"] = lab.act, accused
    row["about"] = list(
        dict.fromkeys([*accused, *(r.name for r in c.feats.content_refs if r.name != outlet)])
    )
    row["act_confidence"] = lab.confidence
    if c.gold_act is not None:
        pairs["act"].append((lab.confidence, lab.act == c.gold_act))
        if lab.act in ("accuse", "deny") and c.feats.candidates:
            probs = model.accused_probs(c.feats.candidates, lab.act)
            pairs["accused"].extend(zip(probs, map(bool, c.accused_labels), strict=True))
    return row


def ece(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> float | None:
    """Expected calibration error: mean |confidence - accuracy| over equal-width bins,
    weighted by their counts."""
    if not pairs:
        return None
    conf = np.array([p for p, _ in pairs])
    right = np.array([r for _, r in pairs], dtype=float)
    which = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() * abs(conf[mask].mean() - right[mask].mean())
    return round(total / len(pairs), 3)


def _score(articles: Sequence[ArticleExamples], rows: dict[str, list[dict]]) -> dict[str, Any]:
    golds = [a.gold for a in articles]
    return score(golds, {a: {"claims": r, "actors": []} for a, r in rows.items()})


def _predict(model: AnalysisModel, articles, rows: dict, pairs: dict) -> None:
    for a in articles:
        rows[a.article] = [predicted_row(model, c, pairs) for c in a.claims]


def oof_models(
    everything: Sequence[ArticleExamples], folds: int, seed: int
) -> Iterator[tuple[AnalysisModel, list[ArticleExamples]]]:
    """(model, the articles it was not fitted on) for each of `folds` groups of articles."""
    for held in folds_of(everything, folds, seed):
        held_set = set(held)
        model = fit_model([a for i, a in enumerate(everything) if i not in held_set])
        yield model, [everything[i] for i in held]


def evaluate_oof(
    gold_root: Path,
    folds: int = 5,
    seed: int = SEED,
    limit: int | None = None,
    spread: int = SPREAD_SEEDS,
    classifier: Path | None = None,
) -> dict[str, Any]:
    """Rules, out-of-fold and cross-set figures for each set (see the module doc)."""
    sets = load_examples(gold_root, limit)
    logits = load_classifier_logits(classifier, sets) if classifier else None
    return evaluate_examples(sets, folds, seed, spread, logits)


def _oof_rows(everything: Sequence[ArticleExamples], folds: int, seed: int):
    rows: dict[str, list[dict]] = {}
    pairs: dict[str, list] = {"act": [], "accused": []}
    for model, held in oof_models(everything, folds, seed):
        _predict(model, held, rows, pairs)
    return rows, pairs


def seed_spread(
    sets: dict[str, list[ArticleExamples]], folds: int, seeds: Sequence[int]
) -> dict[str, dict[str, tuple[float, float]]]:
    """{set: {"accused_F1" | "edges_F1": (mean, std)}} of the out-of-fold figures over
    fold splits drawn with each of `seeds`."""
    everything = [a for name in SETS for a in sets[name]]
    found: dict[str, dict[str, list[float]]] = {n: {"accused_F1": [], "edges_F1": []} for n in SETS}
    for seed in seeds:
        rows, _ = _oof_rows(everything, folds, seed)
        for name in SETS:
            scored = _score(sets[name], {a.article: rows[a.article] for a in sets[name]})
            found[name]["accused_F1"].append(scored["accused_P_R_F1"][2])
            found[name]["edges_F1"].append(scored["accusation_edges_P_R_F1"][2])
    return {
        name: {k: (float(np.mean(v)), float(np.std(v))) for k, v in by.items()}
        for name, by in found.items()
    }


def evaluate_examples(
    sets: dict[str, list[ArticleExamples]],
    folds: int = 5,
    seed: int = SEED,
    spread: int = SPREAD_SEEDS,
    classifier: ClassifierLogits | None = None,
) -> dict[str, Any]:
    """`evaluate_oof` on examples already loaded ({set name: articles})."""
    everything = [a for name in SETS for a in sets[name]]
    try:
        return _evaluate(sets, everything, folds, seed, spread, classifier)
    finally:
        use_logits(everything, None)


def _evaluate(sets, everything, folds, seed, spread, classifier) -> dict[str, Any]:
    use_logits(everything, classifier and classifier["oof"])
    oof_rows, oof_pairs = _oof_rows(everything, folds, seed)
    report: dict[str, Any] = {
        "folds": folds,
        "seed": seed,
        "articles": len(everything),
        "classifier": classifier is not None,
        "ece_out_of_fold": {k: ece(v) for k, v in oof_pairs.items()},
        "sets": {},
    }
    for name in SETS:
        other = [a for n in SETS if n != name for a in sets[n]]
        cross_rows: dict[str, list[dict]] = {}
        cross_pairs: dict[str, list] = {"act": [], "accused": []}
        use_logits(sets[name], classifier and classifier["cross"])
        _predict(fit_model(other), sets[name], cross_rows, cross_pairs)
        rules_rows = {a.article: [c.row for c in a.claims] for a in sets[name]}
        report["sets"][name] = {
            "rules": _score(sets[name], rules_rows),
            "oof": _score(sets[name], {a.article: oof_rows[a.article] for a in sets[name]}),
            "cross": _score(sets[name], cross_rows),
            "ece_cross": {k: ece(v) for k, v in cross_pairs.items()},
        }
    use_logits(everything, classifier and classifier["oof"])
    if spread > 1:
        report["spread"] = seed_spread(sets, folds, range(seed, seed + spread))
        report["spread_seeds"] = spread
    return report


_MEASURES = (
    ("claim F1", "claim_F1"),
    ("speaker", "speaker_acc"),
    ("act", "act_acc"),
    ("reported_by", "reported_by_acc"),
    ("accused P/R/F1", "accused_P_R_F1"),
    ("edges P/R/F1", "accusation_edges_P_R_F1"),
    ("about P/R/F1", "about_P_R_F1"),
)


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "/".join(f"{v:.3f}" for v in value)
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def format_oof(report: dict[str, Any]) -> str:
    """The report as one table per set: measure | rules | out of fold | cross-set."""
    lines = [
        f"out of fold: group {report['folds']}-fold by article over {report['articles']} "
        f"articles (seed {report['seed']}); cross-set: trained on the other set only"
        + ("; with the fine-tuned act classifier" if report.get("classifier") else ""),
        f"ECE out of fold: act {_cell(report['ece_out_of_fold']['act'])}, accused "
        f"{_cell(report['ece_out_of_fold']['accused'])}",
    ]
    for name, cols in report["sets"].items():
        lines += ["", f"{name} ({cols['rules']['articles']} articles)"]
        lines.append(f"{'':16}{'rules':>22}{'out of fold':>22}{'cross-set':>22}")
        for label, key in _MEASURES:
            cells = [_cell(cols[c][key]) for c in ("rules", "oof", "cross")]
            lines.append(f"{label:16}" + "".join(f"{x:>22}" for x in cells))
        acts = sorted(set().union(*(cols[c]["act_recall_by_gold"] for c in ("rules", "oof"))))
        for act in acts:
            cells = [cols[c]["act_recall_by_gold"].get(act, "-") for c in ("rules", "oof", "cross")]
            lines.append(f"{'  ' + act:16}" + "".join(f"{x:>22}" for x in cells))
        lines.append(f"{'ECE cross-set':16}{'':22}{'':22}{_cell(cols['ece_cross']['act']):>22}")
        for key, (mean, std) in report.get("spread", {}).get(name, {}).items():
            label = f"{key.replace('_', ' ')} over {report['spread_seeds']} fold seeds"
            lines.append(f"{label:38}{f'{mean:.3f} ± {std:.3f}':>22}")
    return "\n".join(lines)
