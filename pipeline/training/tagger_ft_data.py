"""Training data of the fine-tuned attribution tagger: chunks of whole sentences as text.

The fine-tuned tagger (`tagger_finetune.py`, training environment: no spaCy there) reads the
text of a chunk and tags its spaCy tokens, so this step (project environment) writes, per
PolNeAR article, its chunks (`common.chunks.sentence_chunks` with `FT_MAX_TOKENS`, the cut the
run-time tagger makes) as JSON lines: the chunk's text, the character offsets of its spaCy
tokens in that text, and their gold BIO tags (`tagger_data.token_tags`: cue, source, content).
Train articles carry their fold (2 folds by article, seed 27): the shipped tagger learns from
fold 0 and tags fold 1, whose tags are out of sample for the decision model. Example::

    uv run python -m pipeline.training.tagger_ft_data      # -> .cache/tagger-ft/{train,dev}.jsonl
    uv run python -m pipeline.training.tagger_ft_data --score FOLDER   # the exported model, dev

`--score` runs an exported fine-tuned tagger as the extractor does (int8 ONNX, one pass per
chunk) over PolNeAR dev and prints its exact-span F1 per layer (`tagger_fit.py`'s scorer).

    {"article": 0, "name": "...", "fold": 0, "first": 0, "text": "Police said ...",
     "starts": [0, 7, ...], "ends": [6, 11, ...], "tags": [[0, 1, 0], [1, 0, 0], ...]}
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from pipeline.common.chunks import FT_MAX_TOKENS, bio_runs, sentence_chunks
from pipeline.common.settings import current
from pipeline.extract import Extractor
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.extract.encoder import load_article_tagger

from .corpus import load_split, parsed_docs
from .tagger_data import token_tags

FOLDS = 2
SEED = 27


def folds_of(n_articles: int) -> np.ndarray:
    """Fold of every train article (by article, fixed seed; the folds of `tagger_fit.py`).

    >>> folds_of(6).tolist()
    [1, 0, 0, 1, 0, 1]
    """
    return np.random.default_rng(SEED).permutation(n_articles) % FOLDS


def write_split(split: str, out: Path) -> int:
    """Write the chunks of one split; returns the number of chunks."""
    articles = load_split(split)
    docs = parsed_docs(split, articles, Extractor(decide=decide_by_rules))
    folds = folds_of(len(articles)) if split == "train" else np.zeros(len(articles), int)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for k, (article, doc) in enumerate(zip(articles, docs, strict=True)):
            tags = token_tags(doc, article)
            starts = [s.start for s in doc.sents]
            for s, e in sentence_chunks(starts, len(doc), FT_MAX_TOKENS):
                c0 = doc[s].idx
                c1 = doc[e - 1].idx + len(doc[e - 1].text)
                rec = {
                    "article": k,
                    "name": article["name"],
                    "fold": int(folds[k]),
                    "first": s,
                    "n_tokens": len(doc),
                    "text": doc.text[c0:c1],
                    "starts": [t.idx - c0 for t in doc[s:e]],
                    "ends": [t.idx - c0 + len(t.text) for t in doc[s:e]],
                    "tags": tags[s:e].tolist(),
                }
                fh.write(json.dumps(rec) + "\n")
                n += 1
    return n


def score(folder: Path, split: str = "dev") -> dict[str, float]:
    """Exact-span F1 per layer of the tagger in `folder` over a split's spaCy tokens (argmax
    per layer; spans of the split's articles in a row, as `tagger_fit.evaluate` reads them)."""
    tagger = load_article_tagger(tagger=str(folder))
    if tagger is None:
        raise SystemExit(f"{folder}: no tagger loads (see the log)")
    articles = load_split(split)
    docs = parsed_docs(split, articles, Extractor(decide=decide_by_rules))
    pred, gold = [], []
    for article, doc in zip(articles, docs, strict=True):
        pred.append(tagger(SimpleNamespace(doc=doc, text=doc.text)).argmax(-1))
        gold.append(token_tags(doc, article))
    p_all, g_all = np.concatenate(pred), np.concatenate(gold)
    out = {}
    for k, name in enumerate(("cue", "source", "content")):
        p, g = set(bio_runs(p_all[:, k].tolist())), set(bio_runs(g_all[:, k].tolist()))
        out[name] = round(2 * len(p & g) / (len(p) + len(g)), 4) if p or g else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--score", type=Path, help="score the exported tagger in this folder")
    args = ap.parse_args(argv)
    if args.score:
        t0 = time.perf_counter()
        print(f"dev exact spans: {score(args.score)} ({time.perf_counter() - t0:.0f} s)")
        return 0
    folder = current().cache_dir / "tagger-ft"
    folder.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        t0 = time.perf_counter()
        n = write_split(split, folder / f"{split}.jsonl")
        print(f"{split}: {n} chunks in {time.perf_counter() - t0:.0f} s -> {folder}/{split}.jsonl")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
