"""Train the act-and-accused model on the shared analysis gold: part of `make train`.

    uv run python -m pipeline.training.analysis [--gold ../shared/gold] [--out MODEL.npz]

1. Extract the 66 gold articles once with a recording labeller (`analysis_data.py`, cached);
2. measure out of fold and across sets (`training/analysis_oof.py`): the figures of the
   model card, `docs/analysis_model_card.md`;
3. fit the shipped model on all 66 articles, calibrated on inner out-of-fold predictions
   (`analysis_fit.py`), and write `pipeline/extract/data/learned/analysis_model.npz`.

Deterministic: fixed seeds, sorted features, one BLAS thread.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import sklearn

from pipeline.common.paths import PROJECT_ROOT
from pipeline.common.settings import current
from pipeline.extract.claims.labels.learned.labeller import MODEL_PATH
from pipeline.training.analysis_oof import evaluate_oof, format_oof

from . import analysis_fit
from .analysis_data import SETS, load_examples

DEFAULT_CARD = PROJECT_ROOT / "docs" / "analysis_model_card.md"
# the card's prose, with {placeholders} for the figures of each fit
CARD_TEMPLATE = Path(__file__).with_name("analysis_card.md")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=current().shared_dir / "gold")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--card", type=Path, default=DEFAULT_CARD)
    args = ap.parse_args(argv)
    if not all((args.gold / name).is_dir() for name in SETS):
        print(f"train: no analysis gold at {args.gold} (set NEWSCLAIMS_SHARED)")
        return 1
    start = time.perf_counter()
    sets = load_examples(args.gold)
    articles = [a for name in SETS for a in sets[name]]
    report = evaluate_oof(args.gold)
    table = format_oof(report)
    print(table, flush=True)
    meta = {
        "trained_on": "shared gold: analysis (31 articles) + analysis-politics (35)",
        "articles": len(articles),
        "claims": sum(len(a.claims) for a in articles),
        "matched_claims": sum(c.gold_act is not None for a in articles for c in a.claims),
        "C_act": analysis_fit.C_ACT,
        "C_rank": analysis_fit.C_RANK,
        "dense_scale": analysis_fit.DENSE_SCALE,
        "cascade_agreement": analysis_fit.AGREEMENT,
        "scikit_learn": sklearn.__version__,
    }
    model = analysis_fit.fit_model(articles, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    seconds = time.perf_counter() - start
    write_card(args.card, table, model, seconds)
    print(f"analysis model -> {args.out} ({seconds:.0f} s); card -> {args.card}")
    return 0


def write_card(path: Path, table: str, model, seconds: float) -> None:
    """The model card: `analysis_card.md` (the prose, kept by hand) with this fit's figures."""
    meta = model.meta
    text = CARD_TEMPLATE.read_text(encoding="utf-8").format(
        seconds=f"{seconds:.0f}",
        table=table,
        claims=meta["claims"],
        matched_claims=meta["matched_claims"],
        C_act=meta["C_act"],
        C_rank=meta["C_rank"],
        dense_scale=meta["dense_scale"],
        agreement=f"{meta['cascade_agreement']:.0%}",
        cascade=_cascade_text(model.cascade),
    )
    path.write_text(text, encoding="utf-8")


def _cascade_text(cascade: tuple[float, float] | None) -> str:
    if cascade is None:
        return "no threshold agreed enough: every claim the model decides is encoded"
    return f"fitted τ = {cascade[0]:.3f} on all 66 articles, confidence {cascade[1]:.2f}"


if __name__ == "__main__":
    raise SystemExit(main())
