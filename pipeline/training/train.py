"""Train the claim decision model from PolNeAR train: `make train`.

    uv run python -m pipeline.training.train [--out MODEL.json] [--card CARD.md]

1. Parse PolNeAR train and dev once (cached in `.cache/parses/`).
2. Collect every claim candidate of the extractor's finders and passes on train, with its
   boundary alternatives, features and labels (`dataset.py`, `labels.py`).
3. Fit the boundary ranker and the keep model, calibrate, choose thresholds (`fit.py`).
4. Write the model (`pipeline/extract/data/learned/decision_model.json`), score the rules
   and the model on dev and train, and measure where it stops on dev (`limits.py`), for the
   model card (`docs/model_card.md`).
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import sklearn

from pipeline.common.paths import PROJECT_ROOT
from pipeline.extract import Extractor
from pipeline.extract.claims.decision import MODEL_FILE, LearnedDecider
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.extract.lexicon import DATA_DIR

from .card import figures, write_card
from .corpus import load_split, parsed_docs, polnear_dir
from .dataset import build_rows, extractor_source
from .fit import C_KEEP, C_RANKER, fit_model
from .limits import limits

DEFAULT_OUT = DATA_DIR / MODEL_FILE
DEFAULT_CARD = PROJECT_ROOT / "docs" / "model_card.md"


def main(argv: list[str] | None = None) -> int:
    """Train, write the model and its card; returns a process exit code."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model file to write")
    ap.add_argument("--card", type=Path, default=DEFAULT_CARD, help="model card to write")
    args = ap.parse_args(argv)
    if not (polnear_dir() / "train" / "gold.jsonl").exists():
        print(f"train: no PolNeAR corpus at {polnear_dir()} (set NEWSCLAIMS_SHARED)")
        return 1
    start = time.perf_counter()
    timing: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timing[name] = now - since
        print(f"{name}: {now - since:.0f} s", flush=True)
        return now

    rules = Extractor(decide=decide_by_rules)
    splits = {s: load_split(s) for s in ("train", "dev")}
    docs = {s: parsed_docs(s, arts, rules) for s, arts in splits.items()}
    t = lap("parse (cached after the first run)", start)
    rows = build_rows(splits["train"], docs["train"], extractor_source(rules.lexicon))
    t = lap("candidates and features", t)
    model, report = fit_model(rows, polnear_dir() / "train" / "gold.jsonl")
    meta = {
        "trained_on": "PolNeAR train",
        "articles": len(splits["train"]),
        "candidates": len(rows),
        "alternatives": sum(len(r.alts) for r in rows),
        "positives": report["positives"],
        "regularisation": {"ranker_C": C_RANKER, "keep_C": C_KEEP},
        "thresholds_tried": report["thresholds_tried"],
        "scikit_learn": sklearn.__version__,
    }
    model = replace(model, meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    t = lap("fit", t)
    learned = Extractor(decide=LearnedDecider(model, decide_by_rules))
    scores: dict[str, Any] = {}
    for split, arts in splits.items():
        gold = polnear_dir() / split / "gold.jsonl"
        scores[split] = {
            "rules": figures(rules, gold, arts, docs[split]),
            "model": figures(learned, gold, arts, docs[split]),
        }
    dev_rows = build_rows(splits["dev"], docs["dev"], extractor_source(rules.lexicon))
    stops = limits(dev_rows, splits["dev"], model)
    lap("figures", t)
    dev = scores["dev"]["model"][0]
    print(
        f"dev: content F1 {dev['content']['f1']:.3f}  end-to-end F1 "
        f"{dev['end_to_end']['f1']:.3f}  speaker {dev['speaker_accuracy']:.3f}  "
        f"ECE {dev['confidence']['ece']:.3f}"
    )
    info = _card_info(args.out, model, meta, splits, rows, scores, stops, report)
    info["seconds"] = time.perf_counter() - start
    info["timing"] = ", ".join(f"{k} {v:.0f} s" for k, v in timing.items())
    write_card(args.card, info)
    print(f"model: {args.out} ({info['model_bytes'] / 1024:.0f} KB)  card: {args.card}")
    return 0


def _card_info(out, model, meta, splits, rows, scores, stops, report) -> dict[str, Any]:
    """What the model card reports of one training run (timings are added by the caller)."""
    return {
        "model_file": _relative(out),
        "model_bytes": out.stat().st_size,
        "model": {
            "threshold_rule": model.threshold_rule,
            "threshold_new": model.threshold_new,
            "ranker_weights": len(model.ranker.weights),
            "keep_weights": len(model.keep.weights),
        },
        "train_articles": len(splits["train"]),
        "train_gold": sum(len(a["attributions"]) for a in splits["train"]),
        "train_candidates": len(rows),
        "train_alternatives": meta["alternatives"],
        "dev_articles": len(splits["dev"]),
        "figures": scores,
        "limits": stops,
        "out_of_fold": next(
            p
            for p in report["thresholds_tried"]
            if (p["rule"], p["new"]) == (model.threshold_rule, model.threshold_new)
        ),
        "cpus": os.cpu_count(),
    }


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    raise SystemExit(main())
