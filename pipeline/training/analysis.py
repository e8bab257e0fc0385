"""Train the act-and-accused model on the shared analysis gold: part of `make train`.

    uv run python -m pipeline.training.analysis [--gold ../shared/gold] [--out MODEL.npz]

1. Extract the 66 gold articles once with a recording labeller (`analysis_data.py`, cached);
2. measure out of fold and across sets (`evaluation/analysis_oof.py`): the figures of the
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
from pipeline.evaluation.analysis_oof import evaluate_oof, format_oof
from pipeline.extract.claims.labels.learned.labeller import MODEL_PATH

from . import analysis_fit
from .analysis_data import SETS, load_examples

DEFAULT_CARD = PROJECT_ROOT / "docs" / "analysis_model_card.md"


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
    """The model card: data, method, out-of-fold figures, limits."""
    meta = model.meta
    path.write_text(
        f"""# Model card: the act-and-accused model (`data/learned/analysis_model.npz`)

Written by `make train` (`pipeline/training/analysis.py`); {seconds:.0f} s on 2 cores
(extraction of the 66 gold articles is cached after the first run).

## What it decides
For every extracted claim, its act (accuse / deny / noncommittal / hedge / assert) with a
calibrated confidence, and for accusations and denials which of the claim's actors are accused,
each with a calibrated confidence. Claims themselves (content, speaker) come from the rules and
the decision model (`docs/model_card.md`).

## Data
The shared analysis gold (`../shared/gold/analysis`, 31 general news articles, CC BY Wikinews
and the seed; `analysis-politics`, 35 PolNeAR train articles): {meta["claims"]} extracted
claims, {meta["matched_claims"]} of them matching a gold claim (the act model's examples);
the candidates of gold accusations and denials train the accused ranker. The held-out set is
never used.

## Method
- Features (`extract/claims/labels/learned/features.py`): the rules' act and the cue's act;
  WordNet 3.0 wrongdoing / wrongdoer / accusation / denial / sanction senses and VADER
  valence of the content's words (derived files in `extract/data/lexicons/`); negation,
  hedges, questions, quotation share; syntax (agent of a wrongdoing, subject of a negative
  predicate, object of an accusation, owner of a wrong, victim, target of a sanction and a
  sanction called for under a modal); all-MiniLM-L6-v2 states (int8 ONNX,
  `extract/data/learned/encoder/`) of the content, the cue and each candidate mention.
- Candidates for the accused: the content's actors, the rules' accused, the speaker, and actors
  named in the cue's sentence or the sentence before.
- Act: multinomial logistic regression (C={meta["C_act"]}, encoder columns scaled by
  {meta["dense_scale"]}); accused: logistic ranker (C={meta["C_rank"]}); temperature and Platt
  calibration fitted on out-of-fold predictions inside the training articles.

## Figures (`make evaluate-analysis`)
Out of fold: every article scored by models fitted without it. Cross-set: fitted on the other
set only. The rules column is in-sample for the 21 older `analysis` articles.

```
{table}
```

## Limits
- 66 articles: per-act figures for deny, hedge and noncommittal rest on a few dozen claims.
- An accused the claim does not name (the target of "she didn't purposely drive …" named only
  paragraphs before, or an implied party) is out of the candidates' reach. Actors of the four
  sentences before were tried as candidates (with distance and mention counts): out of fold
  +0.01 edges F1 political, -0.01 general, cross-set accused F1 -0.05 general; left out.
- Error classes out of fold: `python -m pipeline.evaluation.accusation_errors ../shared/gold`.
- Claims the extractor misses or mis-attributes (claim F1 ≈ 0.76, speaker 0.81–0.90) bound
  what the labels can reach: edges need the speaker right too.
""",
        encoding="utf-8",
    )


if __name__ == "__main__":
    raise SystemExit(main())
