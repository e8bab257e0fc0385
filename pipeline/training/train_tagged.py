"""Train the decision model over the finders' and the tagger's candidates: `make train-tagger`.

    uv run python -m pipeline.training.train_tagged [--oof .cache/tagger/train-oof.npz]

The chooser is the one of `train.py` (`fit.py`: ranker, keep model, out-of-fold calibration
and thresholds), fitted on the union of the finders' candidates and the tagger's
(`decision/tagged.py`). On train the tagger's probabilities are out of fold (`tagger_fit.py
--oof`: each article tagged by a head that never saw it), so the chooser learns how far an
unseen article's tags can be trusted; on dev the shipped tagger runs as at extraction time.
Writes `data/learned/decision_model_tagger.json` and prints train (in-sample) and dev figures
of the rules, the model without the tagger and the model with it. Example output::

    dev   model+tagger: content F1 0.812  end-to-end F1 0.751  speaker 0.934  ECE 0.031
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.common.settings import current
from pipeline.extract import Extractor
from pipeline.extract.claims.decision import TAGGER_MODEL_FILE, LearnedDecider, load_decider
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.extract.encoder import load_article_tagger
from pipeline.extract.encoder.tagger import CHOOSER_FILE, FineTunedTagger
from pipeline.extract.lexicon import DATA_DIR

from .card import figures
from .corpus import load_split, parsed_docs, polnear_dir
from .dataset import build_rows, extractor_source
from .fit import C_KEEP, C_RANKER, fit_model
from .tagger_data import split_data

DEFAULT_OUT = DATA_DIR / "learned" / TAGGER_MODEL_FILE


class OutOfFoldTags:
    """ctx -> the out-of-fold tag probabilities of the train article with that text."""

    def __init__(self, oofs: list[Path], articles: list[dict[str, Any]]) -> None:
        self.by_text = {}
        for oof in oofs:
            z = np.load(oof)
            probs = z["probs"].astype(np.float32)
            if "lengths" in z.files:  # a fine-tuned tagger's: the articles of a fold, in a row
                ends = np.cumsum(z["lengths"]).tolist()
                starts = [0, *ends[:-1]]
                by_name = {str(n): (s, e) for n, s, e in zip(z["names"], starts, ends, strict=True)}
            else:
                data = split_data("train")
                bounds = data.bounds.tolist()
                by_name = {n: tuple(b) for n, b in zip(data.names, bounds, strict=True)}
            for a in articles:
                if a["name"] in by_name:
                    s, e = by_name[a["name"]]
                    self.by_text[_digest(a["text"])] = probs[s:e].reshape(e - s, 3, 3)

    def __call__(self, ctx: Any) -> np.ndarray:
        return self.by_text[_digest(ctx.text)]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _line(name: str, rep: dict[str, Any]) -> str:
    return (
        f"{name}: content P/R/F1 {rep['content']['precision']:.3f} / "
        f"{rep['content']['recall']:.3f} / {rep['content']['f1']:.3f}  end-to-end F1 "
        f"{rep['end_to_end']['f1']:.3f}  speaker {rep['speaker_accuracy']:.3f}  "
        f"ECE {rep['confidence']['ece'] if rep.get('confidence') else float('nan'):.3f}  "
        f"predicted {rep['predicted']}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--oof",
        type=Path,
        nargs="+",
        default=[current().cache_dir / "tagger" / "train-oof.npz"],
        help="out-of-fold tag probabilities (a fine-tuned tagger's: one file per fold)",
    )
    ap.add_argument(
        "--out", type=Path, help=f"default {DEFAULT_OUT}, or a fine-tuned tagger's folder"
    )
    ap.add_argument("--report", type=Path, help="write the figures as JSON here")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    cfg = current()
    # the shipped tagger unless NEWSCLAIMS_TAGGER names a folder (it is off at run time)
    choice = "" if cfg.tagger.lower() in ("", "none", "on") else cfg.tagger
    tagger = load_article_tagger(cfg.encoder, choice, cfg.encoder_threads)
    if tagger is None:
        print("train-tagger: the tagger does not load (see the log); run tagger_fit first")
        return 1
    rules = Extractor(decide=decide_by_rules)
    splits = {s: load_split(s) for s in ("train", "dev")}
    docs = {s: parsed_docs(s, arts, rules) for s, arts in splits.items()}
    tagged = {str(n) for path in args.oof for n in np.load(path)["names"]}
    if len(tagged) < len(splits["train"]):  # out-of-sample tags of one fold only: fit there
        keep = [k for k, a in enumerate(splits["train"]) if a["name"] in tagged]
        splits["train"] = [splits["train"][k] for k in keep]
        docs["train"] = [docs["train"][k] for k in keep]
    out_path = args.out or getattr(tagger, "folder", DEFAULT_OUT.parent) / CHOOSER_FILE
    if args.out is None and not isinstance(tagger, FineTunedTagger):
        out_path = DEFAULT_OUT
    oof = OutOfFoldTags(args.oof, splits["train"])
    rows = build_rows(splits["train"], docs["train"], extractor_source(rules.lexicon, oof))
    print(f"candidates: {len(rows)} ({time.perf_counter() - t0:.0f} s)", flush=True)
    model, report = fit_model(rows, polnear_dir() / "train" / "gold.jsonl")
    meta = {
        "trained_on": f"PolNeAR train, {len(splits['train'])} articles (tagger probabilities "
        "out of fold)",
        "tagger": tagger.fingerprint,
        "articles": len(splits["train"]),
        "candidates": len(rows),
        "tagger_candidates": sum(1 for r in rows if r.group.get("finder=tagger")),
        "positives": report["positives"],
        "regularisation": {"ranker_C": C_RANKER, "keep_C": C_KEEP},
        "thresholds_tried": report["thresholds_tried"],
    }
    model = replace(model, meta=meta)
    model.save(out_path)
    print(f"fit -> {out_path} ({time.perf_counter() - t0:.0f} s)", flush=True)
    plain = load_decider(rules.lexicon)
    extractors = {
        "rules": rules,
        "model": Extractor(decide=plain or decide_by_rules),
        "model+tagger": Extractor(decide=LearnedDecider(model, decide_by_rules, tagger)),
    }
    out: dict[str, Any] = {"meta": meta, "seconds": {}}
    for split in ("dev",):
        gold = polnear_dir() / split / "gold.jsonl"
        for name, ex in extractors.items():
            rep, forms = figures(ex, gold, splits[split], docs[split])
            out[f"{split} {name}"] = {"report": rep, "forms": forms}
            print(_line(f"{split} {name}", rep), flush=True)
    out["seconds"] = time.perf_counter() - t0
    if args.report:
        args.report.write_text(json.dumps(out, indent=1, default=str) + "\n", "utf-8")
    print(f"train-tagger: {out['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
